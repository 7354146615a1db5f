package cn.nantong.tongtongzai.organization;

import java.util.Map;
import java.util.Set;

/**
 * How many of each kind a community holds, for its dashboard: only the counts a query selects are computed (the
 * ten together cost about 10 ms a community on the city data); {@link #counted} holds those, and the GraphQL
 * fields read them by name.
 */
public record CommunityCounts(Map<CommunityCount, Long> counted) {

    public CommunityCounts {
        counted = Map.copyOf(counted);
    }

    /** The community and the counts asked of it: the key of one batched read. */
    record Asked(String communityId, Set<CommunityCount> counts) {
    }

    public Long generalBranches() {
        return counted.get(CommunityCount.GENERAL_BRANCHES);
    }

    public Long grids() {
        return counted.get(CommunityCount.GRIDS);
    }

    public Long gridBranches() {
        return counted.get(CommunityCount.GRID_BRANCHES);
    }

    public Long partyGroups() {
        return counted.get(CommunityCount.PARTY_GROUPS);
    }

    public Long microGrids() {
        return counted.get(CommunityCount.MICRO_GRIDS);
    }

    public Long compounds() {
        return counted.get(CommunityCount.COMPOUNDS);
    }

    public Long functionalGroups() {
        return counted.get(CommunityCount.FUNCTIONAL_GROUPS);
    }

    public Long members() {
        return counted.get(CommunityCount.MEMBERS);
    }

    public Long registeredMembers() {
        return counted.get(CommunityCount.REGISTERED_MEMBERS);
    }

    public Long pendingRegistrations() {
        return counted.get(CommunityCount.PENDING_REGISTRATIONS);
    }
}
