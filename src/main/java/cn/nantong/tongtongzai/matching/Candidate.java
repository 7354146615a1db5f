package cn.nantong.tongtongzai.matching;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A member who may take a seat: where they live, what they can do and when, and what they already carry
 * — hours served in the fairness period, commitments outside the problem ({@code busy} windows and
 * minutes per week), satisfaction so far, residents they served before.
 */
public record Candidate(String id, String name, Map<String, Integer> skillLevels, Set<String> availability,
        Set<String> postCategories, String microGridId, String gridId, String communityId, String streetId,
        int historyMinutes, List<long[]> busy, Map<Integer, Integer> committedMinutesByWeek, int weeklyCapMinutes,
        Double satisfaction, Set<String> servedResidentIds) {

    public boolean hasAnySkill(Set<String> skills) {
        return skills.stream().anyMatch(skillLevels::containsKey);
    }

    /** The best level among the given skills (0 when none). */
    public int bestLevel(Set<String> skills) {
        return skills.stream().mapToInt(s -> skillLevels.getOrDefault(s, 0)).max().orElse(0);
    }

    public boolean busyDuring(TaskFact task) {
        return busy.stream().anyMatch(window -> task.overlaps(window[0], window[1]));
    }

    public int committedIn(int week) {
        return committedMinutesByWeek.getOrDefault(week, 0);
    }

    /**
     * By id alone: the constraints group seats by member, and a record's own hash would walk every skill,
     * slot, busy window and served resident at each lookup. Equality stays the record's (an equal member has the same id).
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
