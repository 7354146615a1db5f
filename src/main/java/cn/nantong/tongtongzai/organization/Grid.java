package cn.nantong.tongtongzai.organization;

/** 网格 — a governance grid of a community; its party branch is a grid branch. */
public record Grid(String id, String name) {
}
