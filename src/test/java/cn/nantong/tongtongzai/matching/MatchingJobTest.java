package cn.nantong.tongtongzai.matching;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** A matching job over GraphQL with the real solver: start, watch, accept (claims MATCHING), stale proposals, stop, reject. */
class MatchingJobTest extends IntegrationTest {

    static final String JOB = "jobId status seats seatsFilled feasible bestScore { hard medium soft } timeSpent proposals { seatId task { id } member { id } reasons { kind text } }";

    @Autowired
    Driver driver;

    FlowFixture flow;
    String lights;
    String visit;
    String preClaimed;

    @BeforeEach
    void twoTasksOfDemin() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        preClaimed = flow.confirmedMember("张师傅", "13900000001", "320613001001-W01-P1-M01", 5, "WEEKEND_MORNING");
        flow.confirmedMember("李学徒", "13900000002", "320613001001-W02-P1-M01", 3, "WEEKEND_MORNING");
        flow.confirmedMember("赵电工", "13900000003", "320613001001-W01-P2-M01", 4, "WEEKEND_MORNING");
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        lights = task("更换楼道灯", saturday + "T09:00", saturday + "T10:30", 3, "skillIds: [\"plumbing_electrical\"]");
        visit = task("探访独居老人", saturday + "T11:00", saturday + "T12:00", 1, "categoryId: \"HELP_THE_NEEDY\"");
        flow.claimId(lights, preClaimed);
    }

    @Test
    void aCommunityPlanFillsTheOpenSeatsAndAcceptedProposalsBecomeMatchingClaims() {
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 3, unimprovedSeconds: 1}) { job { id status seats } } }")
                .execute().path("startMatching.job.seats").entity(Integer.class).isEqualTo(3)
                .path("startMatching.job.id").entity(String.class).get();
        GraphQlTester.Response done = awaitFinished(job);
        done.path("matchingJob.status").entity(String.class).isEqualTo("COMPLETED")
                .path("matchingJob.feasible").entity(Boolean.class).isEqualTo(true)
                .path("matchingJob.seatsFilled").entity(Integer.class).isEqualTo(3)
                .path("matchingJob.proposals").entityList(Object.class).hasSize(3)
                .path("matchingJob.proposals[0].reasons[*].kind").entityList(String.class).doesNotContain("BREAKS_RULE")
                .path("matchingJob.proposals[0].reasons").entityList(Object.class).hasSizeGreaterThan(0);
        List<Map<String, Object>> proposals = done.path("matchingJob.proposals")
                .entity(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(proposals).as("the member who claimed the lights is not proposed for them again")
                .noneMatch(p -> lights.equals(((Map<?, ?>) p.get("task")).get("id")) && preClaimed.equals(((Map<?, ?>) p.get("member")).get("id")));

        var accepted = flow.as(FlowFixture.SECRETARY).document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { job { status } claims { source claimedBy task { id } } refused { seatId code } } }")
                .variable("id", job).execute();
        accepted.path("acceptProposals.job.status").entity(String.class).isEqualTo("ACCEPTED")
                .path("acceptProposals.claims[*].source").entityList(String.class).containsExactly("MATCHING", "MATCHING", "MATCHING")
                .path("acceptProposals.claims[0].claimedBy").entity(String.class).isEqualTo(FlowFixture.SECRETARY)
                .path("acceptProposals.refused").entityList(Object.class).hasSize(0);

        // accepting the same plan again: every proposal is stale, nothing is over-booked or double-booked
        graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { id } refused { code } } }")
                .variable("id", job).execute()
                .path("acceptProposals.claims").entityList(Object.class).hasSize(0)
                .path("acceptProposals.refused[*].code").entityList(String.class).hasSize(3)
                .satisfies(codes -> assertThat(codes).allMatch(c -> c.equals("TASK_FULL") || c.equals("ALREADY_CLAIMED")));
        assertThat(flow.count("MATCH (t:Task) WHERE COUNT { (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL } > t.headcount RETURN count(t)", Map.of()))
                .isZero();
        graphQl.document("query($a: ID!, $b: ID!) { a: task(id: $a) { openSeats } b: task(id: $b) { openSeats } }")
                .variable("a", lights).variable("b", visit).execute()
                .path("a.openSeats").entity(Integer.class).isEqualTo(0)
                .path("b.openSeats").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void aJobStopsEarlyAndADiscardedPlanCannotBeAccepted() {
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 60, unimprovedSeconds: 60}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        expectError(graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { id } } }").variable("id", job).execute(),
                "JOB_SOLVING");
        graphQl.document("mutation($id: ID!) { stopMatching(input: {jobId: $id}) { job { id } } }").variable("id", job).execute();
        awaitFinished(job).path("matchingJob.status").entity(String.class).isEqualTo("STOPPED");
        graphQl.document("mutation($id: ID!) { rejectProposals(input: {jobId: $id}) { job { status } } }").variable("id", job).execute()
                .path("rejectProposals.job.status").entity(String.class).isEqualTo("DISCARDED");
        expectError(graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { id } } }").variable("id", job).execute(),
                "JOB_NOT_ACCEPTABLE");
        assertThat(flow.count("MATCH (c:Claim {source: 'MATCHING'}) RETURN count(c)", Map.of())).isZero();
    }

    @Test
    void refusals() {
        expectError(graphQl.document("mutation { startMatching(input: {}) { job { id } } }").execute(), "SCOPE_REQUIRED");
        expectError(graphQl.document("mutation { startMatching(input: {communityId: \"nowhere\"}) { job { id } } }").execute(), "COMMUNITY_NOT_FOUND");
        expectError(graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 0}) { job { id } } }").execute(), "INVALID_TERMINATION");
        expectError(graphQl.document("mutation { stopMatching(input: {jobId: \"nope\"}) { job { id } } }").execute(), "JOB_NOT_FOUND");
        graphQl.document("{ matchingJob(id: \"nope\") { id } }").execute().path("matchingJob").valueIsNull();
    }

    private GraphQlTester.Response awaitFinished(String job) {
        for (int i = 0; i < 300; i++) {
            GraphQlTester.Response response = graphQl.document("query($id: ID!) { matchingJob(id: $id) { " + JOB.replace("jobId ", "") + " } }")
                    .variable("id", job).execute();
            if (!"SOLVING".equals(response.path("matchingJob.status").entity(String.class).get())) {
                return response;
            }
            sleep();
        }
        throw new AssertionError("job " + job + " still solving after 30 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String task(String title, String start, String end, int headcount, String needs) {
        String id = graphQl.document("""
                        mutation($start: String!, $end: String!) { createTask(input: {communityId: "320613001001", title: "%s",
                          kind: MICRO_SERVICE, difficulty: 2, headcount: %d, startsAt: $start, endsAt: $end, %s}) { task { id } } }"""
                        .formatted(title, headcount, needs))
                .variable("start", start).variable("end", end).execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", id);
        return id;
    }
}
