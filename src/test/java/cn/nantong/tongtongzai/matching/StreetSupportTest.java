package cn.nantong.tongtongzai.matching;

import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static cn.nantong.tongtongzai.support.FlowFixture.XIAOSHIQIAO;
import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * 下沉一线支援 on the tiny data set (德民社区 and 小石桥社区 of street 320613001): only a member of 小石桥 holds the
 * skill a task of 德民 needs; a street-wide job proposes them, the acceptance makes a support claim, they serve
 * and the hours count as support given by 小石桥 and received by 德民. Teams likewise. Refusals: the member's
 * own claim, a community secretary's assignment, a member of another street.
 */
class StreetSupportTest extends IntegrationTest {

    static final String STREET = "320613001";
    /** The skill nobody but the supporter holds (tiny members' skills are random: it is taken from them). */
    static final String SKILL = "contract_review";
    static final String CLAIM = "id source support supportFrom { id name } member { id } task { id } history { note }";

    @Autowired
    Driver driver;

    FlowFixture flow;
    HttpGraphQlTester street;
    String supporter;

    @BeforeEach
    void onlyAMemberOfXiaoshiqiaoHoldsTheSkill() {
        database.loadTiny();
        database.write("MATCH (:Member)-[h:HAS_SKILL]->(:Skill {id: '" + SKILL + "'}) DELETE h");
        database.write("MATCH (:Skill)-[s:SUBSTITUTES]->(:Skill {id: '" + SKILL + "'}) DELETE s");
        flow = new FlowFixture(graphQl, driver);
        supporter = flow.confirmedMember("钱律师", "13900000021", "320613001002-W02-P1-M01", SKILL, 4, "WEEKEND_MORNING",
                XIAOSHIQIAO);
        street = as(TestTokens.user("street", Role.STREET_ADMIN, Scope.none().street(STREET)));
    }

    @Test
    void aStreetWideProposalBecomesASupportClaimServedAndCountedForBothCommunities() {
        String outsider = memberOfAnotherStreet(); // holds the skill too, but lies outside the street
        String task = saturdayTask("合同审查咨询", 1);

        String job = startStreetWide();
        GraphQlTester.Response done = awaitFinished(job);
        done.path("matchingJob.proposals[*].member.id").entityList(String.class).containsExactly(supporter)
                .path("matchingJob.proposals[0].task.id").entity(String.class).isEqualTo(task);

        GraphQlTester.Response accepted = street.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { "
                        + CLAIM + " } refused { seatId code } } }").variable("id", job).execute();
        accepted.path("acceptProposals.refused").entityList(Object.class).hasSize(0)
                .path("acceptProposals.claims[0].source").entity(String.class).isEqualTo("MATCHING")
                .path("acceptProposals.claims[0].member.id").entity(String.class).isEqualTo(supporter)
                .path("acceptProposals.claims[0].support").entity(Boolean.class).isEqualTo(true)
                .path("acceptProposals.claims[0].supportFrom.id").entity(String.class).isEqualTo(XIAOSHIQIAO)
                .path("acceptProposals.claims[0].history[0].note").entity(String.class)
                .satisfies(note -> assertThat(note).startsWith("MATCHING").contains("下沉支援").contains("小石桥社区"));
        String claim = accepted.path("acceptProposals.claims[0].id").entity(String.class).get();
        assertThat(flow.count("MATCH (:Claim {id: $c})-[:SUPPORT_FROM]->(:Community {id: $x}) RETURN count(*)",
                Map.of("c", claim, "x", XIAOSHIQIAO))).isOne();
        assertThat(flow.count("MATCH (:Member {id: $m})-[:MADE]->(c:Claim) RETURN count(c)", Map.of("m", outsider))).isZero();

        // the task is under way now: the supporter checks in and out with the task's code, as anyone does
        database.write("MATCH (t:Task {id: '" + task + "'}) SET t.startsAt = datetime() - duration({minutes: 30}), "
                + "t.endsAt = datetime() + duration({minutes: 90})");
        String code = flow.verificationCode(task);
        HttpGraphQlTester member = as(TestTokens.user(supporter, Role.MEMBER, Scope.none().member(supporter).community(XIAOSHIQIAO)));
        check(member, "checkIn", claim, code).path("checkIn.record.checkOutAt").valueIsNull();
        // as if they had arrived at the start: half an hour served
        database.write("MATCH (sr:ServiceRecord)-[:FOR_CLAIM]->(:Claim {id: '" + claim + "'})-[:FOR_TASK]->(t:Task) SET sr.checkInAt = t.startsAt");
        check(member, "checkOut", claim, code).path("checkOut.record.hours").entity(Double.class)
                .satisfies(hours -> assertThat(hours).isCloseTo(0.5, within(0.05)));
        flow.transition("completeTask", task).path("completeTask.task.state").entity(String.class).isEqualTo("COMPLETED");

        // the hours count as support given by 小石桥 and received by 德民; the secretaries read their own
        String figures = "query($c: ID!) { community(id: $c) { streetSupport(period: YEAR) { claimsGiven hoursGiven claimsReceived hoursReceived } } }";
        as(TestTokens.user("sec-xsq", Role.COMMUNITY_SECRETARY, Scope.none().community(XIAOSHIQIAO))).document(figures)
                .variable("c", XIAOSHIQIAO).execute()
                .path("community.streetSupport.claimsGiven").entity(Integer.class).isEqualTo(1)
                .path("community.streetSupport.hoursGiven").entity(Double.class).satisfies(h -> assertThat(h).isCloseTo(0.5, within(0.05)))
                .path("community.streetSupport.claimsReceived").entity(Integer.class).isEqualTo(0)
                .path("community.streetSupport.hoursReceived").entity(Double.class).isEqualTo(0.0);
        as(TestTokens.user("sec-demin", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN))).document(figures)
                .variable("c", DEMIN).execute()
                .path("community.streetSupport.claimsGiven").entity(Integer.class).isEqualTo(0)
                .path("community.streetSupport.claimsReceived").entity(Integer.class).isEqualTo(1)
                .path("community.streetSupport.hoursReceived").entity(Double.class).satisfies(h -> assertThat(h).isCloseTo(0.5, within(0.05)));
        // …and the member's own record shows where they helped
        member.document("query($m: ID!) { member(id: $m) { claims(first: 5) { edges { node { support supportFrom { name } } } } } }")
                .variable("m", supporter).execute()
                .path("member.claims.edges[0].node.support").entity(Boolean.class).isEqualTo(true)
                .path("member.claims.edges[0].node.supportFrom.name").entity(String.class).isEqualTo("小石桥社区");
    }

    @Test
    void aCommunityJobDoesNotCallOnOtherCommunitiesAndItsAcceptanceMakesNoSupport() {
        String task = saturdayTask("合同审查咨询", 1);
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"" + DEMIN + "\", seconds: 2, unimprovedSeconds: 1}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        awaitFinished(job).path("matchingJob.proposals[*].member.id").entityList(String.class).doesNotContain(supporter);
        graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { support } } }").variable("id", job).execute()
                .path("acceptProposals.claims[*].support").entityList(Boolean.class).doesNotContain(true);
        assertThat(flow.count("MATCH (:Task {id: $t})<-[:FOR_TASK]-(c:Claim)-[:SUPPORT_FROM]->() RETURN count(c)", Map.of("t", task))).isZero();
    }

    @Test
    void theStreetAssignsAMemberOfAnotherCommunityAsSupportButNeitherTheMemberNorTheCommunitySecretaryCan() {
        String task = flow.published(2, 120);

        // the member's own claim stays with their community: 德民's task is not even theirs to see
        String before = database.fingerprint();
        expectError(as(TestTokens.user(supporter, Role.MEMBER, Scope.none().member(supporter).community(XIAOSHIQIAO)))
                .document(claimTask("claimTask")).variable("t", task).variable("m", supporter).execute(), "NOT_FOUND");
        // …and whoever files it for them (the city may reach both), a self-claim is refused
        expectError(graphQl.document(claimTask("claimTask")).variable("t", task).variable("m", supporter).execute(), "NOT_IN_COMMUNITY");
        // 德民's secretary does not reach a member of 小石桥
        expectError(as(TestTokens.user("sec-demin", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN)))
                .document(claimTask("assignTask")).variable("t", task).variable("m", supporter).execute(), "NOT_FOUND");
        // a role that never assigns
        expectError(as(TestTokens.user(supporter, Role.MEMBER, Scope.none().member(supporter).community(XIAOSHIQIAO)))
                .document(claimTask("assignTask")).variable("t", task).variable("m", supporter).execute(), "FORBIDDEN");
        assertThat(database.fingerprint()).isEqualTo(before);

        // the street reaches both communities: its assignment is support
        street.document(claimTask("assignTask")).variable("t", task).variable("m", supporter).execute()
                .path("assignTask.claim.source").entity(String.class).isEqualTo("ASSIGNED")
                .path("assignTask.claim.support").entity(Boolean.class).isEqualTo(true)
                .path("assignTask.claim.supportFrom.id").entity(String.class).isEqualTo(XIAOSHIQIAO);
        // a member of 德民 assigned by the street is no support
        String local = flow.confirmedMembers(DEMIN).getFirst();
        street.document(claimTask("assignTask")).variable("t", task).variable("m", local).execute()
                .path("assignTask.claim.support").entity(Boolean.class).isEqualTo(false)
                .path("assignTask.claim.supportFrom").valueIsNull();
    }

    @Test
    void aMemberOfAnotherStreetIsNeverAccepted() {
        String outsider = memberOfAnotherStreet();
        String task = flow.published(2, 120);
        String before = database.fingerprint();
        // the street administrator does not reach them; the city does, and the claim service refuses them
        expectError(street.document(claimTask("assignTask")).variable("t", task).variable("m", outsider).execute(), "NOT_FOUND");
        expectError(graphQl.document(claimTask("assignTask")).variable("t", task).variable("m", outsider).execute(), "NOT_IN_COMMUNITY");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void aStreetWideJobProposesATeamOfAnotherCommunityWhoseMembersConfirmAsSupport() {
        // 德民's emergency goes to its own branch, none of whose members holds the skill; the supporter is in 小石桥's
        String emergency = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "防汛合同应急审查",
                          kind: EMERGENCY, difficulty: 3, headcount: 1, startsAt: $start, endsAt: $end,
                          skillIds: ["%s"], audience: TEAMS, teamIds: ["320613001001-GN"]}) { task { id } } }""".formatted(SKILL))
                .variable("start", FlowFixture.at(30)).variable("end", FlowFixture.at(300))
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", emergency);
        // claimed directly (here by the city), 小石桥's team cannot take it: it was not invited
        String before = database.fingerprint();
        expectError(graphQl.document("mutation($t: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: \"320613001002-GN\"}) { teamClaim { id } } }")
                .variable("t", emergency).execute(), "TEAM_NOT_INVITED");
        assertThat(database.fingerprint()).isEqualTo(before);

        String job = startStreetWide();
        GraphQlTester.Response done = awaitFinished(job);
        String team = done.path("matchingJob.teamProposals[0].team.id").entity(String.class).get();
        assertThat(flow.strings("MATCH (:Community {id: $c})-[:HAS_FUNCTIONAL_BRANCH|HAS_FUNCTIONAL_GROUP*1..2]->(t) RETURN t.id",
                Map.of("c", XIAOSHIQIAO))).as("a team of 小石桥").contains(team);
        done.path("matchingJob.teamProposals[0].reasons[*].kind").entityList(String.class).doesNotContain("BREAKS_RULE");

        GraphQlTester.Response accepted = street.document("""
                        mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { teamClaims { id source support supportFrom { id } }
                          refused { code } } }""").variable("id", job).execute();
        accepted.path("acceptProposals.refused").entityList(Object.class).hasSize(0)
                .path("acceptProposals.teamClaims[0].source").entity(String.class).isEqualTo("MATCHING")
                .path("acceptProposals.teamClaims[0].support").entity(Boolean.class).isEqualTo(true)
                .path("acceptProposals.teamClaims[0].supportFrom.id").entity(String.class).isEqualTo(XIAOSHIQIAO);
        String teamClaim = accepted.path("acceptProposals.teamClaims[0].id").entity(String.class).get();

        // the supporter is told their team took it (their inbox), and confirms, signed in as themselves: their
        // registration is in their own community
        as(TestTokens.user(supporter, Role.MEMBER, Scope.none().member(supporter).community(XIAOSHIQIAO)))
                .document("{ notifications(first: 20) { edges { node { kind teamClaim { id } } } } }").execute()
                .path("notifications.edges[?(@.node.kind == 'TEAM_CLAIMED')].node.teamClaim.id").entityList(String.class)
                .contains(teamClaim);
        as(TestTokens.user(supporter, Role.MEMBER, Scope.none().member(supporter).community(XIAOSHIQIAO)))
                .document("mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: {teamClaimId: $tc, memberId: $m}) { claim { "
                        + CLAIM + " teamClaim { id } } } }")
                .variable("tc", teamClaim).variable("m", supporter).execute()
                .path("confirmTeamClaim.claim.source").entity(String.class).isEqualTo("TEAM")
                .path("confirmTeamClaim.claim.support").entity(Boolean.class).isEqualTo(true)
                .path("confirmTeamClaim.claim.supportFrom.id").entity(String.class).isEqualTo(XIAOSHIQIAO)
                .path("confirmTeamClaim.claim.teamClaim.id").entity(String.class).isEqualTo(teamClaim);
        // a member of 德民 is not in that team
        expectError(graphQl.document("mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: {teamClaimId: $tc, memberId: $m}) { claim { id } } }")
                .variable("tc", teamClaim).variable("m", flow.confirmedMembers(DEMIN).getFirst()).execute(), "NOT_IN_TEAM");
    }

    private String startStreetWide() {
        return street.document("mutation { startMatching(input: {streetId: \"" + STREET + "\", streetWide: true, seconds: 2, unimprovedSeconds: 1}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
    }

    private static String claimTask(String mutation) {
        return "mutation($t: ID!, $m: ID!) { " + mutation + "(input: {taskId: $t, memberId: $m}) { claim { id source support supportFrom { id } } } }";
    }

    /** A task of 德民 next Saturday morning needing the skill only the supporter holds. */
    private String saturdayTask(String title, int headcount) {
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        String id = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "%s",
                          kind: MICRO_SERVICE, difficulty: 2, headcount: %d, startsAt: $start, endsAt: $end, skillIds: ["%s"]}) { task { id } } }"""
                        .formatted(title, headcount, SKILL))
                .variable("start", saturday + "T09:00").variable("end", saturday + "T10:30").execute()
                .path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", id);
        return id;
    }

    /** A member confirmed with a community of another street, holding the skill and free on Saturday mornings. */
    private String memberOfAnotherStreet() {
        database.write("""
                CREATE (s:Street {id: '320613002', name: '另一街道'})-[:HAS_COMMUNITY]->(c:Community {id: '320613002001', name: '远方社区'})
                CREATE (m:Member {id: 'M-FAR', name: '孙律师', availability: ['WEEKEND_MORNING']})
                CREATE (m)-[:REGISTERED]->(:Registration {id: 'R-FAR', state: 'CONFIRMED', activeMemberId: 'M-FAR'})-[:WITH_COMMUNITY]->(c)
                WITH m MATCH (k:Skill {id: '%s'}) CREATE (m)-[:HAS_SKILL {level: 5}]->(k)""".formatted(SKILL));
        return "M-FAR";
    }

    private GraphQlTester.Response check(HttpGraphQlTester as, String mutation, String claim, String code) {
        return as.document("mutation($claim: ID!, $code: String!) { " + mutation
                        + "(input: {claimId: $claim, verificationCode: $code}) { record { id hours checkOutAt } } }")
                .variable("claim", claim).variable("code", code).execute();
    }

    private GraphQlTester.Response awaitFinished(String job) {
        for (int i = 0; i < 300; i++) {
            GraphQlTester.Response response = graphQl.document("""
                            query($id: ID!) { matchingJob(id: $id) { status proposals { seatId task { id } member { id } }
                              teamProposals { seatId task { id } team { ... on FunctionalBranch { id } ... on FunctionalGroup { id } }
                                reasons { kind text } } } }""")
                    .variable("id", job).execute();
            String status = response.path("matchingJob.status").entity(String.class).get();
            if (!"SOLVING".equals(status) && !"LIVE".equals(status)) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("job " + job + " still solving after 30 s");
    }
}
