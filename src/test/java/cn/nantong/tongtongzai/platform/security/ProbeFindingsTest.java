package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Findings of the independent security probe (issue 19), each reproduced as the probe did it; before the fix each of
 * these answered with data. (Token lifetime and health details: AuthenticationTest.)
 */
class ProbeFindingsTest extends IntegrationTest {

    @Autowired
    Driver driver;

    private FlowFixture flow;
    private FlowFixture.Served served;
    private String unit;

    @BeforeEach
    void servedFlow() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
        unit = flow.strings("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", Map.of("id", served.member())).getFirst();
    }

    /** Finding 4: the member's building through the registration, their grid through the functional group. */
    @Test
    void aUnitSecretaryDoesNotLearnWhereMembersLive() {
        var secretary = as(TestTokens.user("unit", Role.UNIT_SECRETARY, Scope.none().unit(unit)));
        assertThat(codes(secretary.document("{ member(id: \"%s\") { registration { residence { name } } } }"
                .formatted(served.member())).execute().returnResponse().getErrors())).containsExactly("FORBIDDEN");
        assertThat(codes(secretary.document("{ member(id: \"%s\") { functionalGroup { gridBranch { grid { name } } } } }"
                .formatted(served.member())).execute().returnResponse().getErrors())).containsExactly("FORBIDDEN");
        assertThat(codes(secretary.document("{ unit(id: \"%s\") { registrations { edges { node { residence { name } } } } } }"
                .formatted(unit)).execute().returnResponse().getErrors())).containsOnly("FORBIDDEN");
        // what they follow stays: the registration's state and community, the report-back
        secretary.document("{ member(id: \"%s\") { registration { state community { name } } } }".formatted(served.member()))
                .execute().errors().verify();
        // the member and the community still see the building
        as(TestTokens.user("self", Role.MEMBER, Scope.none().member(served.member()).community(FlowFixture.DEMIN)))
                .document("{ member(id: \"%s\") { registration { residence { name } } } }".formatted(served.member()))
                .execute().errors().verify();
    }

    /** Finding 5: twenty queries by unit told an analyst every member's unit. */
    @Test
    void analystsCannotFilterMembersByUnitGridOrGroup() {
        var analyst = as(TestTokens.user("analyst", Role.ANALYST, Scope.none()));
        for (String filter : List.of("unitId: \"" + unit + "\"", "gridId: \"320613001001-W01\"",
                "functionalGroupId: \"320613001001-GN1\"")) {
            assertThat(codes(analyst.document("{ members(filter: {" + filter + "}) { edges { node { id } } } }").execute()
                    .returnResponse().getErrors())).as(filter).containsExactly("FORBIDDEN");
        }
        analyst.document("{ members(filter: {communityId: \"320613001001\"}) { edges { node { id } } } }").execute()
                .errors().verify();
    }

    /** Finding 3 (in part): checkOut answered INVALID_VERIFICATION_CODE before any check-in, so codes could be tried in advance. */
    @Test
    void checkOutBeforeCheckInSaysNothingAboutTheCode() {
        String task = flow.published(2, 120);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, flow.confirmedMembers(FlowFixture.DEMIN).get(3));
        String before = database.fingerprint();
        FlowFixture.expectError(flow.check("checkOut", claim, "000000".equals(code) ? "111111" : "000000"), "NOT_CHECKED_IN");
        FlowFixture.expectError(flow.check("checkOut", claim, code), "NOT_CHECKED_IN");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    /**
     * Finding 8: updating a member with another's phone and an unknown skill listed DUPLICATE_PHONE beside
     * SKILL_NOT_FOUND, writing nothing, exactly when the number belonged to any member of the city.
     */
    @Test
    void aPhoneNumberIsADuplicateOnlyForWhoMaySeeItsHolder() {
        String member = served.member();
        String holder = flow.strings("""
                MATCH (m:Member)-[:WORKS_AT]->(u:Unit) WHERE u.id <> $unit AND EXISTS { (m)-[:LIVES_IN]->() }
                RETURN m.id ORDER BY m.id LIMIT 1""", Map.of("unit", unit)).getFirst();
        String phone = flow.strings("MATCH (m:Member {id: $id}) RETURN m.phone", Map.of("id", holder)).getFirst();
        String update = """
                mutation { updateMember(input: {id: "%s", phone: "%s", skills: [{skillId: "%s", level: 3}]}) { member { id } } }""";
        String before = database.fingerprint();
        var secretary = as(TestTokens.user("unit", Role.UNIT_SECRETARY, Scope.none().unit(unit)));
        // the holder works elsewhere: their number is none of this secretary's business
        assertThat(problems(secretary.document(update.formatted(member, phone, "no-such-skill")).execute().returnResponse()
                .getErrors())).containsExactly("SKILL_NOT_FOUND");
        // when all else is valid the write itself fails, on the database's constraint, without saying why
        String skill = flow.strings("MATCH (s:Skill) RETURN s.id ORDER BY s.id LIMIT 1", Map.of()).getFirst();
        assertThat(codes(secretary.document(update.formatted(member, phone, skill)).execute().returnResponse().getErrors()))
                .containsExactly("PHONE_NOT_ACCEPTED");
        assertThat(database.fingerprint()).isEqualTo(before);
        // the city administrator sees every member: a duplicate is named as one
        assertThat(problems(graphQl.document(update.formatted(member, phone, "no-such-skill")).execute().returnResponse()
                .getErrors())).containsExactlyInAnyOrder("SKILL_NOT_FOUND", "DUPLICATE_PHONE");
    }

    /** Finding 11: audit entries of Excel downloads and refusals carried no request id nor client address. */
    @Test
    void auditEntriesOfExcelDownloadsNameTheRequestAndTheClient() {
        var secretary = TestTokens.user("unit-reader", Role.UNIT_SECRETARY, Scope.none().unit(unit));
        String reportBack = "/exports/report-back.xlsx?unitId=" + unit + "&quarter=2026-Q4";
        String requestId = anonymousWeb.get().uri(reportBack).header("Authorization", TestTokens.bearer(secretary)).exchange()
                .expectStatus().isOk().returnResult(byte[].class).getResponseHeaders().getFirst("X-Request-Id");
        anonymousWeb.get().uri("/exports/report-back.xlsx?unitId=nowhere&quarter=2026-Q4")
                .header("Authorization", TestTokens.bearer(secretary)).exchange().expectStatus().isNotFound();
        List<Map<String, Object>> entries = graphQl.document("""
                { auditLog(filter: {actor: "unit-reader"}, first: 10) { edges { node { kind outcome requestId client } } } }""")
                .execute().path("auditLog.edges[*].node").entityList(Map.class).get().stream()
                .map(entry -> (Map<String, Object>) entry).toList();
        assertThat(entries).extracting(entry -> entry.get("kind")).containsExactlyInAnyOrder("EXPORT", "REFUSED");
        assertThat(entries).allSatisfy(entry -> {
            assertThat((String) entry.get("requestId")).matches("[0-9a-f-]{36}");
            assertThat((String) entry.get("client")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
        assertThat(entries).extracting(entry -> entry.get("requestId")).contains(requestId);
    }

    /** The codes of the problems an input was refused for (one error, its problems in the extensions). */
    private static List<Object> problems(List<ResponseError> errors) {
        assertThat(errors).hasSize(1);
        return ((List<?>) errors.getFirst().getExtensions().get("problems")).stream()
                .map(problem -> ((Map<?, ?>) problem).get("code")).map(Object.class::cast).toList();
    }

    private static List<Object> codes(List<ResponseError> errors) {
        return errors.stream().map(e -> e.getExtensions().get("code")).toList();
    }
}
