package cn.nantong.tongtongzai.member;

/** 单位 — a member's work unit; its party organisation, pairings and members are loaded per field. */
public record Unit(String id, String name, String kind) {
}
