package cn.nantong.tongtongzai.organization;

/** How many of each kind a community holds, for its dashboard. */
public record CommunityCounts(long generalBranches, long grids, long gridBranches, long partyGroups, long microGrids,
        long compounds, long functionalGroups, long members, long registeredMembers, long pendingRegistrations) {
}
