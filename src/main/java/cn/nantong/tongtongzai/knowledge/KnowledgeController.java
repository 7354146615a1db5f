package cn.nantong.tongtongzai.knowledge;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.Skill;

/** graphql/knowledge.graphqls */
@Controller
class KnowledgeController {

    private final KnowledgeService knowledge;

    KnowledgeController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @QueryMapping
    List<Skill> skills(@Argument String categoryId) {
        return knowledge.skills(categoryId);
    }

    @QueryMapping
    List<Occupation> occupations() {
        return knowledge.occupations();
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, List<String>> synonyms(List<Skill> skills) {
        return about(skills, SkillKnowledge::synonyms);
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, List<String>> keywords(List<Skill> skills) {
        return about(skills, SkillKnowledge::keywords);
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, List<Skill>> broader(List<Skill> skills) {
        return about(skills, SkillKnowledge::broader);
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, List<Skill>> narrower(List<Skill> skills) {
        return about(skills, SkillKnowledge::narrower);
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, List<SkillKnowledge.Substitute>> substitutes(List<Skill> skills) {
        return about(skills, SkillKnowledge::substitutes);
    }

    /** One statement for all the skills of a response field. */
    private <T> Map<Skill, T> about(List<Skill> skills, Function<SkillKnowledge, T> part) {
        Map<String, SkillKnowledge> known = knowledge.knowledge(skills.stream().map(Skill::id).distinct().toList());
        return skills.stream().distinct().collect(Collectors.toMap(Function.identity(),
                skill -> part.apply(known.getOrDefault(skill.id(), SkillKnowledge.NONE))));
    }
}
