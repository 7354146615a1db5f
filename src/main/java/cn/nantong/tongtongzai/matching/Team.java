package cn.nantong.tongtongzai.matching;

import java.util.Map;

/**
 * A functional branch or group (功能型党支部/党小组) that may claim a team task (组团认领): its size, how many of
 * its members hold each skill and live in each grid, and its members' service minutes in the period.
 * {@code branchId} is the branch itself, or the branch a group belongs to.
 */
public record Team(String id, String name, String branchId, String communityId, int members,
        Map<String, Integer> skillHolders, Map<String, Integer> residentsByGrid, int historyMinutes) {

    /** Members holding any of the skills, counting each member once at most per skill list (an upper bound). */
    int holdersOf(java.util.Set<String> skills) {
        return Math.min(members, skills.stream().mapToInt(s -> skillHolders.getOrDefault(s, 0)).sum());
    }

    int livingIn(String gridId) {
        return gridId == null ? 0 : residentsByGrid.getOrDefault(gridId, 0);
    }

    /** Minutes served per member so far (the team's load, fair across sizes). */
    int minutesPerMember() {
        return members == 0 ? historyMinutes : historyMinutes / members;
    }

    boolean invitedTo(java.util.Set<String> invitedTeamIds) {
        return invitedTeamIds.contains(id) || invitedTeamIds.contains(branchId);
    }

    @Override
    public String toString() {
        return id;
    }
}
