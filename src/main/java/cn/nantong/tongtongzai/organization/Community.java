package cn.nantong.tongtongzai.organization;

/** 社区 — an urban community under a street; {@code id} is its division code, e.g. 320613001001. */
public record Community(String id, String name, String streetId) {
}
