package cn.nantong.tongtongzai.live;

import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static cn.nantong.tongtongzai.support.FlowFixture.XIAOSHIQIAO;
import static cn.nantong.tongtongzai.support.FlowFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.graphql.client.WebSocketGraphQlClient;

import cn.nantong.tongtongzai.member.RegistrationDecided;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.LiveClients;
import cn.nantong.tongtongzai.support.LiveClients.Stream;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Subscriptions on the `tiny` data over a real WebSocket (graphql-transport-ws) and real SSE. Each scope test
 * publishes the change the subscriber must not see first and one they must see after it: events reach every
 * subscription in commit order, so the second arriving while the first never does shows the first was withheld.
 */
class LiveUpdatesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String HOME_DEMIN = "320613001001-W01-P1-M01";
    private static final String HOME_XIAOSHIQIAO = "320613001002-W01-P1-M01";

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    LiveEvents liveEvents;

    @Autowired
    WriteTransactions transactions;

    @Autowired
    ApplicationEventPublisher events;

    FlowFixture flow;
    LiveClients clients;
    final List<Stream> open = new java.util.ArrayList<>();
    final List<WebSocketGraphQlClient> connections = new java.util.ArrayList<>();

    @BeforeEach
    void tinyData() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        clients = new LiveClients(port);
        long until = System.nanoTime() + WAIT.toNanos(); // the previous test's subscriptions have ended
        while (liveEvents.subscribers() > 0 && System.nanoTime() < until) {
            sleep(20);
        }
    }

    @AfterEach
    void close() {
        open.forEach(Stream::cancel);
        connections.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
    }

    @Test
    void aMemberIsToldOfTasksPublishedInTheirCommunityNotElsewhere() {
        String member = flow.confirmedMembers(DEMIN).getFirst();
        Stream tasks = webSocket(TestTokens.user(member, Role.MEMBER, Scope.none().member(member).community(DEMIN)),
                "subscription { tasksPublished { id title kind state } }", Map.of());

        String elsewhere = publish(createTask(XIAOSHIQIAO, HOME_XIAOSHIQIAO, "小石桥修路灯", ""));
        String here = publish(createTask(DEMIN, HOME_DEMIN, "德民修路灯", ""));

        Map<String, Object> event = tasks.next(WAIT);
        assertThat(event).as("the task published in the member's community").isNotNull();
        assertThat(field(event, "tasksPublished", "id")).isEqualTo(here);
        assertThat(field(event, "tasksPublished", "state")).isEqualTo("PUBLISHED");
        assertThat(tasks.next(QUIET)).as("nothing else, above all not " + elsewhere).isNull();
    }

    @Test
    void aGroupLeaderIsToldOfEmergenciesOfferedToTheirBranchOnly() {
        String group = flow.strings("MATCH (:FunctionalBranch {id: $b})-[:HAS_FUNCTIONAL_GROUP]->(g) RETURN g.id ORDER BY g.id",
                Map.of("b", DEMIN + "-GN")).getFirst();
        Stream offers = webSocket(TestTokens.user("leader", Role.GROUP_LEADER, Scope.none().group(group).community(DEMIN)),
                "subscription { emergencyOffers { id title kind audience } }", Map.of());

        publish(createTask(XIAOSHIQIAO, HOME_XIAOSHIQIAO, "小石桥防汛", emergencyFor(XIAOSHIQIAO + "-GN")));
        publish(createTask(DEMIN, HOME_DEMIN, "德民普通任务", "")); // not an emergency for teams
        String ours = publish(createTask(DEMIN, HOME_DEMIN, "德民防汛", emergencyFor(DEMIN + "-GN")));

        Map<String, Object> event = offers.next(WAIT);
        assertThat(event).isNotNull();
        assertThat(field(event, "emergencyOffers", "id")).isEqualTo(ours);
        assertThat(field(event, "emergencyOffers", "kind")).isEqualTo("EMERGENCY");
        assertThat(offers.next(QUIET)).isNull();
    }

    @Test
    void aResidentFollowsTheirOwnRequestsOverSseAndNeverAnotherResidents() {
        List<String> residents = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id LIMIT 2""",
                Map.of("c", DEMIN));
        String mine = post(residents.get(0), "楼道灯坏了");
        String theirs = post(residents.get(1), "水管漏水");
        String bearer = TestTokens.bearer(TestTokens.user(residents.get(0), Role.RESIDENT, Scope.none().resident(residents.get(0))));
        String document = "subscription($id: ID) { myRequestChanged(requestId: $id) { id state rejectReason } }";

        // naming another resident's request is refused at once, as the query request(id:) would be
        Stream refused = sse(bearer, document, Map.of("id", theirs));
        assertThat(code(refused.next(WAIT))).isEqualTo("NOT_FOUND");

        Stream changes = sse(bearer, document, Map.of());
        reject(theirs);
        reject(mine);
        Map<String, Object> event = changes.next(WAIT);
        assertThat(event).isNotNull();
        assertThat(field(event, "myRequestChanged", "id")).isEqualTo(mine);
        assertThat(field(event, "myRequestChanged", "state")).isEqualTo("REJECTED");
        assertThat(field(event, "myRequestChanged", "rejectReason")).isEqualTo("不属于社区服务范围");
        assertThat(changes.next(QUIET)).isNull();
    }

    @Test
    void aConfirmationIsToldAfterItCommittedToTheMemberAndTheirCommunityOnly() {
        String a = pendingMember("甲一", "19912340001", HOME_DEMIN, DEMIN);
        String b = pendingMember("乙二", "19912340002", HOME_XIAOSHIQIAO, XIAOSHIQIAO);
        String c = pendingMember("丙三", "19912340003", HOME_DEMIN, DEMIN);
        String document = "subscription { registrationConfirmed { id state member { id } community { id } } }";
        Stream member = webSocket(TestTokens.user(a, Role.MEMBER, Scope.none().member(a)), document, Map.of());
        Stream secretary = webSocket(TestTokens.user("sec", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN)), document, Map.of());

        // a change rolled back after its event: never told
        assertThatThrownBy(() -> transactions.execute(status -> {
            events.publishEvent(new RegistrationDecided(registrationOf(c), c, "CONFIRMED", null));
            throw new IllegalStateException("the change fails after its event");
        })).hasMessageContaining("fails");
        confirm(registrationOf(b)); // another community's
        confirm(registrationOf(a));

        for (Stream stream : List.of(member, secretary)) {
            Map<String, Object> event = stream.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(field(event, "registrationConfirmed", "id")).isEqualTo(registrationOf(a));
            assertThat(field(event, "registrationConfirmed", "state")).isEqualTo("CONFIRMED");
        }
        confirm(registrationOf(c)); // the secretary's community, not the member
        assertThat(field(secretary.next(WAIT), "registrationConfirmed", "id")).isEqualTo(registrationOf(c));
        assertThat(member.next(QUIET)).isNull();
        assertThat(secretary.next(QUIET)).isNull();
    }

    @Test
    void matchingProposalsAppearForJobsInScopeOnlyAndALiveJobProposesATeamForANewEmergency() {
        String street = flow.strings("MATCH (s:Street)-[:HAS_COMMUNITY]->(:Community {id: $c}) RETURN s.id", Map.of("c", DEMIN)).getFirst();
        // members of 德民's functional branch holding the emergency's skill: a team the solver can propose
        flow.confirmedMember("张师傅", "13900000001", HOME_DEMIN, 5, "WEEKEND_MORNING");
        flow.confirmedMember("赵电工", "13900000003", "320613001001-W01-P2-M01", 4, "WEEKEND_MORNING");
        Actor secretary = TestTokens.user("sec", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN));
        String document = "subscription($id: ID) { matchingProposals(jobId: $id) { id scopeId status teamProposals { task { id } team { __typename } } } }";
        Stream everything = webSocket(TestTokens.cityAdmin("city"), document, Map.of());
        Stream mine = webSocket(secretary, document, Map.of());

        // another community's job runs to its end first: the city sees its last state, the secretary nothing
        String other = startMatching("communityId", XIAOSHIQIAO, false);
        assertThat(awaitJob(everything, other, "COMPLETED")).isNotNull();
        assertThat(code(webSocket(secretary, document, Map.of("id", other)).next(WAIT))).isEqualTo("NOT_FOUND");
        String ours = startMatching("communityId", DEMIN, false);
        Map<String, Object> completed = mine.next(WAIT);
        for (; completed != null && !"COMPLETED".equals(field(completed, "matchingProposals", "status")); completed = mine.next(WAIT)) {
            assertThat(field(completed, "matchingProposals", "id")).isEqualTo(ours);
        }
        assertThat(completed).as("the secretary's community's job, to its end").isNotNull();
        assertThat(field(completed, "matchingProposals", "id")).isEqualTo(ours);

        // a live street job takes in an emergency and proposes a team: its street's admin watches it happen
        Stream streetAdmin = webSocket(TestTokens.user("street", Role.STREET_ADMIN, Scope.none().street(street)), document, Map.of());
        String job = startMatching("streetId", street, true);
        awaitScore(job); // solving: the emergency enters the running solver
        String emergency = publish(createTask(DEMIN, HOME_DEMIN, "德民防汛", emergencyFor(DEMIN + "-GN")));
        Map<String, Object> proposed = null;
        for (Map<String, Object> event = streetAdmin.next(WAIT); event != null && proposed == null; event = streetAdmin.next(WAIT)) {
            if (job.equals(field(event, "matchingProposals", "id"))
                    && String.valueOf(field(event, "matchingProposals", "teamProposals")).contains(emergency)) {
                proposed = event;
            }
        }
        assertThat(proposed).as("the live job's proposal of a team for the emergency").isNotNull();
        assertThat(field(proposed, "matchingProposals", "status")).isEqualTo("LIVE");
        graphQl.document("mutation($id: ID!) { stopMatching(input: {jobId: $id}) { job { id } } }").variable("id", job).execute();
        assertThat(awaitJob(streetAdmin, job, "STOPPED")).isNotNull();
        // the street's job is not the community secretary's to see (as matchingJob(id:) would refuse it)
        assertThat(mine.next(QUIET)).isNull();
    }

    @Test
    void aTeamMembersConfirmationIsToldToTheTasksCommunityOnlyAndNotAnOrdinaryClaim() {
        String member = flow.confirmedMember("张师傅", "13900000001", HOME_DEMIN, 5, "WEEKEND_MORNING");
        String other = flow.confirmedMember("赵电工", "13900000003", "320613001001-W01-P2-M01", 4, "WEEKEND_MORNING");
        String group = flow.strings("MATCH (:Member {id: $m})-[:IN_FUNCTIONAL_GROUP]->(g) RETURN g.id", Map.of("m", member)).getFirst();
        String document = "subscription($id: ID) { teamClaimConfirmed(taskId: $id) { id source member { id } teamClaim { id } } }";
        Actor ours = TestTokens.user("sec", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN));
        Actor theirs = TestTokens.user("sec2", Role.COMMUNITY_SECRETARY, Scope.none().community(XIAOSHIQIAO));
        String emergency = publish(createTask(DEMIN, HOME_DEMIN, "德民防汛", emergencyFor(DEMIN + "-GN")));
        // naming another community's task is refused, as the query task(id:) would be
        assertThat(code(webSocket(theirs, document, Map.of("id", emergency)).next(WAIT))).isEqualTo("NOT_FOUND");
        Stream here = webSocket(ours, document, Map.of());
        Stream onTheTask = webSocket(ours, document, Map.of("id", emergency));
        Stream there = webSocket(theirs, document, Map.of());

        flow.claimId(publish(createTask(DEMIN, HOME_DEMIN, "德民修路灯", "")), other); // a member's own claim: not told
        String teamClaim = graphQl.document("mutation($t: ID!, $g: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: $g}) { teamClaim { id } } }")
                .variable("t", emergency).variable("g", group).execute().path("claimTaskAsTeam.teamClaim.id").entity(String.class).get();
        String claim = graphQl.document("mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: {teamClaimId: $tc, memberId: $m}) { claim { id } } }")
                .variable("tc", teamClaim).variable("m", member).execute().path("confirmTeamClaim.claim.id").entity(String.class).get();

        for (Stream stream : List.of(here, onTheTask)) {
            Map<String, Object> event = stream.next(WAIT);
            assertThat(event).as("the confirmation, told to the task's community").isNotNull();
            assertThat(field(event, "teamClaimConfirmed", "id")).isEqualTo(claim);
            assertThat(field(event, "teamClaimConfirmed", "source")).isEqualTo("TEAM");
            assertThat(field(event, "teamClaimConfirmed", "teamClaim")).isEqualTo(Map.of("id", teamClaim));
            assertThat(stream.next(QUIET)).isNull();
        }
        assertThat(there.next(QUIET)).as("another community's secretary").isNull();
    }

    @Test
    void aWebSocketWithoutAValidTokenIsClosedBeforeAnythingRuns() {
        String document = "subscription { tasksPublished { id } }";
        for (Map<String, Object> init : java.util.Arrays.asList(null, Map.<String, Object>of("Authorization", "Bearer not-a-token"),
                Map.<String, Object>of("Authorization", TestTokens.bearer(TestTokens.cityAdmin("x")) + "x"))) {
            WebSocketGraphQlClient client = clients.webSocket(init);
            connections.add(client);
            Stream stream = LiveClients.subscribe(client, document, Map.of());
            open.add(stream);
            assertThat(stream.ended(WAIT)).as("refused: " + init).isNotNull();
            assertThat(stream.drain()).isEmpty();
        }
        // the handshake itself needs no token, but a plain GET of /graphql still does
        anonymousWeb.get().uri("/graphql").exchange().expectStatus().isUnauthorized();
        anonymousWeb.post().uri("/graphql").header("Accept", "text/event-stream").bodyValue(Map.of("query", document))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void overAWebSocketOnlySubscriptionsRun() {
        WebSocketGraphQlClient client = clients.webSocket(TestTokens.bearer(TestTokens.cityAdmin("city")));
        connections.add(client);
        var response = client.document("query { about { version } }").execute().block(WAIT);
        assertThat(response.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getExtensions()).containsEntry("code", "SUBSCRIPTIONS_ONLY");
            assertThat(error.getMessage()).contains("HTTP");
        });
    }

    // helpers

    private Stream webSocket(Actor actor, String document, Map<String, Object> variables) {
        WebSocketGraphQlClient client = clients.webSocket(TestTokens.bearer(actor));
        connections.add(client);
        return listening(() -> LiveClients.subscribe(client, document, variables));
    }

    private Stream sse(String bearer, String document, Map<String, Object> variables) {
        return listening(() -> clients.sse(bearer, document, variables));
    }

    /** Opens a subscription and waits until the service listens for it (or it ended: a refusal). */
    private Stream listening(java.util.function.Supplier<Stream> subscribe) {
        int before = liveEvents.subscribers();
        Stream stream = subscribe.get();
        open.add(stream);
        long until = System.nanoTime() + WAIT.toNanos();
        while (liveEvents.subscribers() <= before && System.nanoTime() < until) {
            if (!stream.waiting()) {
                break; // refused, or already told something
            }
            sleep(20);
        }
        return stream;
    }

    private String createTask(String community, String place, String title, String teams) {
        return graphQl.document("""
                        mutation($c: ID!, $p: ID!, $title: String!, $start: DateTime!, $end: DateTime!) {
                          createTask(input: {communityId: $c, title: $title, kind: %s, difficulty: %d, headcount: 3,
                            startsAt: $start, endsAt: $end, skillIds: ["plumbing_electrical"], placeId: $p %s}) { task { id } } }"""
                        .formatted(teams.isEmpty() ? "MICRO_SERVICE" : "EMERGENCY", teams.isEmpty() ? 2 : 4, teams))
                .variable("c", community).variable("p", place).variable("title", title)
                .variable("start", at(30)).variable("end", at(150))
                .execute().path("createTask.task.id").entity(String.class).get();
    }

    private static String emergencyFor(String team) {
        return ", categoryId: \"SAFETY_PATROL\", audience: TEAMS, teamIds: [\"" + team + "\"]";
    }

    private String publish(String taskId) {
        graphQl.document("mutation($id: ID!) { publishTask(input: {taskId: $id}) { task { state } } }").variable("id", taskId)
                .execute().path("publishTask.task.state").entity(String.class).isEqualTo("PUBLISHED");
        return taskId;
    }

    private String post(String resident, String text) {
        return graphQl.document("mutation($r: ID!, $t: String!) { postRequest(input: {residentId: $r, text: $t}) { request { id } } }")
                .variable("r", resident).variable("t", text).execute().path("postRequest.request.id").entity(String.class).get();
    }

    private void reject(String request) {
        graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"不属于社区服务范围\"}) { request { state } } }")
                .variable("id", request).execute().path("rejectRequest.request.state").entity(String.class).isEqualTo("REJECTED");
    }

    private String pendingMember(String name, String phone, String home, String community) {
        String id = graphQl.document("mutation($home: ID!) { createMember(input: {name: \"" + name + "\", gender: MALE, birthYear: 1980, phone: \""
                        + phone + "\", unitId: \"U0001\", residenceId: $home, availability: [WEEKEND_MORNING]}) { member { id } } }")
                .variable("home", home).execute().path("createMember.member.id").entity(String.class).get();
        graphQl.document("mutation($m: ID!, $home: ID!, $c: ID!) { registerMember(input: {memberId: $m, communityId: $c, residenceId: $home, channel: ONLINE}) { registration { id } } }")
                .variable("m", id).variable("c", community).variable("home", home).execute()
                .path("registerMember.registration.id").entity(String.class).get();
        return id;
    }

    private String registrationOf(String member) {
        return flow.strings("MATCH (:Member {id: $m})-[:REGISTERED]->(r:Registration) RETURN r.id", Map.of("m", member)).getFirst();
    }

    private void confirm(String registration) {
        graphQl.document("mutation($r: ID!) { confirmRegistration(input: {registrationId: $r}) { registration { state } } }")
                .variable("r", registration).execute().path("confirmRegistration.registration.state").entity(String.class)
                .isEqualTo("CONFIRMED");
    }

    private String startMatching(String scope, String id, boolean live) {
        return graphQl.document("mutation($c: ID!, $live: Boolean) { startMatching(input: {" + scope + ": $c, seconds: 5, unimprovedSeconds: 1, live: $live}) { job { id } } }")
                .variable("c", id).variable("live", live).execute().path("startMatching.job.id").entity(String.class).get();
    }

    private void awaitScore(String job) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until && graphQl.document("query($id: ID!) { matchingJob(id: $id) { bestScore { hard } } }")
                .variable("id", job).execute().path("matchingJob").entity(Map.class).get().get("bestScore") == null) {
            sleep(100);
        }
    }

    private static Map<String, Object> awaitJob(Stream stream, String job, String status) {
        for (Map<String, Object> event = stream.next(WAIT); event != null; event = stream.next(WAIT)) {
            if (job.equals(field(event, "matchingProposals", "id")) && status.equals(field(event, "matchingProposals", "status"))) {
                return event;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> event, String subscription, String name) {
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        assertThat(data).as("data of " + event).isNotNull();
        return ((Map<String, Object>) data.get(subscription)).get(name);
    }

    @SuppressWarnings("unchecked")
    private static String code(Map<String, Object> event) {
        assertThat(event).as("an answer").isNotNull();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) event.get("errors");
        assertThat(errors).as("errors of " + event).isNotNull().hasSize(1);
        return String.valueOf(((Map<String, Object>) errors.getFirst().get("extensions")).get("code"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
