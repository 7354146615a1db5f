package cn.nantong.tongtongzai.member;

import static cn.nantong.tongtongzai.member.RegistrationTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** Creating, changing and finding members; every validation path answers a typed error and writes nothing. */
class MemberTest extends IntegrationTest {

    static final String CREATE = """
            mutation($input: CreateMemberInput!) { createMember(input: $input) {
              member { id name gender birthYear phone unit { id } residence { id } community { id }
                       skills { level source skill { id category { id } } } postCategories { id } interests availability roles
                       registration { id } } } }""";


    @Autowired
    Driver driver;

    @BeforeEach
    void tiny() {
        database.loadTiny();
    }

    @Test
    void createsAMemberWithEverythingLinked() {
        create("""
                {"name": "陈晓东", "gender": "MALE", "birthYear": 1985, "phone": "13900001111", "unitId": "U0002",
                 "residenceId": "320613001001-W01-P1-M01", "skills": [{"skillId": "legal_consulting", "level": 5}],
                 "postCategoryIds": ["LEGAL_AID"], "interests": ["书法"], "availability": ["WEEKEND_MORNING"],
                 "roles": ["GRID_VOLUNTEER"]}""")
                .path("createMember.member.name").entity(String.class).isEqualTo("陈晓东")
                .path("createMember.member.unit.id").entity(String.class).isEqualTo("U0002")
                .path("createMember.member.community.id").entity(String.class).isEqualTo("320613001001")
                .path("createMember.member.skills[?(@.source == 'DECLARED')].skill.category.id").entityList(String.class)
                .containsExactly("LEGAL_AID")
                .path("createMember.member.skills[?(@.source == 'DECLARED')].level").entityList(Integer.class).containsExactly(5)
                // the interest 书法 names a skill (knowledge feature)
                .path("createMember.member.skills[?(@.source == 'INTEREST')].skill.id").entityList(String.class)
                .containsExactly("calligraphy_painting")
                .path("createMember.member.postCategories[0].id").entity(String.class).isEqualTo("LEGAL_AID")
                .path("createMember.member.roles[0]").entity(String.class).isEqualTo("GRID_VOLUNTEER")
                .path("createMember.member.registration").valueIsNull();
    }

    @Test
    void reportsEveryFormatProblemAtOnceWithoutEchoingThePhone() {
        long before = members();
        create("""
                {"name": "X", "gender": "FEMALE", "birthYear": 2025, "phone": "12345", "unitId": "U0001",
                 "residenceId": "320613001001-W01-P1-M01", "skills": [{"skillId": "cleaning", "level": 9},
                 {"skillId": "cleaning", "level": 2}], "interests": ["%s"]}""".formatted("很长".repeat(20)))
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_INPUT");
                    assertThat(errors.getFirst().getExtensions().get("problems").toString()).contains(
                            "INVALID_NAME", "INVALID_BIRTH_YEAR", "INVALID_PHONE", "INVALID_SKILL_LEVEL",
                            "DUPLICATE_SKILL", "INVALID_INTERESTS");
                    assertThat(errors.getFirst().getMessage()).doesNotContain("12345");
                });
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void refusesReferencesThatDoNotExist() {
        long before = members();
        create("""
                {"name": "陈晓东", "gender": "MALE", "birthYear": 1985, "phone": "13900001111", "unitId": "U9999",
                 "residenceId": "nowhere", "skills": [{"skillId": "juggling", "level": 3}], "postCategoryIds": ["NOPE"]}""")
                .errors().satisfy(errors -> assertThat(errors.getFirst().getExtensions().get("problems").toString())
                        .contains("UNIT_NOT_FOUND", "RESIDENCE_NOT_FOUND", "SKILL_NOT_FOUND", "POST_CATEGORY_NOT_FOUND"));
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void aPhoneNumberBelongsToOneMember() {
        String phone = driver.executableQuery("MATCH (m:Member {id: 'M000001'}) RETURN m.phone").execute()
                .records().getFirst().get(0).asString();
        var response = create("""
                {"name": "陈晓东", "gender": "MALE", "birthYear": 1985, "phone": "%s", "unitId": "U0001",
                 "residenceId": "320613001001-W01-P1-M01"}""".formatted(phone));
        expectError(response, "DUPLICATE_PHONE", "手机号");
        response.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage()).doesNotContain(phone));
    }

    @Test
    void neverEchoesAPhoneNumberEvenInGraphQlValidationErrors() {
        // an inline input missing a required field: graphql-java would quote the whole input back
        graphQl.document("""
                        mutation { createMember(input: {gender: MALE, birthYear: 1985, phone: "13900001111", unitId: "U0001",
                          residenceId: "320613001001-W01-P1-M01"}) { member { id } } }""")
                .execute().errors().satisfy(errors -> {
                    assertThat(errors).isNotEmpty();
                    assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("13900001111"));
                    assertThat(errors.getFirst().getMessage()).contains("name");
                });
    }

    @Test
    void concurrentCreationsCannotShareAPhoneNumber() throws Exception {
        var attempts = new java.util.ArrayList<java.util.concurrent.Callable<Object>>();
        for (int i = 0; i < 6; i++) {
            attempts.add(() -> {
                create("""
                        {"name": "陈晓东", "gender": "MALE", "birthYear": 1985, "phone": "13911119999", "unitId": "U0001",
                         "residenceId": "320613001001-W01-P1-M01"}""")
                        .errors().satisfy(errors -> assertThat(errors)
                                .allSatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "DUPLICATE_PHONE")));
                return null;
            });
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var attempt : pool.invokeAll(attempts)) {
                attempt.get();
            }
        }
        assertThat(driver.executableQuery("MATCH (m:Member {phone: '13911119999'}) RETURN count(m)").execute()
                .records().getFirst().get(0).asLong()).isEqualTo(1);
    }

    @Test
    void updatesOnlyWhatIsGiven() {
        graphQl.document("""
                        mutation { updateMember(input: {id: "M000002", unitId: "U0003", skills: [{skillId: "first_aid", level: 2}],
                          availability: [WEEKDAY_EVENING]}) { member { name unit { id } skills { source skill { id } } availability } } }""")
                .execute()
                .path("updateMember.member.unit.id").entity(String.class).isEqualTo("U0003")
                .path("updateMember.member.skills[?(@.source == 'DECLARED')].skill.id").entityList(String.class).containsExactly("first_aid")
                .path("updateMember.member.availability").entityList(String.class).containsExactly("WEEKDAY_EVENING");
        graphQl.document("mutation { updateMember(input: {id: \"M000002\", unitId: \"U0004\"}) { member { id } } }").execute()
                .path("updateMember.member.id").hasValue();
        assertThat(driver.executableQuery("MATCH (m:Member {id: 'M000002'})-[:MEMBER_OF|WORKS_AT]->(x) RETURN collect(x.id)").execute()
                .records().getFirst().get(0).asList()).containsExactlyInAnyOrder("U0004", "U0004-PO");

        expectError(graphQl.document("mutation { updateMember(input: {id: \"M999999\", name: \"王五\"}) { member { id } } }")
                .execute(), "MEMBER_NOT_FOUND", "找不到");
        expectError(graphQl.document("mutation { updateMember(input: {id: \"M000002\", phone: \"abc\"}) { member { id } } }")
                .execute(), "INVALID_PHONE", "手机号");
    }

    @Test
    void findsMembersByEveryFilter() {
        // compare each filter with the same question asked straight of the graph
        assertFilter("{communityId: \"320613001002\"}",
                "MATCH (:Community {id: '320613001002'})-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member) RETURN m.id ORDER BY m.id");
        assertFilter("{gridId: \"320613001001-W02\"}",
                "MATCH (:Grid {id: '320613001001-W02'})<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member) RETURN m.id ORDER BY m.id");
        assertFilter("{unitId: \"U0002\", registrationState: CONFIRMED}",
                "MATCH (:Unit {id: 'U0002'})<-[:WORKS_AT]-(m:Member)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) RETURN m.id ORDER BY m.id");
        assertFilter("{skillId: \"cleaning\"}", "MATCH (m:Member)-[:HAS_SKILL]->(:Skill {id: 'cleaning'}) RETURN m.id ORDER BY m.id");
        assertFilter("{postCategoryId: \"MEDIATION\", communityId: \"320613001001\"}",
                "MATCH (:Community {id: '320613001001'})-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member)-[:CHOSE_POST]->(:PostCategory {id: 'MEDIATION'}) RETURN m.id ORDER BY m.id");
    }

    private void assertFilter(String filter, String cypher) {
        var expected = driver.executableQuery(cypher).execute().records().stream().map(r -> r.get(0).asString()).toList();
        assertThat(expected).as("the tiny data set has members for " + filter).isNotEmpty();
        graphQl.document("{ members(filter: " + filter + ", first: 100) { edges { node { id } } } }").execute()
                .path("members.edges[*].node.id").entityList(String.class).containsExactly(expected.toArray(String[]::new));
    }

    private GraphQlTester.Response create(String inputJson) {
        return graphQl.document(CREATE).variable("input", parse(inputJson)).execute();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> parse(String json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, java.util.Map.class);
    }

    private long members() {
        return driver.executableQuery("MATCH (m:Member) RETURN count(m)").execute().records().getFirst().get(0).asLong();
    }
}
