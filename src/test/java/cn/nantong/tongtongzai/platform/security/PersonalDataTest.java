package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/** Phone numbers in full only for the person and their secretaries; nested paths leak nothing across scopes. */
class PersonalDataTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Autowired
    Pseudonyms pseudonyms;

    private FlowFixture flow;
    private FlowFixture.Served served;
    private String phone;
    private String unit;

    @BeforeEach
    void servedFlow() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
        phone = flow.strings("MATCH (m:Member {id: $id}) RETURN m.phone", Map.of("id", served.member())).getFirst();
        unit = flow.strings("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", Map.of("id", served.member())).getFirst();
    }

    @Test
    void phonesAreInFullOnlyForTheOwnerAndTheResponsibleSecretaries() {
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        assertThat(phoneAs(user(Role.MEMBER, Scope.none().member(served.member())))).isEqualTo(phone);
        assertThat(phoneAs(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)))).isEqualTo(phone);
        assertThat(phoneAs(user(Role.FIRST_SECRETARY, Scope.none().community(FlowFixture.DEMIN)))).isEqualTo(phone);
        assertThat(phoneAs(user(Role.UNIT_SECRETARY, Scope.none().unit(unit)))).isEqualTo(phone);
        assertThat(phoneAs(user(Role.STREET_ADMIN, Scope.none().street("320613001")))).isEqualTo(masked);
        assertThat(phoneAs(TestTokens.cityAdmin("组织部"))).isEqualTo(masked).matches("1\\d\\d\\*{4}\\d{4}");
    }

    @Test
    void anotherCommunitysSecretaryLearnsNothingThroughAnyPath() {
        var elsewhere = as(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.XIAOSHIQIAO)));
        // by id: the same answer as for an id that does not exist
        ResponseError real = onlyError(elsewhere.document("{ member(id: \"%s\") { id } }".formatted(served.member())));
        ResponseError missing = onlyError(elsewhere.document("{ member(id: \"M-nobody\") { id } }"));
        assertThat(real.getExtensions()).isEqualTo(missing.getExtensions()).containsEntry("code", "NOT_FOUND");
        assertThat(real.getMessage()).isEqualTo(missing.getMessage());
        // through a unit, which is not personal data, to its members, who are
        GraphQlTester.Response viaUnit = elsewhere.document(
                "{ unit(id: \"%s\") { name members(first: 50) { edges { node { id phone } } } } }".formatted(unit)).execute();
        assertThat(code(viaUnit)).isEqualTo("NOT_FOUND");
        assertThat(viaUnit.returnResponse().toMap().toString()).doesNotContain(phone);
        // through the tree to a member's personal fields: the served member is 德民社区's 第一书记
        flow.strings("MATCH (b:FunctionalBranch {id: $b}), (m:Member {id: $m}) MERGE (m)-[:SECRETARY_OF]->(b) RETURN b.id",
                Map.of("b", FlowFixture.DEMIN + "-GN", "m", served.member()));
        GraphQlTester.Response viaTree = elsewhere.document("""
                { community(id: "%s") { functionalBranch { secretary { name phone claims { edges { node { id } } } } } } }"""
                .formatted(FlowFixture.DEMIN)).execute();
        assertThat(code(viaTree)).isEqualTo("NOT_FOUND");
        assertThat(viaTree.returnResponse().toMap().toString()).doesNotContain(phone);
        // through a request to the resident
        assertThat(code(elsewhere.document("{ request(id: \"%s\") { resident { phone } } }".formatted(served.request()))
                .execute())).isEqualTo("NOT_FOUND");
    }

    @Test
    void membersSeeTheirCommunitysPublishedTasksButNotWhoClaimedThemNorDrafts() {
        String draft = flow.draft(1, 600);
        var member = as(user(Role.MEMBER, Scope.none().member(served.member()).community(FlowFixture.DEMIN)));
        List<String> ids = member.document("{ tasks(filter: {communityId: \"%s\"}) { edges { node { id state } } } }"
                .formatted(FlowFixture.DEMIN)).execute().path("tasks.edges[*].node.id").entityList(String.class).get();
        assertThat(ids).contains(served.openTask()).doesNotContain(draft);
        assertThat(code(member.document("{ tasks(filter: {communityId: \"%s\", state: DRAFT}) { edges { node { id } } } }"
                .formatted(FlowFixture.DEMIN)).execute())).isNull();
        assertThat(member.document("{ tasks(filter: {communityId: \"%s\", state: DRAFT}) { edges { node { id } } } }"
                .formatted(FlowFixture.DEMIN)).execute().path("tasks.edges").entityList(Object.class).get()).isEmpty();
        GraphQlTester.Response claims = member.document("{ task(id: \"%s\") { title claims { member { phone } } } }"
                .formatted(served.openTask())).execute();
        assertThat(code(claims)).isIn("FORBIDDEN", "NOT_FOUND");
        assertThat(code(member.document("{ task(id: \"%s\") { verificationCode } }".formatted(served.openTask())).execute()))
                .isIn("FORBIDDEN", "NOT_FOUND");
    }

    @Test
    void analystsSeeFiguresAndPseudonymsButNoPersonalFields() {
        // the served member and four others in one cohort (community, gender, decade): analysts see no smaller one
        flow.strings("MATCH (m:Member) WHERE m.id IN $ids OR m.id = $served SET m.gender = 'MALE', m.birthYear = 1975 RETURN m.id",
                Map.of("ids", flow.confirmedMembers(FlowFixture.DEMIN).subList(0, 4), "served", served.member()));
        flow.strings("MATCH (b:FunctionalBranch {id: $b}), (m:Member {id: $m}) MERGE (m)-[:SECRETARY_OF]->(b) RETURN b.id",
                Map.of("b", FlowFixture.DEMIN + "-GN", "m", served.member()));
        var analyst = as(user(Role.ANALYST, Scope.none()));
        // a role names its holder: analysts do not follow it to a member (nor a claim, an evaluation …)
        assertThat(code(analyst.document("{ community(id: \"%s\") { functionalBranch { secretary { name } } } }"
                .formatted(FlowFixture.DEMIN)).execute())).isEqualTo("FORBIDDEN");
        analyst.document("{ figures(scope: COMMUNITY, id: \"%s\") { roster } }".formatted(FlowFixture.DEMIN)).execute()
                .path("figures.roster").hasValue();
        // members, pseudonymised: what they can do and did, not who or where they are
        var members = analyst.document("{ members(filter: {communityId: \"%s\"}, first: 100) { edges { node { name gender birthDecade postCategories { id } serviceHours(period: YEAR) { hours } } } } }"
                .formatted(FlowFixture.DEMIN)).execute();
        assertThat(members.path("members.edges[*].node.name").entityList(String.class).get())
                .isNotEmpty().allMatch(pseudonym -> pseudonym.matches("党员-[0-9a-f]{8}"));
        assertThat(analyst.document("{ members(filter: {communityId: \"%s\"}, first: 100) { edges { node { id } } } }"
                .formatted(FlowFixture.DEMIN)).execute().path("members.edges[*].node.id").entityList(String.class).get())
                .allMatch(id -> id.matches("P-[0-9a-f]{16}")).doesNotContain(served.member())
                .contains(pseudonyms.id(Kind.MEMBER, served.member()));
        String pseudonymous = pseudonyms.id(Kind.MEMBER, served.member());
        for (String field : AccessPolicy.ANALYSTS_NEVER_SEE) {
            String selection = switch (field) {
                case "residence", "registration", "unit", "partyOrg", "functionalGroup", "servicePosts",
                        "recognisedOccupation" -> field + " { id }";
                case "registrations", "claims", "serviceRecords" -> field + " { edges { node { id } } }";
                case "skills" -> "skills { level }";
                default -> field;
            };
            assertThat(code(analyst.document("{ member(id: \"%s\") { %s } }".formatted(pseudonymous, selection)).execute()))
                    .as(field).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void excelFilesOfPeopleFollowTheSameRules() {
        String reportBack = "/exports/report-back.xlsx?unitId=" + unit + "&quarter=2026-Q4";
        download(user(Role.UNIT_SECRETARY, Scope.none().unit(unit)), reportBack).expectStatus().isOk();
        download(user(Role.UNIT_SECRETARY, Scope.none().unit("U-elsewhere")), reportBack).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        download(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)), reportBack)
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        String interviews = "/exports/interview-list.xlsx?year=2026&communityId=" + FlowFixture.DEMIN;
        download(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)), interviews).expectStatus().isOk();
        download(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.XIAOSHIQIAO)), interviews)
                .expectStatus().isNotFound();
        download(user(Role.ANALYST, Scope.none()), "/exports/figures.xlsx?scope=COMMUNITY&id=" + FlowFixture.DEMIN)
                .expectStatus().isOk();
        download(user(Role.MEMBER, Scope.none().member(served.member())), "/exports/figures.xlsx?scope=CITY")
                .expectStatus().isNotFound();
    }

    @Test
    void aMemberCannotListAnotherMembersTasks() {
        var member = as(user(Role.MEMBER, Scope.none().member(served.member()).community(FlowFixture.DEMIN)));
        String other = flow.confirmedMembers(FlowFixture.DEMIN).get(1);
        assertThat(code(member.document("{ tasks(filter: {communityId: \"%s\", memberId: \"%s\"}) { edges { node { id } } } }"
                .formatted(FlowFixture.DEMIN, other)).execute())).isEqualTo("NOT_FOUND");
        assertThat(code(member.document("{ tasks(filter: {memberId: \"%s\"}) { edges { node { id } } } }"
                .formatted(served.member())).execute())).isNull();
    }

    @Test
    void holesFoundInReviewStayClosed() {
        var secretary = as(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)));
        String elsewhere = flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst();
        // naming one's own community does not take in a member who lives elsewhere
        assertThat(code(secretary.document("""
                mutation { registerMember(input: {memberId: "%s", communityId: "%s", residenceId: "320613001001-W01-P1-M01",
                  channel: ON_SITE}) { registration { id } } }""".formatted(elsewhere, FlowFixture.DEMIN)).execute()))
                .isEqualTo("NOT_FOUND");
        // a member who moved away is no longer the old community's to see
        graphQl.document("""
                mutation { moveMember(input: {memberId: "%s", communityId: "%s", residenceId: "320613001002-W01-P1-M01",
                  channel: ONLINE}) { registration { id } } }""".formatted(served.member(), FlowFixture.XIAOSHIQIAO)).execute()
                .path("moveMember.registration.id").hasValue();
        flow.strings("MATCH (m:Member {id: $id})-[l:LIVES_IN]->() DELETE l WITH DISTINCT m MATCH (g:MicroGrid {id: $home}) "
                + "MERGE (m)-[:LIVES_IN]->(g) RETURN m.id", Map.of("id", served.member(), "home", "320613001002-W01-P1-M01"));
        assertThat(code(secretary.document("{ member(id: \"%s\") { phone } }".formatted(served.member())).execute()))
                .isEqualTo("NOT_FOUND");
        // members of the whole street are the street's to propose
        assertThat(code(secretary.document("{ recommendMembers(taskId: \"%s\", streetWide: true) { member { id } } }"
                .formatted(served.openTask())).execute())).isEqualTo("FORBIDDEN");
        // a resident does not read other residents' requests through duplicates, nor enters as a grid worker
        var resident = as(user(Role.RESIDENT, Scope.none().resident(served.resident())));
        assertThat(code(resident.document("{ request(id: \"%s\") { duplicates { text } } }".formatted(served.request()))
                .execute())).isEqualTo("FORBIDDEN");
        assertThat(code(resident.document("""
                mutation { postRequest(input: {residentId: "%s", text: "路灯坏了", enteredById: "%s"}) { request { id } } }"""
                .formatted(served.resident(), served.member())).execute())).isEqualTo("NOT_FOUND");
        // figures hung on the tree and on units follow figures(scope:)
        var elsewhereSecretary = as(user(Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.XIAOSHIQIAO)));
        assertThat(code(elsewhereSecretary.document("{ community(id: \"%s\") { satisfaction(period: DAY) { ratings } } }"
                .formatted(FlowFixture.DEMIN)).execute())).isEqualTo("NOT_FOUND");
        assertThat(code(elsewhereSecretary.document("{ unit(id: \"%s\") { reportingRate { registered } } }".formatted(unit))
                .execute())).isEqualTo("NOT_FOUND");
    }

    @Test
    void meDescribesTheCaller() {
        as(user(Role.GRID_LEADER, Scope.none().grid("320613001001-W01").member(served.member())))
                .document("{ me { id roles gridId memberId namesGranted } }").execute()
                .path("me.roles").entityList(String.class).containsExactly("GRID_LEADER")
                .path("me.gridId").entity(String.class).isEqualTo("320613001001-W01")
                .path("me.namesGranted").entity(Boolean.class).isEqualTo(false);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec download(Actor actor, String uri) {
        return anonymousWeb.get().uri(uri).header(org.springframework.http.HttpHeaders.AUTHORIZATION, TestTokens.bearer(actor))
                .exchange();
    }

    private String phoneAs(Actor actor) {
        return as(actor).document("{ member(id: \"%s\") { phone } }".formatted(served.member())).execute()
                .path("member.phone").entity(String.class).get();
    }

    private static Actor user(Role role, Scope scope) {
        return TestTokens.user("user-" + role.name().toLowerCase(), role, scope);
    }

    private static ResponseError onlyError(GraphQlTester.Request<?> request) {
        List<ResponseError> errors = request.execute().returnResponse().getErrors();
        assertThat(errors).hasSize(1);
        return errors.getFirst();
    }

    private static Object code(GraphQlTester.Response response) {
        List<ResponseError> errors = response.returnResponse().getErrors();
        return errors.isEmpty() ? null : errors.getFirst().getExtensions().get("code");
    }
}
