package cn.nantong.tongtongzai.organization;

/** 功能型党小组 — a sub-group of the functional branch, embedded in one grid branch. */
public record FunctionalGroup(String id, String name, String functionalBranchId, String gridBranchId) {
}
