package cn.nantong.tongtongzai.organization;

/** 街道 — a sub-district; {@code id} is its statistical division code, e.g. 320613001. */
public record Street(String id, String name, String district) {
}
