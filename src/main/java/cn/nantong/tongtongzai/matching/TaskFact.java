package cn.nantong.tongtongzai.matching;

import java.util.Set;

/**
 * What the solver knows of a task: its window (epoch minutes), where it happens, what it needs.
 * {@code slots} are the availability slots its window touches (e.g. WEEKEND_MORNING).
 */
public record TaskFact(String id, String title, String kind, int difficulty, long start, long end, Set<String> slots,
        Set<String> skillIds, String categoryId, String microGridId, String gridId, String communityId,
        String streetId, Set<String> residentIds) {

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
