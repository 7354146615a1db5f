package cn.nantong.tongtongzai.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.springframework.http.HttpHeaders;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The 四单 flow driven over GraphQL on the `tiny` data set: 德民社区 (320613001001) and 小石桥社区
 * (320613001002), each with a functional branch, groups and confirmed members.
 */
public final class FlowFixture {

    public static final String DEMIN = "320613001001";
    public static final String XIAOSHIQIAO = "320613001002";
    public static final String SECRETARY = "secretary-demin";

    private final HttpGraphQlTester graphQl;
    private final Driver driver;

    public FlowFixture(HttpGraphQlTester graphQl, Driver driver) {
        this.graphQl = graphQl;
        this.driver = driver;
    }

    /** The same tester, signed in as the city administrator named {@code actor}. */
    public HttpGraphQlTester as(String actor) {
        return graphQl.mutate().headers(h -> h.set(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.cityAdmin(actor))))
                .build();
    }

    /** Members with a confirmed registration in the community, by id. */
    public List<String> confirmedMembers(String communityId) {
        return strings("""
                MATCH (m:Member)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $id})
                RETURN m.id ORDER BY m.id""", Map.of("id", communityId));
    }

    public List<String> strings(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).execute().records().stream()
                .map(r -> r.get(0).asString()).toList();
    }

    public long count(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).execute().records().getFirst().get(0).asLong();
    }

    public static String at(long minutesFromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(minutesFromNow).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A DRAFT task of 德民社区 for individual members needing 水电维修, from {@code start} for two hours. */
    public String draft(int headcount, long startInMinutes) {
        return graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!, $headcount: Int!) {
                          createTask(input: {communityId: "320613001001", title: "楼道灯维修", kind: MICRO_SERVICE,
                            difficulty: 2, headcount: $headcount, startsAt: $start, endsAt: $end,
                            skillIds: ["plumbing_electrical"], placeId: "320613001001-W01-P1-M01"}) { task { id state } } }""")
                .variable("start", at(startInMinutes)).variable("end", at(startInMinutes + 120))
                .variable("headcount", headcount)
                .execute().path("createTask.task.state").entity(String.class).isEqualTo("DRAFT")
                .path("createTask.task.id").entity(String.class).get();
    }

    /** A published task; returns its id. */
    public String published(int headcount, long startInMinutes) {
        String id = draft(headcount, startInMinutes);
        transition("publishTask", id).path("publishTask.task.state").entity(String.class).isEqualTo("PUBLISHED");
        return id;
    }

    public GraphQlTester.Response transition(String mutation, String taskId) {
        return as(SECRETARY).document("mutation($id: ID!) { " + mutation + "(input: {taskId: $id}) { task { id state } } }")
                .variable("id", taskId).execute();
    }

    public String verificationCode(String taskId) {
        return graphQl.document("query($id: ID!) { task(id: $id) { verificationCode } }").variable("id", taskId)
                .execute().path("task.verificationCode").entity(String.class).get();
    }

    public GraphQlTester.Response claim(String taskId, String memberId) {
        return as(memberId).document("""
                        mutation($task: ID!, $member: ID!) { claimTask(input: {taskId: $task, memberId: $member}) {
                          claim { id state source member { id } task { id claimed openSeats } } } }""")
                .variable("task", taskId).variable("member", memberId).execute();
    }

    public String claimId(String taskId, String memberId) {
        return claim(taskId, memberId).path("claimTask.claim.id").entity(String.class).get();
    }

    public GraphQlTester.Response check(String mutation, String claimId, String code) {
        return graphQl.document("mutation($claim: ID!, $code: String!) { " + mutation
                        + "(input: {claimId: $claim, verificationCode: $code}) { record { id hours autoClosed checkInAt checkOutAt } } }")
                .variable("claim", claimId).variable("code", code).execute();
    }

    /** Moves a task's window (and the check-ins of its records) into the past, as if time had passed. */
    public void shiftIntoPast(String taskId, int hoursAgoStart, int hoursAgoEnd) {
        driver.executableQuery("""
                MATCH (t:Task {id: $id})
                SET t.startsAt = datetime() - duration({hours: $start}), t.endsAt = datetime() - duration({hours: $end})
                WITH t
                OPTIONAL MATCH (t)<-[:FOR_TASK]-(:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)
                SET sr.checkInAt = t.startsAt""")
                .withParameters(Map.of("id", taskId, "start", hoursAgoStart, "end", hoursAgoEnd)).execute();
    }

    public static void expectError(GraphQlTester.Response response, String code) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
            assertThat(errors.getFirst().getMessage()).isNotBlank().doesNotContain("Exception");
        });
    }

    /** A member of U0001 living in {@code home}, confirmed with 德民社区, with one skill level (0: none). */
    public String confirmedMember(String name, String phone, String home, int level, String availability) {
        return confirmedMember(name, phone, home, level, availability, DEMIN);
    }

    /** As above, registered with {@code communityId} (the home must lie in it). */
    public String confirmedMember(String name, String phone, String home, int level, String availability, String communityId) {
        return confirmedMember(name, phone, home, level == 0 ? "tutoring" : "plumbing_electrical", level == 0 ? 3 : level,
                availability, communityId);
    }

    /** A member of U0001 living in {@code home} with one skill at a level, confirmed with {@code communityId}. */
    public String confirmedMember(String name, String phone, String home, String skillId, int level, String availability,
            String communityId) {
        String skills = "[{skillId: \"" + skillId + "\", level: " + level + "}]";
        String id = graphQl.document("mutation($home: ID!) { createMember(input: {name: \"" + name + "\", gender: MALE, birthYear: 1980, phone: \""
                        + phone + "\", unitId: \"U0001\", residenceId: $home, skills: " + skills + ", availability: [" + availability
                        + "], postCategoryIds: [\"HELP_THE_NEEDY\"]}) { member { id } } }")
                .variable("home", home).execute().path("createMember.member.id").entity(String.class).get();
        String registration = graphQl.document("mutation($m: ID!, $home: ID!, $c: ID!) { registerMember(input: {memberId: $m, communityId: $c, residenceId: $home, channel: ONLINE}) { registration { id } } }")
                .variable("m", id).variable("c", communityId).variable("home", home).execute().path("registerMember.registration.id").entity(String.class).get();
        graphQl.document("mutation($r: ID!) { confirmRegistration(input: {registrationId: $r}) { registration { state } } }")
                .variable("r", registration).execute();
        return id;
    }

    /** What {@link #servedAndRatedRequest()} made. */
    public record Served(String member, String resident, String request, String task, String claim, String openTask) {
    }

    /**
     * In 德民社区: two requests posted; one accepted into a task, published, served by a member (checked in and
     * out) and completed, its claim rated 2, 2 and 5 (an interview case); another task published and claimed.
     */
    public Served servedAndRatedRequest() {
        String member = confirmedMembers(DEMIN).getFirst();
        String resident = strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id LIMIT 1""",
                Map.of("c", DEMIN)).getFirst();
        String request = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"楼道灯坏了\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"想学用手机挂号\"}) { request { id } } }")
                .variable("r", resident).execute();
        String task = graphQl.document("""
                        mutation($id: ID!, $start: DateTime!, $end: DateTime!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: 2, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", request).variable("start", at(-30)).variable("end", at(90))
                .execute().path("acceptRequest.request.task.id").entity(String.class).get();
        transition("publishTask", task);
        String code = verificationCode(task);
        String claim = claimId(task, member);
        check("checkIn", claim, code);
        check("checkOut", claim, code);
        String open = published(3, 120);
        claimId(open, confirmedMembers(DEMIN).get(1));
        transition("completeTask", task);
        String rate = "mutation($c: ID!, $role: RaterRole!, $rater: ID!, $s: Int!) { rateClaim(input: {claimId: $c, raterRole: $role, raterId: $rater, score: $s}) { evaluation { id } } }";
        graphQl.document(rate).variable("c", claim).variable("role", "RESIDENT").variable("rater", resident).variable("s", 2).execute();
        graphQl.document(rate).variable("c", claim).variable("role", "COMMUNITY").variable("rater", DEMIN).variable("s", 2).execute();
        graphQl.document(rate).variable("c", claim).variable("role", "FUNCTIONAL_BRANCH").variable("rater", DEMIN + "-GN").variable("s", 5).execute();
        return new Served(member, resident, request, task, claim, open);
    }
}
