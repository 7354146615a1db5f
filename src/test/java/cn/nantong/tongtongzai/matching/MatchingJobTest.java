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
    void aStreetJobSurvivesACommunityWhoseDataCannotBeReadAndSaysWhy() {
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        String broken = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001002", title: "修理路灯",
                          kind: MICRO_SERVICE, difficulty: 2, headcount: 2, startsAt: $start, endsAt: $end, categoryId: "HELP_THE_NEEDY"}) { task { id } } }""")
                .variable("start", saturday + "T09:00:00+08:00").variable("end", saturday + "T10:00:00+08:00").execute()
                .path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", broken);
        // someone "fixed" the headcount by hand in Neo4j Browser: that community's data no longer reads
        database.write("MATCH (t:Task {id: '" + broken + "'}) SET t.headcount = '两人'");

        String job = graphQl.document("mutation { startMatching(input: {streetId: \"320613001\", seconds: 3, unimprovedSeconds: 1}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        awaitFinished(job);
        graphQl.document("query($id: ID!) { matchingJob(id: $id) { status seats seatsFilled error proposals { task { id } } parts { scopeId status seats seatsFilled error } } }")
                .variable("id", job).execute()
                .path("matchingJob.status").entity(String.class).isEqualTo("COMPLETED")
                .path("matchingJob.parts[*].scopeId").entityList(String.class).containsExactly("320613001001", "320613001002")
                .path("matchingJob.parts[0].status").entity(String.class).isEqualTo("COMPLETED")
                .path("matchingJob.parts[0].seatsFilled").entity(Integer.class).isEqualTo(3)
                .path("matchingJob.parts[1].status").entity(String.class).isEqualTo("FAILED")
                .path("matchingJob.parts[1].error").entity(String.class).satisfies(e -> assertThat(e).contains("读取数据失败"))
                .path("matchingJob.error").entity(String.class).satisfies(e -> assertThat(e).startsWith("320613001002："))
                .path("matchingJob.proposals[*].task.id").entityList(String.class).hasSize(3).doesNotContain(broken);
        // what was planned can be accepted
        graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { job { status } claims { id } } }")
                .variable("id", job).execute()
                .path("acceptProposals.job.status").entity(String.class).isEqualTo("ACCEPTED")
                .path("acceptProposals.claims").entityList(Object.class).hasSize(3);
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
    void aRejectedSeatStaysOpenAndTheRestCanBeAccepted() {
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 3, unimprovedSeconds: 1}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        String seat = awaitFinished(job).path("matchingJob.proposals[0].seatId").entity(String.class).get();
        expectError(graphQl.document("mutation($id: ID!) { rejectProposals(input: {jobId: $id, seatIds: [\"nope\"]}) { job { id } } }")
                .variable("id", job).execute(), "PROPOSAL_NOT_FOUND");

        String reject = "mutation($id: ID!, $seat: ID!) { rejectProposals(input: {jobId: $id, seatIds: [$seat]}) { job { status seats seatsFilled rejectedSeatIds proposals { seatId } } } }";
        graphQl.document(reject).variable("id", job).variable("seat", seat).execute()
                .path("rejectProposals.job.status").entity(String.class).isEqualTo("COMPLETED")
                .path("rejectProposals.job.rejectedSeatIds").entityList(String.class).containsExactly(seat)
                .path("rejectProposals.job.seats").entity(Integer.class).isEqualTo(3)
                .path("rejectProposals.job.seatsFilled").entity(Integer.class).isEqualTo(2)
                .path("rejectProposals.job.proposals[*].seatId").entityList(String.class).hasSize(2).doesNotContain(seat);
        // rejected once, it is no longer a proposal: neither rejected again nor accepted
        expectError(graphQl.document(reject).variable("id", job).variable("seat", seat).execute(), "PROPOSAL_NOT_FOUND");
        expectError(graphQl.document("mutation($id: ID!, $seat: ID!) { acceptProposals(input: {jobId: $id, seatIds: [$seat]}) { claims { id } } }")
                .variable("id", job).variable("seat", seat).execute(), "PROPOSAL_NOT_FOUND");

        graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id}) { claims { id } refused { seatId } } }")
                .variable("id", job).execute()
                .path("acceptProposals.claims").entityList(Object.class).hasSize(2)
                .path("acceptProposals.refused").entityList(Object.class).hasSize(0);
        assertThat(flow.count("MATCH (c:Claim {source: 'MATCHING'}) RETURN count(c)", Map.of())).isEqualTo(2);
    }

    @Test
    void aLiveJobKeepsARejectedSeatEmptyAndRunsOn() {
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 5, unimprovedSeconds: 1, live: true}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        try {
            String seat = null;
            for (int i = 0; i < 100 && seat == null; i++) {
                List<String> seats = graphQl.document("query($id: ID!) { matchingJob(id: $id) { proposals { seatId } } }").variable("id", job).execute()
                        .path("matchingJob.proposals[*].seatId").entityList(String.class).get();
                seat = seats.isEmpty() ? null : seats.getFirst();
                if (seat == null) {
                    sleep();
                }
            }
            assertThat(seat).as("a proposal of the live job (polled for up to 10 s)").isNotNull();
            graphQl.document("mutation($id: ID!, $seat: ID!) { rejectProposals(input: {jobId: $id, seatIds: [$seat]}) { job { status rejectedSeatIds } } }")
                    .variable("id", job).variable("seat", seat).execute()
                    .path("rejectProposals.job.status").entity(String.class).isEqualTo("LIVE")
                    .path("rejectProposals.job.rejectedSeatIds").entityList(String.class).containsExactly(seat);
            for (int i = 0; i < 10; i++) { // the solver goes on with the seat pinned empty: never proposed again
                graphQl.document("query($id: ID!) { matchingJob(id: $id) { status proposals { seatId } } }").variable("id", job).execute()
                        .path("matchingJob.status").entity(String.class).isEqualTo("LIVE")
                        .path("matchingJob.proposals[*].seatId").entityList(String.class).doesNotContain(seat);
                sleep();
            }
        } finally {
            graphQl.document("mutation($id: ID!) { stopMatching(input: {jobId: $id}) { job { id } } }").variable("id", job).execute();
        }
        awaitFinished(job).path("matchingJob.status").entity(String.class).isEqualTo("STOPPED");
    }

    @Test
    void aLiveStreetJobTakesInANewEmergencyAndProposesATeam() {
        String street = flow.strings("MATCH (s:Street)-[:HAS_COMMUNITY]->(:Community {id: $c}) RETURN s.id", Map.of("c", FlowFixture.DEMIN)).getFirst();
        String job = graphQl.document("mutation($s: ID!) { startMatching(input: {streetId: $s, seconds: 5, unimprovedSeconds: 1, live: true}) { job { id status live } } }")
                .variable("s", street).execute()
                .path("startMatching.job.status").entity(String.class).isEqualTo("LIVE")
                .path("startMatching.job.id").entity(String.class).get();
        awaitScore(job);

        String emergency = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "防汛抢险",
                          kind: EMERGENCY, difficulty: 4, headcount: 3, startsAt: $start, endsAt: $end, categoryId: "SAFETY_PATROL",
                          skillIds: ["plumbing_electrical"], placeId: "320613001001-W01-P1-M01",
                          audience: TEAMS, teamIds: ["320613001001-GN"]}) { task { id } } }""")
                .variable("start", FlowFixture.at(30)).variable("end", FlowFixture.at(300))
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", emergency);

        GraphQlTester.Response proposed = null;
        for (int i = 0; i < 100 && proposed == null; i++) {
            GraphQlTester.Response response = graphQl.document("""
                            query($id: ID!) { matchingJob(id: $id) { status tasksAdded { task { id } millisToProposal }
                              teamProposals { seatId task { id } team { ... on FunctionalBranch { id } ... on FunctionalGroup { id } } reasons { kind text } } } }""")
                    .variable("id", job).execute();
            Map<?, ?> seen = response.path("matchingJob").entity(Map.class).get();
            List<?> added = (List<?>) seen.get("tasksAdded");
            if (!added.isEmpty() && ((Map<?, ?>) added.getFirst()).get("millisToProposal") != null
                    && !((List<?>) seen.get("teamProposals")).isEmpty()) {
                proposed = response;
            } else {
                sleep();
            }
        }
        assertThat(proposed).as("a proposal for the emergency (polled for up to 10 s)").isNotNull();
        proposed.path("matchingJob.status").entity(String.class).isEqualTo("LIVE")
                .path("matchingJob.tasksAdded[0].task.id").entity(String.class).isEqualTo(emergency)
                .path("matchingJob.teamProposals[0].task.id").entity(String.class).isEqualTo(emergency)
                .path("matchingJob.teamProposals[0].reasons[*].kind").entityList(String.class).doesNotContain("BREAKS_RULE")
                .path("matchingJob.teamProposals[0].reasons[*].text").entityList(String.class)
                .satisfies(texts -> assertThat(texts).anyMatch(t -> t.contains("具备所需技能")));
        String team = proposed.path("matchingJob.teamProposals[0].team.id").entity(String.class).get();
        assertThat(flow.strings("MATCH (b:FunctionalBranch {id: '320613001001-GN'}) OPTIONAL MATCH (b)-[:HAS_FUNCTIONAL_GROUP]->(g) "
                + "RETURN b.id UNION MATCH (:FunctionalBranch {id: '320613001001-GN'})-[:HAS_FUNCTIONAL_GROUP]->(g) RETURN g.id AS `b.id`", Map.of()))
                .as("the branch the emergency went to, or one of its groups").contains(team);

        // accepted while the job runs: a team claim from matching; the job keeps running with it pinned
        String seat = proposed.path("matchingJob.teamProposals[0].seatId").entity(String.class).get();
        graphQl.document("mutation($id: ID!, $seat: ID!) { acceptProposals(input: {jobId: $id, seatIds: [$seat]}) { job { status } teamClaims { source team { ... on FunctionalBranch { id } ... on FunctionalGroup { id } } task { id } } refused { code } } }")
                .variable("id", job).variable("seat", seat).execute()
                .path("acceptProposals.job.status").entity(String.class).isEqualTo("LIVE")
                .path("acceptProposals.teamClaims[0].source").entity(String.class).isEqualTo("MATCHING")
                .path("acceptProposals.teamClaims[0].task.id").entity(String.class).isEqualTo(emergency)
                .path("acceptProposals.refused").entityList(Object.class).hasSize(0);
        for (int i = 0; i < 50; i++) { // the pin reaches the solver as a problem change
            if (graphQl.document("query($id: ID!) { matchingJob(id: $id) { teamProposals { seatId } } }").variable("id", job).execute()
                    .path("matchingJob.teamProposals").entityList(Object.class).get().isEmpty()) {
                break;
            }
            sleep();
        }
        graphQl.document("query($id: ID!) { matchingJob(id: $id) { teamProposals { seatId } } }").variable("id", job).execute()
                .path("matchingJob.teamProposals").entityList(Object.class).hasSize(0);

        graphQl.document("mutation($id: ID!) { stopMatching(input: {jobId: $id}) { job { id } } }").variable("id", job).execute();
        awaitFinished(job).path("matchingJob.status").entity(String.class).isEqualTo("STOPPED");
    }

    private void awaitScore(String job) {
        for (int i = 0; i < 100; i++) {
            if (graphQl.document("query($id: ID!) { matchingJob(id: $id) { bestScore { hard } } }").variable("id", job).execute()
                    .path("matchingJob").entity(Map.class).get().get("bestScore") != null) {
                return;
            }
            sleep();
        }
    }

    @Test
    void refusals() {
        expectError(graphQl.document("mutation { startMatching(input: {}) { job { id } } }").execute(), "SCOPE_REQUIRED");
        expectError(graphQl.document("mutation { startMatching(input: {communityId: \"nowhere\"}) { job { id } } }").execute(), "COMMUNITY_NOT_FOUND");
        expectError(graphQl.document("mutation { startMatching(input: {streetId: \"nowhere\"}) { job { id } } }").execute(), "STREET_NOT_FOUND");
        expectError(graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 0}) { job { id } } }").execute(), "INVALID_TERMINATION");
        expectError(graphQl.document("mutation { stopMatching(input: {jobId: \"nope\"}) { job { id } } }").execute(), "JOB_NOT_FOUND");
        graphQl.document("{ matchingJob(id: \"nope\") { id } }").execute().path("matchingJob").valueIsNull();

        String job = graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 1, unimprovedSeconds: 1}) { job { id } } }")
                .execute().path("startMatching.job.id").entity(String.class).get();
        awaitFinished(job);
        expectError(graphQl.document("mutation($id: ID!) { acceptProposals(input: {jobId: $id, seatIds: [\"nope\"]}) { claims { id } } }")
                .variable("id", job).execute(), "PROPOSAL_NOT_FOUND");
        assertThat(flow.count("MATCH (c:Claim {source: 'MATCHING'}) RETURN count(c)", Map.of())).isZero();
    }

    @Test
    void liveJobsAreBounded() {
        List<String> live = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < MatchingJobs.MAX_LIVE; i++) {
                live.add(graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", seconds: 1, unimprovedSeconds: 1, live: true}) { job { id } } }")
                        .execute().path("startMatching.job.id").entity(String.class).get());
            }
            expectError(graphQl.document("mutation { startMatching(input: {communityId: \"320613001001\", live: true}) { job { id } } }").execute(),
                    "TOO_MANY_LIVE_JOBS");
        } finally {
            live.forEach(id -> graphQl.document("mutation($id: ID!) { stopMatching(input: {jobId: $id}) { job { id } } }").variable("id", id).execute());
        }
        live.forEach(id -> awaitFinished(id).path("matchingJob.status").entity(String.class).isEqualTo("STOPPED"));
    }

    private GraphQlTester.Response awaitFinished(String job) {
        for (int i = 0; i < 300; i++) {
            GraphQlTester.Response response = graphQl.document("query($id: ID!) { matchingJob(id: $id) { " + JOB.replace("jobId ", "") + " } }")
                    .variable("id", job).execute();
            String status = response.path("matchingJob.status").entity(String.class).get();
            if (!"SOLVING".equals(status) && !"LIVE".equals(status)) {
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
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "%s",
                          kind: MICRO_SERVICE, difficulty: 2, headcount: %d, startsAt: $start, endsAt: $end, %s}) { task { id } } }"""
                        .formatted(title, headcount, needs))
                .variable("start", start).variable("end", end).execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", id);
        return id;
    }
}
