package cn.nantong.tongtongzai.knowledge;

import java.util.List;

import cn.nantong.tongtongzai.member.Skill;

/** An occupation members write in their profiles (e.g. 律师), its other names and the skills it implies. */
public record Occupation(String id, String name, List<String> synonyms, List<ImpliedSkill> skills) {

    /** A skill an occupation implies, with the level (1–5) it suggests. */
    public record ImpliedSkill(Skill skill, int level) {
    }
}
