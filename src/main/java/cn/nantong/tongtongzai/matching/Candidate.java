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

    // loops, not streams: the constraints call these for every seat they score

    public boolean hasAnySkill(Set<String> skills) {
        for (String skill : skills) {
            if (skillLevels.containsKey(skill)) {
                return true;
            }
        }
        return false;
    }

    /** The best level among the given skills (0 when none). */
    public int bestLevel(Set<String> skills) {
        if (skills.isEmpty()) {
            return 0;
        }
        int best = Integer.MIN_VALUE;
        for (String skill : skills) {
            best = Math.max(best, skillLevels.getOrDefault(skill, 0));
        }
        return best;
    }

    public boolean busyDuring(TaskFact task) {
        for (long[] window : busy) {
            if (task.overlaps(window[0], window[1])) {
                return true;
            }
        }
        return false;
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
