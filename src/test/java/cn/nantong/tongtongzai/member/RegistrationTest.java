package cn.nantong.tongtongzai.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** 双报到 rules over GraphQL, on the `tiny` data set (德民社区 and 小石桥社区 of 城东街道). */
class RegistrationTest extends IntegrationTest {

    static final String HOME = "320613001001-W01-P1-M01";      // 德民社区, grid 1 (has a functional group)
    static final String NEW_HOME = "320613001002-W02-P1-M01";  // 小石桥社区, grid 2
    static final String DEMIN = "320613001001";
    static final String XIAOSHIQIAO = "320613001002";

    static final String REGISTER = """
            mutation($memberId: ID!, $communityId: ID!, $residenceId: ID!) {
              registerMember(input: {memberId: $memberId, communityId: $communityId, residenceId: $residenceId, channel: ONLINE}) {
                registration { id state channel community { id } residence { id } reportedTo { id } reportedAt member { id } } } }""";


    @Autowired
    Driver driver;

    String memberId;

    @BeforeEach
    void aMemberWithoutRegistration() {
        database.loadTiny();
        memberId = graphQl.document("""
                        mutation { createMember(input: {name: "陈晓东", gender: MALE, birthYear: 1985, phone: "13900001111",
                          unitId: "U0001", residenceId: "320613001001-W01-P2-M01",
                          skills: [{skillId: "plumbing_electrical", level: 4}], postCategoryIds: ["HELP_THE_NEEDY"],
                          availability: [WEEKEND_MORNING], interests: ["书法"]}) { member { id } } }""")
                .execute().path("createMember.member.id").entity(String.class).get();
    }

    @Test
    void registersWithTheCommunityOfTheResidenceAndReportsBackToTheUnit() {
        var response = register(memberId, DEMIN, HOME);
        response.path("registerMember.registration.state").entity(String.class).isEqualTo("PENDING")
                .path("registerMember.registration.community.id").entity(String.class).isEqualTo(DEMIN)
                .path("registerMember.registration.residence.id").entity(String.class).isEqualTo(HOME)
                .path("registerMember.registration.reportedTo.id").entity(String.class).isEqualTo("U0001-PO")
                .path("registerMember.registration.reportedAt").hasValue();
        String id = response.path("registerMember.registration.id").entity(String.class).get();

        // the declared residence becomes the member's only once the community confirms it
        String residence = "query($id: ID!) { member(id: $id) { residence { id } registration { id state } } }";
        graphQl.document(residence).variable("id", memberId).execute()
                .path("member.residence.id").entity(String.class).isEqualTo("320613001001-W01-P2-M01")
                .path("member.registration.id").entity(String.class).isEqualTo(id);
        confirm(id);
        graphQl.document(residence).variable("id", memberId).execute()
                .path("member.residence.id").entity(String.class).isEqualTo(HOME);
        // the unit secretary sees who registered where
        graphQl.document("{ unit(id: \"U0001\") { registrations(state: CONFIRMED, first: 100) { edges { node { id member { id } community { name } } } } } }")
                .execute()
                .path("unit.registrations.edges[*].node.id").entityList(String.class).contains(id);
    }

    @Test
    void registeringAgainForTheSameResidenceReturnsTheSameRegistration() {
        String first = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        String second = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        assertThat(second).isEqualTo(first);
        assertThat(registrationsOf(memberId)).isEqualTo(1);
    }

    @Test
    void refusesAResidenceOutsideTheCommunityAndWritesNothing() {
        expectError(register(memberId, XIAOSHIQIAO, HOME), "RESIDENCE_NOT_IN_COMMUNITY", "实际居住地");
        assertThat(registrationsOf(memberId)).isZero();
    }

    @Test
    void refusesUnknownReferencesWithOneErrorListingEach() {
        register("nobody", "nowhere", "no-building").errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_INPUT");
            assertThat(errors.getFirst().getExtensions().get("problems").toString())
                    .contains("MEMBER_NOT_FOUND", "COMMUNITY_NOT_FOUND", "RESIDENCE_NOT_FOUND");
        });
    }

    @Test
    void aMemberCannotHoldTwoActiveRegistrations() {
        register(memberId, DEMIN, HOME);
        expectError(register(memberId, XIAOSHIQIAO, NEW_HOME), "ALREADY_REGISTERED", "迁移报到");
        assertThat(registrationsOf(memberId)).isEqualTo(1);
    }

    @Test
    void confirmingPlacesTheMemberInTheFunctionalBranchAndTheGroupOfTheirGrid() {
        String id = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        confirm(id).path("confirmRegistration.registration.state").entity(String.class).isEqualTo("CONFIRMED")
                .path("confirmRegistration.registration.decidedAt").hasValue();

        graphQl.document("query($id: ID!) { member(id: $id) { functionalGroup { id gridBranch { id } } } }")
                .variable("id", memberId).execute()
                .path("member.functionalGroup.id").entity(String.class).isEqualTo("320613001001-GN1")
                .path("member.functionalGroup.gridBranch.id").entity(String.class).isEqualTo("320613001001-W01-B");
        assertThat(count("MATCH (:Member {id: $id})-[:IN_FUNCTIONAL_BRANCH]->(:FunctionalBranch {id: '320613001001-GN'}) RETURN count(*)",
                memberId)).isEqualTo(1);
    }

    @Test
    void refusesIllegalTransitions() {
        String id = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        confirm(id);
        expectError(confirm(id), "INVALID_STATE_TRANSITION", "已报到");
        expectError(reject(id, "住址不符"), "INVALID_STATE_TRANSITION", "已报到");
        expectError(confirm("REG-none"), "REGISTRATION_NOT_FOUND", "找不到");
    }

    @Test
    void rejectingNeedsAReasonAndLetsTheMemberRegisterAgain() {
        String id = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        expectError(reject(id, " 否 "), "INVALID_REASON", "2至200");
        reject(id, "住址与社区登记不符，请核实").path("rejectRegistration.registration.state").entity(String.class).isEqualTo("REJECTED");
        graphQl.document("query($id: ID!) { member(id: $id) { residence { id } } }").variable("id", memberId).execute()
                .path("member.residence.id").entity(String.class).isEqualTo("320613001001-W01-P2-M01");
        graphQl.document("query($id: ID!) { registration(id: $id) { rejectReason } }").variable("id", id).execute()
                .path("registration.rejectReason").entity(String.class).isEqualTo("住址与社区登记不符，请核实");

        String again = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        assertThat(again).isNotEqualTo(id);
        assertThat(registrationsOf(memberId)).isEqualTo(2);
    }

    @Test
    void movingHouseEndsTheRegistrationKeepsHistoryAndStartsANewOne() {
        String first = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        confirm(first);

        var moved = graphQl.document("""
                        mutation($memberId: ID!) { moveMember(input: {memberId: $memberId, communityId: "320613001002",
                          residenceId: "320613001002-W02-P1-M01", channel: ON_SITE}) { registration { id state community { id } } } }""")
                .variable("memberId", memberId).execute();
        moved.path("moveMember.registration.state").entity(String.class).isEqualTo("PENDING")
                .path("moveMember.registration.community.id").entity(String.class).isEqualTo(XIAOSHIQIAO);
        confirm(moved.path("moveMember.registration.id").entity(String.class).get());

        graphQl.document("query($id: ID!) { member(id: $id) { residence { id } functionalGroup { id } registrations { edges { node { id state endReason endedAt } } } } }")
                .variable("id", memberId).execute()
                .path("member.residence.id").entity(String.class).isEqualTo(NEW_HOME)
                .path("member.functionalGroup").valueIsNull()
                .path("member.registrations.edges[*].node.state").entityList(String.class).containsExactly("CONFIRMED", "ENDED")
                .path("member.registrations.edges[1].node.id").entity(String.class).isEqualTo(first)
                .path("member.registrations.edges[1].node.endReason").entity(String.class).isEqualTo("MOVED");
    }

    @Test
    void movingAwayEndsTheOfficesHeldInTheOldCommunity() {
        String id = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        confirm(id);
        graphQl.document("mutation($m: ID!) { setFunctionalBranchSecretary(input: {id: \"320613001001-GN\", memberId: $m}) { functionalBranch { secretary { id } } } }")
                .variable("m", memberId).execute()
                .path("setFunctionalBranchSecretary.functionalBranch.secretary.id").entity(String.class).isEqualTo(memberId);
        graphQl.document("""
                        mutation($memberId: ID!) { moveMember(input: {memberId: $memberId, communityId: "320613001002",
                          residenceId: "320613001002-W02-P1-M01", channel: ON_SITE}) { registration { id } } }""")
                .variable("memberId", memberId).execute().path("moveMember.registration.id").hasValue();
        graphQl.document("{ community(id: \"320613001001\") { functionalBranch { secretary { id } } } }").execute()
                .path("community.functionalBranch.secretary").valueIsNull();
    }

    @Test
    void filtersMembersByTheStateOfTheirLatestRegistration() {
        String first = register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get();
        reject(first, "住址与社区登记不符，请核实");
        confirm(register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get());
        String byState = "query($s: RegistrationState) { members(filter: {unitId: \"U0001\", registrationState: $s}, first: 100) { edges { node { id } } } }";
        graphQl.document(byState).variable("s", "CONFIRMED").execute()
                .path("members.edges[*].node.id").entityList(String.class).contains(memberId);
        graphQl.document(byState).variable("s", "REJECTED").execute()
                .path("members.edges[*].node.id").entityList(String.class).doesNotContain(memberId);
    }

    @Test
    void movingNeedsAnActiveRegistration() {
        expectError(graphQl.document("""
                        mutation($memberId: ID!) { moveMember(input: {memberId: $memberId, communityId: "320613001002",
                          residenceId: "320613001002-W02-P1-M01", channel: ON_SITE}) { registration { id } } }""")
                .variable("memberId", memberId).execute(), "NOT_REGISTERED", "尚未报到");
    }

    @Test
    void concurrentRegistrationsNeverLeaveTwoActiveOnes() throws Exception {
        List<Callable<Object>> attempts = new ArrayList<>();
        String[] homes = {HOME, "320613001001-W01-P1-M02", "320613001001-W02-P1-M01", "320613001001-W02-P2-M01"};
        for (int i = 0; i < 12; i++) {
            String home = homes[i % homes.length];
            // each caller gets the registration or a clear ALREADY_REGISTERED, never an internal error
            attempts.add(() -> {
                register(memberId, DEMIN, home).errors().satisfy(errors -> assertThat(errors)
                        .allSatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "ALREADY_REGISTERED")));
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Object> attempt : pool.invokeAll(attempts)) {
                attempt.get();
            }
        }
        assertThat(count("MATCH (r:Registration {activeMemberId: $id}) RETURN count(r)", memberId)).isEqualTo(1);
        assertThat(registrationsOf(memberId)).isEqualTo(1);
    }

    @Test
    void theUnitsReportingRateCountsConfirmedRegistrationsOnItsRoster() {
        var before = graphQl.document("{ unit(id: \"U0001\") { reportingRate { onRoster registered rate } } }").execute();
        int onRoster = before.path("unit.reportingRate.onRoster").entity(Integer.class).get();
        int registered = before.path("unit.reportingRate.registered").entity(Integer.class).get();

        confirm(register(memberId, DEMIN, HOME).path("registerMember.registration.id").entity(String.class).get());

        graphQl.document("{ unit(id: \"U0001\") { reportingRate { onRoster registered rate } } }").execute()
                .path("unit.reportingRate.onRoster").entity(Integer.class).isEqualTo(onRoster)
                .path("unit.reportingRate.registered").entity(Integer.class).isEqualTo(registered + 1)
                .path("unit.reportingRate.rate").entity(Double.class).isEqualTo((registered + 1) / (double) onRoster);
    }

    private GraphQlTester.Response register(String member, String community, String residence) {
        return graphQl.document(REGISTER).variable("memberId", member).variable("communityId", community)
                .variable("residenceId", residence).execute();
    }

    private GraphQlTester.Response confirm(String registrationId) {
        return graphQl.document("mutation($id: ID!) { confirmRegistration(input: {registrationId: $id}) { registration { id state decidedAt } } }")
                .variable("id", registrationId).execute();
    }

    private GraphQlTester.Response reject(String registrationId, String reason) {
        return graphQl.document("mutation($id: ID!, $reason: String!) { rejectRegistration(input: {registrationId: $id, reason: $reason}) { registration { id state } } }")
                .variable("id", registrationId).variable("reason", reason).execute();
    }

    static void expectError(GraphQlTester.Response response, String code, String messagePart) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
            assertThat(errors.getFirst().getMessage()).contains(messagePart);
        });
    }

    private long registrationsOf(String member) {
        return count("MATCH (:Member {id: $id})-[:REGISTERED]->(r:Registration) RETURN count(r)", member);
    }

    private long count(String cypher, String id) {
        return driver.executableQuery(cypher).withParameters(Map.of("id", id)).execute().records().getFirst().get(0).asLong();
    }
}
