package cn.nantong.tongtongzai.member;

/** 岗位类别 — one of the eight service-post categories, e.g. 法律援助. */
public record PostCategory(String id, String name) {
}
