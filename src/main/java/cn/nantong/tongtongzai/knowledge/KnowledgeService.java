package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.Skill;
import cn.nantong.tongtongzai.platform.neo4j.Values;

/**
 * Reads the skill knowledge graph (cypher/migrations/V006): skills with synonyms and keywords, BROADER
 * and SUBSTITUTES between skills, occupations and the skills they imply.
 */
@Service
@Transactional(readOnly = true)
public class KnowledgeService {

    /** A skill as the other features see it: id, name and the category it serves. */
    static final String SKILL = "{id: %1$s.id, name: %1$s.name, categoryId: COLLECT { MATCH (%1$s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0]}";

    private final Neo4jClient neo4j;

    KnowledgeService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** Every skill, or a category's, by category then name. */
    public List<Skill> skills(String categoryId) {
        return neo4j.query("""
                MATCH (s:Skill)
                OPTIONAL MATCH (s)-[:SERVES]->(c:PostCategory)
                WITH s, c WHERE $categoryId IS NULL OR c.id = $categoryId
                ORDER BY c.id, s.name
                RETURN s.id AS id, s.name AS name, c.id AS categoryId""")
                .bindAll(parameters("categoryId", categoryId)).fetch().all().stream()
                .map(row -> new Skill(Values.string(row, "id"), Values.string(row, "name"), Values.string(row, "categoryId")))
                .toList();
    }

    /** What the graph knows of each skill, read in one statement. */
    public Map<String, SkillKnowledge> knowledge(Collection<String> skillIds) {
        Map<String, SkillKnowledge> known = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id
                MATCH (s:Skill {id: id})
                RETURN id, coalesce(s.synonyms, []) AS synonyms, coalesce(s.keywords, []) AS keywords,
                       COLLECT { MATCH (s)-[:BROADER]->(b:Skill) RETURN %s ORDER BY b.name } AS broader,
                       COLLECT { MATCH (s)<-[:BROADER]-(n:Skill) RETURN %s ORDER BY n.name } AS narrower,
                       COLLECT { MATCH (s)<-[r:SUBSTITUTES]-(x:Skill) RETURN {skill: %s, strength: r.strength}
                                 ORDER BY r.strength DESC, x.name } AS substitutes"""
                        .formatted(SKILL.formatted("b"), SKILL.formatted("n"), SKILL.formatted("x")))
                .bind(List.copyOf(skillIds)).to("ids").fetch().all().forEach(row -> {
                    List<SkillKnowledge.Substitute> substitutes = new ArrayList<>();
                    for (Object s : (List<?>) row.get("substitutes")) {
                        Map<String, Object> m = Values.map(s);
                        substitutes.add(new SkillKnowledge.Substitute(skill(m.get("skill")), Values.decimal(m, "strength")));
                    }
                    known.put(Values.string(row, "id"), new SkillKnowledge(Values.strings(row, "synonyms"),
                            Values.strings(row, "keywords"), skills(row.get("broader")), skills(row.get("narrower")), substitutes));
                });
        return known;
    }

    /** The skills a secretary said each request needs. */
    public Map<String, List<Skill>> neededSkills(Collection<String> requestIds) {
        Map<String, List<Skill>> needed = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id
                MATCH (:Request {id: id})-[:NEEDS_SKILL]->(s:Skill)
                WITH id, s ORDER BY s.name
                RETURN id, collect(%s) AS skills""".formatted(SKILL.formatted("s")))
                .bind(List.copyOf(requestIds)).to("ids").fetch().all()
                .forEach(row -> needed.put(Values.string(row, "id"), skills(row.get("skills"))));
        return needed;
    }

    /** Occupations by name, each with the skills it implies (highest level first). */
    public List<Occupation> occupations() {
        return neo4j.query("""
                MATCH (o:Occupation)
                RETURN o.id AS id, o.name AS name, coalesce(o.synonyms, []) AS synonyms,
                       COLLECT { MATCH (o)-[r:IMPLIES_SKILL]->(s:Skill) RETURN {skill: %s, level: r.level}
                                 ORDER BY r.level DESC, s.name } AS skills
                ORDER BY name""".formatted(SKILL.formatted("s")))
                .fetch().all().stream().map(row -> {
                    List<Occupation.ImpliedSkill> implied = new ArrayList<>();
                    for (Object s : (List<?>) row.get("skills")) {
                        Map<String, Object> m = Values.map(s);
                        implied.add(new Occupation.ImpliedSkill(skill(m.get("skill")), Values.integer(m, "level")));
                    }
                    return new Occupation(Values.string(row, "id"), Values.string(row, "name"), Values.strings(row, "synonyms"), implied);
                }).toList();
    }

    /** The occupation recognised in each member's profile (WORKS_AS), by member id; members without one are absent. */
    public Map<String, Occupation> occupationsOfMembers(List<String> memberIds) {
        Map<String, Occupation> byId = new HashMap<>();
        occupations().forEach(o -> byId.put(o.id(), o));
        Map<String, Occupation> result = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id
                MATCH (:Member {id: id})-[:WORKS_AS]->(o:Occupation)
                RETURN id, o.id AS occupationId""").bind(memberIds).to("ids").fetch().all()
                .forEach(row -> result.put(Values.string(row, "id"), byId.get(Values.string(row, "occupationId"))));
        return result;
    }

    private static List<Skill> skills(Object list) {
        return ((List<?>) list).stream().map(KnowledgeService::skill).toList();
    }

    private static Skill skill(Object value) {
        Map<String, Object> s = Values.map(value);
        return new Skill(Values.string(s, "id"), Values.string(s, "name"), Values.string(s, "categoryId"));
    }

    private static Map<String, Object> parameters(String key, Object value) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(key, value);
        return parameters;
    }
}
