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

    private static List<Object> codes(List<ResponseError> errors) {
        return errors.stream().map(e -> e.getExtensions().get("code")).toList();
    }
}
