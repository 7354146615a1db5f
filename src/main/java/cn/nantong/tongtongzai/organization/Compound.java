package cn.nantong.tongtongzai.organization;

/** 小区 — a residential compound: OLD 老旧小区, RESETTLEMENT 拆迁安置小区 or NEW_COMMERCIAL 新建商品房小区. */
public record Compound(String id, String name, String kind) {
}
