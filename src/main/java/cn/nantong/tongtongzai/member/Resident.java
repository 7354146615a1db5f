package cn.nantong.tongtongzai.member;

/** 居民 — a resident (not a member) who posts requests; personal data. */
public record Resident(String id, String name, String phone, String residenceId) {
}
