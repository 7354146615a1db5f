package cn.nantong.tongtongzai.matching;

import java.util.Map;
import java.util.Set;

/**
 * What the solver knows of a task: its window (epoch minutes), where it happens, what it needs.
 * {@code slots} are the availability slots its window touches (e.g. WEEKEND_MORNING). {@code substitutes}
 * are skills the knowledge graph says can stand in for the required ones, with their strength (0–1), and
 * {@code substituteNames} their names (for the reasons a secretary reads).
 */
public record TaskFact(String id, String title, String kind, int difficulty, long start, long end, Set<String> slots,
        Set<String> skillIds, String categoryId, String microGridId, String gridId, String communityId,
        String streetId, Set<String> residentIds, Map<String, Double> substitutes, Map<String, String> substituteNames) {

    /** A task without stand-in skills. */
    public TaskFact(String id, String title, String kind, int difficulty, long start, long end, Set<String> slots,
            Set<String> skillIds, String categoryId, String microGridId, String gridId, String communityId,
            String streetId, Set<String> residentIds) {
        this(id, title, kind, difficulty, start, end, slots, skillIds, categoryId, microGridId, gridId, communityId, streetId,
                residentIds, Map.of(), Map.of());
    }

    /** The strength of the member's best stand-in skill, 0 when the member holds none (or holds a required one). */
    public double substituteStrength(Candidate member) {
        if (skillIds.isEmpty() || member.hasAnySkill(skillIds)) {
            return 0;
        }
        if (member.skillLevels().isEmpty()) {
            return 0;
        }
        double best = Double.NEGATIVE_INFINITY; // a loop, not a stream: the constraints ask for every seat they score
        for (String skill : member.skillLevels().keySet()) {
            best = Math.max(best, substitutes.getOrDefault(skill, 0.0));
        }
        return best;
    }

    /** The member's best stand-in skill, null when none. */
    public String substituteOf(Candidate member) {
        return member.skillLevels().keySet().stream().filter(substitutes::containsKey)
                .max(java.util.Comparator.comparingDouble(substitutes::get)).orElse(null);
    }

    public int minutes() {
        return (int) (end - start);
    }

    /** ISO week of the start (weeks run Monday to Sunday in Nantong time), as yyyy*100+week. */
    public int week() {
        return Availability.week(start);
    }

    public boolean overlaps(long otherStart, long otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
