package cn.nantong.tongtongzai.knowledge;

import java.util.List;

import cn.nantong.tongtongzai.member.Skill;

/**
 * What the knowledge graph says about one skill: other names for it, the words residents use when they
 * need it, its broader and narrower skills, and the skills whose holders can stand in for it.
 */
public record SkillKnowledge(List<String> synonyms, List<String> keywords, List<Skill> broader, List<Skill> narrower,
        List<Substitute> substitutes) {

    static final SkillKnowledge NONE = new SkillKnowledge(List.of(), List.of(), List.of(), List.of(), List.of());

    /** A skill whose holders can stand in, and how well (0–1). */
    public record Substitute(Skill skill, double strength) {
    }
}
