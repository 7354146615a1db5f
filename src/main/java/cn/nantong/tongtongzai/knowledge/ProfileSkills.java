package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.nantong.tongtongzai.member.MemberProfileChanged;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * Reads skills from what members write about themselves. The occupation (执业律师, 社区医生, 水电工 …) is
 * recognised as an {@code Occupation} by its name or a synonym — the longest one the text contains — and
 * kept as {@code (m)-[:WORKS_AS {text, word}]->(o)}; each skill it implies becomes
 * {@code (m)-[:HAS_SKILL {level, source: 'OCCUPATION', because}]}. An interest that names a skill (书法,
 * 修电脑) gives it at level 2 with source 'INTEREST'. A skill the member declared is never overridden; skills
 * read earlier are replaced, so a changed occupation takes its skills with it. Matching uses them like any.
 */
@Component
public class ProfileSkills {

    /** What an interest says about ability: some, not expert. */
    static final int INTEREST_LEVEL = 2;

    private final Neo4jClient neo4j;
    private final RequestClassifier classifier;
    private final WriteTransactions transactions;

    ProfileSkills(Neo4jClient neo4j, RequestClassifier classifier, WriteTransactions transactions) {
        this.neo4j = neo4j;
        this.classifier = classifier;
        this.transactions = transactions;
    }

    /** In the transaction that created or changed the members, just before it commits. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void changed(MemberProfileChanged event) {
        read(event.memberIds());
    }

    private record OccupationTerms(String id, String name, List<String> words, List<Map<String, Object>> implied) {
    }

    /** Reads the profiles of these members and replaces the skills read before; returns the skills read. */
    public int read(List<String> memberIds) {
        if (memberIds.isEmpty()) {
            return 0;
        }
        return transactions.execute(status -> {
            List<OccupationTerms> occupations = occupations();
            List<Map<String, Object>> rows = new ArrayList<>();
            int read = 0;
            for (Map<String, Object> member : neo4j.query("""
                    UNWIND $ids AS id
                    MATCH (m:Member {id: id})
                    RETURN m.id AS id, m.occupation AS occupation, coalesce(m.interests, []) AS interests""")
                    .bind(memberIds).to("ids").fetch().all()) {
                Map<String, Object> row = profile(member, occupations);
                read += ((List<?>) row.get("skills")).size();
                rows.add(row);
            }
            neo4j.query("""
                    UNWIND $rows AS row
                    MATCH (m:Member {id: row.id})
                    CALL (m) {
                      OPTIONAL MATCH (m)-[w:WORKS_AS]->(:Occupation)
                      DELETE w
                    }
                    CALL (m) {
                      OPTIONAL MATCH (m)-[h:HAS_SKILL]->(:Skill) WHERE h.source IS NOT NULL
                      DELETE h
                    }
                    CALL (m, row) {
                      MATCH (o:Occupation {id: row.occupationId})
                      CREATE (m)-[:WORKS_AS {text: row.occupation, word: row.word}]->(o)
                    }
                    CALL (m, row) {
                      UNWIND row.skills AS skill
                      MATCH (s:Skill {id: skill.skillId})
                      WHERE NOT EXISTS { (m)-[:HAS_SKILL]->(s) }
                      CREATE (m)-[:HAS_SKILL {level: skill.level, source: skill.source, because: skill.because}]->(s)
                    }
                    SET m.profileReadAt = datetime()""").bind(rows).to("rows").run();
            return read;
        });
    }

    /** One member's occupation and the skills read from it and from the interests. */
    private Map<String, Object> profile(Map<String, Object> member, List<OccupationTerms> occupations) {
        String text = Values.string(member, "occupation");
        OccupationTerms recognised = null;
        String word = null;
        for (OccupationTerms o : text == null ? List.<OccupationTerms>of() : occupations) {
            for (String w : o.words()) {
                if (text.contains(w) && (word == null || w.length() > word.length())) {
                    recognised = o;
                    word = w;
                }
            }
        }
        Map<String, Map<String, Object>> skills = new LinkedHashMap<>();
        if (recognised != null) {
            String because = "职业「" + text + "」→ " + recognised.name();
            for (Map<String, Object> implied : recognised.implied()) {
                skills.put(Values.string(implied, "skillId"), skill(Values.string(implied, "skillId"),
                        Values.integer(implied, "level"), "OCCUPATION", because));
            }
        }
        for (String interest : Values.strings(member, "interests")) {
            List<RequestClassifier.SkillMatch> matches = classifier.skillsIn(interest);
            // one name, synonym or unshared keyword at least: 喜欢 or 运动 alone names no skill
            if (!matches.isEmpty() && matches.getFirst().score() >= RequestClassifier.KEYWORD_WEIGHT) {
                String skillId = matches.getFirst().skillId();
                skills.putIfAbsent(skillId, skill(skillId, INTEREST_LEVEL, "INTEREST", "兴趣特长「" + interest + "」"));
            }
        }
        Map<String, Object> row = new HashMap<>();
        row.put("id", Values.string(member, "id"));
        row.put("occupation", text);
        row.put("occupationId", recognised == null ? null : recognised.id());
        row.put("word", word);
        row.put("skills", List.copyOf(skills.values()));
        return row;
    }

    private static Map<String, Object> skill(String skillId, int level, String source, String because) {
        return Map.of("skillId", skillId, "level", level, "source", source, "because", because);
    }

    private List<OccupationTerms> occupations() {
        return neo4j.query("""
                MATCH (o:Occupation)
                RETURN o.id AS id, o.name AS name, [o.name] + coalesce(o.synonyms, []) AS words,
                       COLLECT { MATCH (o)-[i:IMPLIES_SKILL]->(s:Skill) RETURN {skillId: s.id, level: i.level} } AS implied
                ORDER BY id""").fetch().all().stream()
                .map(row -> new OccupationTerms(Values.string(row, "id"), Values.string(row, "name"),
                        Values.strings(row, "words"), ((List<?>) row.get("implied")).stream().map(Values::map).toList()))
                .toList();
    }
}
