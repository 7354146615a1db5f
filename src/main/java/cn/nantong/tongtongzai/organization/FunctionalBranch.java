package cn.nantong.tongtongzai.organization;

/** 功能型党支部 — the community's branch of registered in-service members. */
public record FunctionalBranch(String id, String name, String communityId) {
}
