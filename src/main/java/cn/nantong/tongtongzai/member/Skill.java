package cn.nantong.tongtongzai.member;

/** A skill, e.g. 水电维修, under the service-post category it serves. */
public record Skill(String id, String name, String categoryId) {
}
