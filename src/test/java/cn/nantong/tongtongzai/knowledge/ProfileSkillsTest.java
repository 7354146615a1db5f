package cn.nantong.tongtongzai.knowledge;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Members' free-text occupations and interests read as skills, kept in the graph and explained. */
class ProfileSkillsTest extends IntegrationTest {

    static final String MEMBER = """
            query($id: ID!) { member(id: $id) { occupation recognisedOccupation { id name }
              skills { skill { id } level source because } } }""";

    @Autowired
    Driver driver;

    @Autowired
    KnowledgeBackfill backfill;

    FlowFixture flow;

    @BeforeEach
    void tinyCity() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
    }

    @Test
    void anOccupationAndInterestsBecomeExplainedSkillsThatFollowTheProfile() {
        String id = graphQl.document("""
                        mutation { createMember(input: {name: "吴律师", gender: FEMALE, birthYear: 1985, phone: "13900000081",
                          unitId: "U0001", residenceId: "320613001001-W01-P1-M01", occupation: "执业律师（南通某律所）",
                          skills: [{skillId: "legal_consulting", level: 2}], interests: ["书法", "钓鱼"]}) { member { id } } }""")
                .execute().path("createMember.member.id").entity(String.class).get();
        Map<String, Object> member = member(id);
        assertThat(member).containsEntry("recognisedOccupation", Map.of("id", "lawyer", "name", "律师"));
        Map<String, Map<String, Object>> skills = skills(member);
        assertThat(skills.get("legal_consulting")).as("what she declared wins over what her occupation implies (5)")
                .containsEntry("level", 2).containsEntry("source", "DECLARED");
        assertThat(skills.get("contract_review")).containsEntry("level", 4).containsEntry("source", "OCCUPATION")
                .containsEntry("because", "职业「执业律师（南通某律所）」→ 律师");
        assertThat(skills.get("calligraphy_painting")).containsEntry("level", 2).containsEntry("source", "INTEREST")
                .containsEntry("because", "兴趣特长「书法」");
        assertThat(skills).hasSize(1 + 6 + 1); // declared, the lawyer's six others, 书法; 钓鱼 names no skill
        assertThat(flow.count("""
                MATCH (:Member {id: $id})-[w:WORKS_AS {word: '执业律师'}]->(:Occupation {id: 'lawyer'}) RETURN count(w)""",
                Map.of("id", id))).isOne();

        // a new occupation takes the old one's skills with it
        graphQl.document("mutation($id: ID!) { updateMember(input: {id: $id, occupation: \"社区卫生服务中心全科医生\"}) { member { id } } }")
                .variable("id", id).execute().path("updateMember.member.id").hasValue();
        member = member(id);
        assertThat(member).containsEntry("recognisedOccupation", Map.of("id", "community_doctor", "name", "社区医生"));
        skills = skills(member);
        assertThat(skills).doesNotContainKey("contract_review").containsKey("legal_consulting");
        assertThat(skills.get("blood_pressure_check")).containsEntry("level", 5).containsEntry("source", "OCCUPATION");

        // declaring skills anew keeps what the occupation implies
        graphQl.document("mutation($id: ID!) { updateMember(input: {id: $id, skills: [{skillId: \"tutoring\", level: 3}]}) { member { id } } }")
                .variable("id", id).execute().path("updateMember.member.id").hasValue();
        assertThat(skills(member(id))).containsKeys("tutoring", "blood_pressure_check").doesNotContainKey("legal_consulting");

        // no occupation: no occupation skills
        graphQl.document("mutation($id: ID!) { updateMember(input: {id: $id, occupation: \"\"}) { member { id } } }")
                .variable("id", id).execute().path("updateMember.member.id").hasValue();
        member = member(id);
        assertThat(member).containsEntry("occupation", null).containsEntry("recognisedOccupation", null);
        assertThat(skills(member)).containsOnlyKeys("tutoring", "calligraphy_painting");
    }

    @Test
    void aTooLongOccupationIsRefusedAndChangesNothing() {
        String id = flow.confirmedMembers(FlowFixture.DEMIN).getFirst();
        Map<String, Object> before = member(id);
        expectError(graphQl.document("mutation($id: ID!, $o: String!) { updateMember(input: {id: $id, occupation: $o}) { member { id } } }")
                .variable("id", id).variable("o", "律".repeat(31)).execute(), "INVALID_OCCUPATION");
        expectError(graphQl.document("mutation($id: ID!, $o: String!) { updateMember(input: {id: $id, occupation: $o}) { member { id } } }")
                .variable("id", id).variable("o", "电工\u0000").execute(), "INVALID_CHARACTERS"); // the guard of every mutation
        assertThat(member(id)).isEqualTo(before);
    }

    @Test
    void theBackfillClassifiesEarlierRequestsAndReadsProfilesOnce() {
        // requests written before the knowledge feature existed (the tiny data set has no history)
        database.write("""
                MATCH (c:Community {id: '320613001001'})
                UNWIND ['楼道灯坏了好几天，晚上看不见', '今天天气不错', '想请人帮忙调解邻居装修噪音'] AS text
                CREATE (:Request {id: 'legacy-' + text, text: text, state: 'SUBMITTED', submittedAt: datetime()})-[:IN_COMMUNITY]->(c)""");
        long withProfile = flow.count("""
                MATCH (m:Member) WHERE m.occupation IS NOT NULL OR size(coalesce(m.interests, [])) > 0 RETURN count(m)""", Map.of());
        long requests = flow.count("MATCH (r:Request) WHERE r.state <> 'MERGED' RETURN count(r)", Map.of());
        assertThat(withProfile).isPositive();
        assertThat(requests).isPositive();

        KnowledgeBackfill.Result done = backfill.run();
        assertThat(done.members()).isEqualTo(withProfile);
        assertThat(done.requests()).isEqualTo(requests);
        assertThat(flow.count("MATCH (r:Request) WHERE r.state <> 'MERGED' AND r.classifiedAt IS NULL RETURN count(r)", Map.of())).isZero();
        // the demo history's 楼道灯 requests now need an electrician's skill, in the classifier's name
        assertThat(flow.strings("""
                MATCH (r:Request)-[n:NEEDS_SKILL {by: 'CLASSIFIER'}]->(s:Skill) WHERE r.text STARTS WITH '楼道灯坏了'
                RETURN DISTINCT s.id""", Map.of())).isNotEmpty().isSubsetOf(List.of("plumbing_electrical", "circuit_repair"));
        // every member who wrote 执业律师 works as a lawyer now, with the skills it implies
        assertThat(flow.count("""
                MATCH (m:Member {occupation: '执业律师'}) WHERE NOT (m)-[:WORKS_AS]->(:Occupation {id: 'lawyer'})
                RETURN count(m)""", Map.of())).isZero();
        assertThat(flow.count("MATCH (:Member)-[h:HAS_SKILL {source: 'OCCUPATION'}]->() RETURN count(h)", Map.of())).isPositive();

        assertThat(backfill.run()).as("nothing is read twice").isEqualTo(new KnowledgeBackfill.Result(0, 0));
    }

    private Map<String, Object> member(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> member = graphQl.document(MEMBER).variable("id", id).execute().path("member").entity(Map.class).get();
        return member;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> skills(Map<String, Object> member) {
        Map<String, Map<String, Object>> byId = new java.util.TreeMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) member.get("skills")) {
            byId.put((String) ((Map<?, ?>) s.get("skill")).get("id"), s);
        }
        return byId;
    }
}
