package cn.nantong.tongtongzai.notification;

import static cn.nantong.tongtongzai.notification.NotificationKind.REGISTRATION_CONFIRMED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REGISTRATION_REJECTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_ACCEPTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_MERGED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_REJECTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_REOPENED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_RESOLVED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_ASSIGNED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_CANCELLED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_PUBLISHED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TEAM_CLAIMED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TEAM_TASK_OFFERED;
import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static cn.nantong.tongtongzai.support.FlowFixture.XIAOSHIQIAO;
import static cn.nantong.tongtongzai.support.FlowFixture.at;
import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.member.RegistrationDecided;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Inboxes on the `tiny` data: every kind of notification is written once to exactly the people concerned, in the
 * transaction of its change (none when the change is refused or rolled back), and each person reads and marks only
 * their own inbox over GraphQL with their own token.
 */
class NotificationTest extends IntegrationTest {

    private static final String HOME_DEMIN = "320613001001-W01-P1-M01";
    private static final String HOME_XIAOSHIQIAO = "320613001002-W01-P1-M01";
    private static final String INBOX = """
            query($unread: Boolean, $first: Int, $after: String) {
              notifications(unreadOnly: $unread, first: $first, after: $after) {
                edges { node { id kind text read readAt createdAt task { id title } request { id state }
                               registration { id state } teamClaim { id } claim { id } } }
                pageInfo { hasNextPage endCursor } }
              unreadNotifications }""";
    private static final String MARK = """
            mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(input: {ids: $ids, all: $all}) { marked unread } }""";

    @Autowired
    Driver driver;

    @Autowired
    WriteTransactions transactions;

    @Autowired
    ApplicationEventPublisher events;

    FlowFixture flow;

    @BeforeEach
    void tinyData() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
    }

    @Test
    void aTaskForMembersTellsTheConfirmedMembersItFitsAndNobodyElse() {
        String fits = flow.confirmedMember("张水电", "19912340001", HOME_DEMIN, 3, "WEEKDAY_EVENING");
        String tutor = flow.confirmedMember("李辅导", "19912340002", HOME_DEMIN, 0, "WEEKDAY_EVENING");
        String elsewhere = flow.confirmedMember("王远", "19912340003", HOME_XIAOSHIQIAO, 3, "WEEKDAY_EVENING", XIAOSHIQIAO);

        String skillTask = flow.published(2, 120); // needs 水电维修
        List<String> holders = flow.strings("""
                MATCH (m:Member)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $c})
                WHERE r.activeMemberId IS NOT NULL AND EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: 'plumbing_electrical'}) }
                RETURN m.id ORDER BY m.id""", Map.of("c", DEMIN));
        assertThat(recipients(TASK_PUBLISHED, skillTask)).isEqualTo(holders).contains(fits).doesNotContain(tutor, elsewhere);

        String categoryTask = publish(createTask("陪老人就医", "MICRO_SERVICE", "categoryId: \"HELP_THE_NEEDY\""));
        List<String> chose = flow.strings("""
                MATCH (m:Member)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $c})
                WHERE r.activeMemberId IS NOT NULL AND EXISTS { (m)-[:CHOSE_POST]->(:PostCategory {id: 'HELP_THE_NEEDY'}) }
                RETURN m.id ORDER BY m.id""", Map.of("c", DEMIN));
        assertThat(recipients(TASK_PUBLISHED, categoryTask)).isEqualTo(chose).contains(fits, tutor).doesNotContain(elsewhere);

        // the member reads it with their own token, newest first, linked to the task
        as(member(fits)).document(INBOX).execute()
                .path("notifications.edges[0].node.kind").entity(String.class).isEqualTo("TASK_PUBLISHED")
                .path("notifications.edges[0].node.task.id").entity(String.class).isEqualTo(categoryTask)
                .path("notifications.edges[0].node.text").entity(String.class).satisfies(t -> assertThat(t).contains("陪老人就医"))
                .path("notifications.edges[0].node.read").entity(Boolean.class).isEqualTo(false)
                .path("notifications.edges[1].node.task.id").entity(String.class).isEqualTo(skillTask)
                .path("notifications.edges[2].node.kind").entity(String.class).isEqualTo("REGISTRATION_CONFIRMED")
                .path("notifications.edges").entityList(Object.class).hasSize(3)
                .path("unreadNotifications").entity(Integer.class).isEqualTo(3);
        as(member(elsewhere)).document(INBOX).execute()
                .path("notifications.edges[*].node.kind").entityList(String.class).containsExactly("REGISTRATION_CONFIRMED");

        // refused changes write nothing, notifications included
        String before = database.fingerprint();
        expectError(flow.transition("publishTask", skillTask), "INVALID_STATE_TRANSITION");
        expectError(graphQl.document("mutation($id: ID!, $s: DateTime!) { updateTask(input: {id: $id, startsAt: $s}) { task { id } } }")
                .variable("id", skillTask).variable("s", at(180)).execute(), "TASK_ALREADY_PUBLISHED");
        assertThat(database.fingerprint()).isEqualTo(before);
        assertThat(recipients(TASK_PUBLISHED, skillTask)).isEqualTo(holders);
    }

    @Test
    void aTeamTaskTellsTheLeadersOfTheTeamsAndATeamClaimTellsTheTeam() {
        String branch = DEMIN + "-GN";
        List<String> leaders = flow.strings("""
                MATCH (f:FunctionalBranch {id: $b})
                CALL (f) {
                  MATCH (s:Member)-[:SECRETARY_OF]->(f) RETURN s.id AS id
                  UNION
                  MATCH (f)-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup)-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(d:Member)
                  RETURN d.id AS id
                }
                RETURN id ORDER BY id""", Map.of("b", branch));
        assertThat(leaders).hasSizeGreaterThanOrEqualTo(2);
        String toBranch = publish(createTask("防汛抢险", "EMERGENCY", "categoryId: \"SAFETY_PATROL\", audience: TEAMS, teamIds: [\"" + branch + "\"]"));
        assertThat(recipients(TEAM_TASK_OFFERED, toBranch)).isEqualTo(leaders);
        assertThat(text(TEAM_TASK_OFFERED, toBranch)).startsWith("应急任务「防汛抢险」");

        // a task offered to one group: its leader only, not the branch's 第一书记
        String group = flow.strings("""
                MATCH (:FunctionalBranch {id: $b})-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup)-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(:Member)
                WHERE COUNT { (g)<-[:IN_FUNCTIONAL_GROUP]-(:Member) } >= 2
                RETURN g.id ORDER BY g.id LIMIT 1""", Map.of("b", branch)).getFirst();
        List<String> groupLeader = flow.strings("""
                MATCH (:FunctionalGroup {id: $g})-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(d:Member) RETURN d.id""",
                Map.of("g", group));
        String toGroup = publish(createTask("台风转移群众", "EMERGENCY", "categoryId: \"SAFETY_PATROL\", audience: TEAMS, teamIds: [\"" + group + "\"]"));
        assertThat(recipients(TEAM_TASK_OFFERED, toGroup)).isEqualTo(groupLeader).hasSize(1);

        // the group claims it: its members registered with the community may confirm, and are told so
        String teamClaim = graphQl.document("mutation($t: ID!, $g: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: $g}) { teamClaim { id } } }")
                .variable("t", toGroup).variable("g", group).execute().path("claimTaskAsTeam.teamClaim.id").entity(String.class).get();
        List<String> groupMembers = flow.strings("""
                MATCH (:FunctionalGroup {id: $g})<-[:IN_FUNCTIONAL_GROUP]-(m:Member)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})
                      -[:WITH_COMMUNITY]->(:Community {id: $c})
                WHERE r.activeMemberId IS NOT NULL RETURN m.id ORDER BY m.id""", Map.of("g", group, "c", DEMIN));
        assertThat(groupMembers).hasSizeGreaterThanOrEqualTo(2);
        assertThat(recipients(TEAM_CLAIMED, teamClaim)).isEqualTo(groupMembers);
        assertThat(recipients(TEAM_CLAIMED, toBranch)).isEmpty();

        // a member follows the link in their inbox and confirms
        String member = groupMembers.getFirst();
        String linked = as(member(member)).document(INBOX).execute()
                .path("notifications.edges[0].node.kind").entity(String.class).isEqualTo("TEAM_CLAIMED")
                .path("notifications.edges[0].node.task.id").entity(String.class).isEqualTo(toGroup)
                .path("notifications.edges[0].node.teamClaim.id").entity(String.class).get();
        as(member(member)).document("mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: {teamClaimId: $tc, memberId: $m}) { claim { source } } }")
                .variable("tc", linked).variable("m", member).execute()
                .path("confirmTeamClaim.claim.source").entity(String.class).isEqualTo("TEAM");
        // confirming oneself tells nobody anything new
        assertThat(count()).isEqualTo(leaders.size() + groupLeader.size() + groupMembers.size());
    }

    @Test
    void assignedMembersAreToldAndACancelledTaskTellsItsClaimHolders() {
        String task = flow.published(3, 120);
        List<String> members = flow.confirmedMembers(DEMIN);
        String self = members.get(0);
        String assigned = members.get(1);
        String withdrew = members.get(2);
        flow.claimId(task, self);
        String claim = flow.as(FlowFixture.SECRETARY).document("""
                        mutation($t: ID!, $m: ID!) { assignTask(input: {taskId: $t, memberId: $m}) { claim { id source } } }""")
                .variable("t", task).variable("m", assigned).execute().path("assignTask.claim.id").entity(String.class).get();
        String gone = flow.claimId(task, withdrew);
        graphQl.document("mutation($c: ID!) { withdrawClaim(input: {claimId: $c}) { claim { state } } }").variable("c", gone).execute()
                .path("withdrawClaim.claim.state").entity(String.class).isEqualTo("WITHDRAWN");

        assertThat(recipients(TASK_ASSIGNED, task)).containsExactly(assigned);
        assertThat(recipients(TASK_ASSIGNED, claim)).containsExactly(assigned);
        as(member(assigned)).document(INBOX).execute()
                .path("notifications.edges[0].node.kind").entity(String.class).isEqualTo("TASK_ASSIGNED")
                .path("notifications.edges[0].node.claim.id").entity(String.class).isEqualTo(claim)
                .path("notifications.edges[0].node.task.title").entity(String.class).isEqualTo("楼道灯维修");

        String before = database.fingerprint();
        expectError(graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"x\"}) { task { id } } }")
                .variable("id", task).execute(), "INVALID_REASON");
        assertThat(database.fingerprint()).isEqualTo(before);

        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"暴雨预警，改期举行\"}) { task { state } } }")
                .variable("id", task).execute().path("cancelTask.task.state").entity(String.class).isEqualTo("CANCELLED");
        assertThat(recipients(TASK_CANCELLED, task)).isEqualTo(List.of(self, assigned).stream().sorted().toList())
                .doesNotContain(withdrew);
        assertThat(text(TASK_CANCELLED, task)).contains("暴雨预警，改期举行");
    }

    @Test
    void everyDecisionOnARequestTellsTheResidentWhoPostedIt() {
        String anna = createResident("安娜", "19912340021");
        String bo = createResident("薄波", "19912340022");
        String chen = createResident("陈晨", "19912340023");
        String light = post(anna, "楼道灯坏了好几天，晚上上下楼看不见，老人容易摔倒，请尽快派人修一修");
        String sameLight = post(bo, "三号楼楼道灯不亮");
        String dance = post(chen, "想在小区广场装音响跳广场舞");
        String noise = post(bo, "楼上装修太吵");
        String sameNoise = post(chen, "装修噪音大");
        assertThat(count()).isZero(); // posting tells nobody

        merge(sameLight, light);
        assertThat(recipients(REQUEST_MERGED, sameLight)).containsExactly(bo);
        reject(dance, "不属于社区服务范围");
        assertThat(recipients(REQUEST_REJECTED, dance)).containsExactly(chen);
        assertThat(text(REQUEST_REJECTED, dance)).contains("不属于社区服务范围");
        // rejecting a request rejects its duplicates too: both residents are told
        merge(sameNoise, noise);
        reject(noise, "请联系物业处理");
        assertThat(recipients(REQUEST_REJECTED, noise)).containsExactly(bo);
        assertThat(recipients(REQUEST_REJECTED, sameNoise)).containsExactly(chen);

        String task = graphQl.document("""
                        mutation($id: ID!, $start: DateTime!, $end: DateTime!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: 2, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", light).variable("start", at(-30)).variable("end", at(90))
                .execute().path("acceptRequest.request.task.id").entity(String.class).get();
        assertThat(recipients(REQUEST_ACCEPTED, light)).containsExactly(anna);
        assertThat(text(REQUEST_ACCEPTED, light)).contains("更换楼道灯").contains("楼道灯坏了好几天");

        flow.transition("publishTask", task);
        flow.transition("startTask", task);
        flow.transition("completeTask", task);
        assertThat(recipients(REQUEST_RESOLVED, light)).containsExactly(anna);
        assertThat(recipients(REQUEST_RESOLVED, sameLight)).containsExactly(bo);

        // accepted into a task that is then cancelled: back to the community, and the resident knows
        String leak = post(anna, "厨房水管漏水");
        String other = graphQl.document("""
                        mutation($id: ID!, $start: DateTime!, $end: DateTime!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "修水管", kind: MICRO_SERVICE, difficulty: 1, headcount: 1, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", leak).variable("start", at(120)).variable("end", at(240))
                .execute().path("acceptRequest.request.task.id").entity(String.class).get();
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"已由物业维修\"}) { task { state } } }")
                .variable("id", other).execute();
        assertThat(recipients(REQUEST_REOPENED, leak)).containsExactly(anna);

        // the resident reads their own inbox with their own token, linked to the requests
        as(resident(anna)).document(INBOX).execute()
                .path("notifications.edges[*].node.kind").entityList(String.class)
                .containsExactly("REQUEST_REOPENED", "REQUEST_ACCEPTED", "REQUEST_RESOLVED", "REQUEST_ACCEPTED")
                .path("notifications.edges[0].node.request.id").entity(String.class).isEqualTo(leak)
                .path("notifications.edges[0].node.request.state").entity(String.class).isEqualTo("SUBMITTED")
                .path("notifications.edges[2].node.request.state").entity(String.class).isEqualTo("RESOLVED");
        as(resident(bo)).document(INBOX).execute()
                .path("notifications.edges[*].node.kind").entityList(String.class)
                .containsExactly("REQUEST_RESOLVED", "REQUEST_REJECTED", "REQUEST_MERGED");

        String before = database.fingerprint();
        expectError(graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"重复\"}) { request { id } } }")
                .variable("id", light).execute(), "INVALID_STATE_TRANSITION");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void aRegistrationDecisionTellsTheMember() {
        String welcome = register(createMember("赵报到", "19912340011"), HOME_DEMIN, DEMIN);
        String refuse = register(createMember("钱报到", "19912340012"), HOME_XIAOSHIQIAO, XIAOSHIQIAO);
        graphQl.document("mutation($r: ID!) { confirmRegistration(input: {registrationId: $r}) { registration { state } } }")
                .variable("r", welcome).execute().path("confirmRegistration.registration.state").entity(String.class).isEqualTo("CONFIRMED");
        graphQl.document("mutation($r: ID!) { rejectRegistration(input: {registrationId: $r, reason: \"住址与登记不符\"}) { registration { state } } }")
                .variable("r", refuse).execute().path("rejectRegistration.registration.state").entity(String.class).isEqualTo("REJECTED");
        String welcomed = flow.strings("MATCH (m:Member)-[:REGISTERED]->(:Registration {id: $r}) RETURN m.id", Map.of("r", welcome)).getFirst();
        String refused = flow.strings("MATCH (m:Member)-[:REGISTERED]->(:Registration {id: $r}) RETURN m.id", Map.of("r", refuse)).getFirst();
        assertThat(recipients(REGISTRATION_CONFIRMED, welcome)).containsExactly(welcomed);
        assertThat(recipients(REGISTRATION_REJECTED, refuse)).containsExactly(refused);
        assertThat(text(REGISTRATION_REJECTED, refuse)).contains("小石桥社区").contains("住址与登记不符");
        as(member(refused)).document(INBOX).execute()
                .path("notifications.edges[0].node.registration.id").entity(String.class).isEqualTo(refuse)
                .path("notifications.edges[0].node.registration.state").entity(String.class).isEqualTo("REJECTED");

        String before = database.fingerprint();
        expectError(graphQl.document("mutation($r: ID!) { confirmRegistration(input: {registrationId: $r}) { registration { state } } }")
                .variable("r", refuse).execute(), "INVALID_STATE_TRANSITION");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void eachPersonPagesAndMarksOnlyTheirOwnInbox() {
        String me = flow.confirmedMember("张水电", "19912340001", HOME_DEMIN, 3, "WEEKDAY_EVENING");
        String neighbour = flow.confirmedMember("周水电", "19912340002", HOME_DEMIN, 3, "WEEKDAY_EVENING");
        for (int i = 0; i < 3; i++) {
            flow.published(1, 120 + i);
        }
        HttpGraphQlTester mine = as(member(me));
        GraphQlTester.Response first = mine.document(INBOX).variable("first", 2).execute();
        List<String> page1 = first.path("notifications.edges[*].node.id").entityList(String.class).hasSize(2).get();
        first.path("notifications.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("notifications.pageInfo.endCursor").entity(String.class).get();
        GraphQlTester.Response second = mine.document(INBOX).variable("first", 2).variable("after", cursor).execute();
        List<String> page2 = second.path("notifications.edges[*].node.id").entityList(String.class).hasSize(2).get();
        second.path("notifications.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path("notifications.edges[1].node.kind").entity(String.class).isEqualTo("REGISTRATION_CONFIRMED");
        assertThat(page1).doesNotContainAnyElementsOf(page2);

        mine.document(MARK).variable("ids", List.of(page1.getFirst())).execute()
                .path("markNotificationsRead.marked").entity(Integer.class).isEqualTo(1)
                .path("markNotificationsRead.unread").entity(Integer.class).isEqualTo(3);
        mine.document(MARK).variable("ids", List.of(page1.getFirst())).execute()
                .path("markNotificationsRead.marked").entity(Integer.class).isEqualTo(0);
        mine.document(INBOX).variable("unread", true).execute()
                .path("notifications.edges[*].node.id").entityList(String.class).hasSize(3).doesNotContain(page1.getFirst())
                .path("unreadNotifications").entity(Integer.class).isEqualTo(3);
        mine.document(INBOX).execute()
                .path("notifications.edges[0].node.read").entity(Boolean.class).isEqualTo(true)
                .path("notifications.edges[0].node.readAt").entity(String.class).satisfies(t -> assertThat(t).isNotBlank());

        // someone else's id, alone or among one's own, or an id that does not exist: NOT_FOUND, nothing marked
        String theirs = flow.strings("MATCH (:Member {id: $m})-[:HAS_NOTIFICATION]->(n:Notification) RETURN n.id ORDER BY n.id LIMIT 1",
                Map.of("m", neighbour)).getFirst();
        String before = database.fingerprint();
        expectError(mine.document(MARK).variable("ids", List.of(theirs)).execute(), "NOT_FOUND");
        expectError(mine.document(MARK).variable("ids", List.of(page1.get(1), theirs)).execute(), "NOT_FOUND");
        expectError(mine.document(MARK).variable("ids", List.of("N-nothing")).execute(), "NOT_FOUND");
        expectError(mine.document(MARK).execute(), "IDS_OR_ALL");
        expectError(mine.document(MARK).variable("ids", List.of(page1.get(1))).variable("all", true).execute(), "IDS_OR_ALL");
        expectError(mine.document(MARK).variable("ids", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "N-" + i).toList())
                .execute(), "INVALID_IDS");
        assertThat(database.fingerprint()).isEqualTo(before);
        as(member(neighbour)).document(INBOX).execute().path("unreadNotifications").entity(Integer.class).isEqualTo(4);

        mine.document(MARK).variable("all", true).execute()
                .path("markNotificationsRead.marked").entity(Integer.class).isEqualTo(3)
                .path("markNotificationsRead.unread").entity(Integer.class).isEqualTo(0);
        as(member(neighbour)).document(INBOX).execute().path("unreadNotifications").entity(Integer.class).isEqualTo(4);

        // a leader reads the inbox of the member they are; a caller who is neither member nor resident has none
        as(TestTokens.user("leader", Role.GRID_LEADER, Scope.none().member(neighbour).grid(DEMIN + "-W01"))).document(INBOX).execute()
                .path("notifications.edges").entityList(Object.class).hasSize(4);
        for (Actor nobody : List.of(TestTokens.cityAdmin("admin"), TestTokens.user("analyst", Role.ANALYST, Scope.none()),
                TestTokens.user("secretary", Role.COMMUNITY_SECRETARY, Scope.none().community(DEMIN)))) {
            as(nobody).document(INBOX).execute()
                    .path("notifications.edges").entityList(Object.class).hasSize(0)
                    .path("unreadNotifications").entity(Integer.class).isEqualTo(0);
            as(nobody).document(MARK).variable("all", true).execute().path("markNotificationsRead.marked").entity(Integer.class).isEqualTo(0);
            expectError(as(nobody).document(MARK).variable("ids", List.of(theirs)).execute(), "NOT_FOUND");
        }
        as(member(neighbour)).document(INBOX).execute().path("unreadNotifications").entity(Integer.class).isEqualTo(4);
    }

    @Test
    void aNotificationCommitsWithItsChangeOrNotAtAll() {
        String member = flow.confirmedMember("张水电", "19912340001", HOME_DEMIN, 3, "WEEKDAY_EVENING");
        String registration = flow.strings("MATCH (:Member {id: $m})-[:REGISTERED]->(r:Registration) RETURN r.id", Map.of("m", member)).getFirst();
        long before = count();

        // the change fails after its event: the notification goes with it
        assertThatThrownBy(() -> transactions.execute(status -> {
            events.publishEvent(new RegistrationDecided(registration, member, "CONFIRMED", null));
            throw new IllegalStateException("the change fails after its event");
        })).hasMessageContaining("fails");
        assertThat(count()).isEqualTo(before);

        // a first attempt that meets a deadlock is rolled back and run again: one notification, not two
        AtomicInteger attempts = new AtomicInteger();
        transactions.execute(status -> {
            events.publishEvent(new RegistrationDecided(registration, member, "CONFIRMED", null));
            if (attempts.incrementAndGet() == 1) {
                throw new TransientDataAccessResourceException("deadlock");
            }
            return null;
        });
        assertThat(attempts).hasValue(2);
        assertThat(count()).isEqualTo(before + 1);
    }

    // helpers

    /** Who received notifications of this kind about this thing, one entry per notification, sorted. */
    private List<String> recipients(NotificationKind kind, String aboutId) {
        return flow.strings("""
                MATCH (p)-[:HAS_NOTIFICATION]->(n:Notification {kind: $kind})-[:ABOUT]->(x {id: $about})
                RETURN p.id ORDER BY p.id""", Map.of("kind", kind.name(), "about", aboutId));
    }

    private String text(NotificationKind kind, String aboutId) {
        return flow.strings("""
                MATCH (n:Notification {kind: $kind})-[:ABOUT]->(x {id: $about}) RETURN n.text LIMIT 1""",
                Map.of("kind", kind.name(), "about", aboutId)).getFirst();
    }

    private long count() {
        return flow.count("MATCH (n:Notification) RETURN count(n)", Map.of());
    }

    private static Actor member(String id) {
        return TestTokens.user("member-" + id, Role.MEMBER, Scope.none().member(id).community(DEMIN));
    }

    private static Actor resident(String id) {
        return TestTokens.user("resident-" + id, Role.RESIDENT, Scope.none().resident(id));
    }

    private String createTask(String title, String kind, String more) {
        return graphQl.document("mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: \"" + DEMIN + "\", title: \""
                        + title + "\", kind: " + kind + ", difficulty: 2, headcount: 3, startsAt: $start, endsAt: $end, " + more
                        + "}) { task { id } } }")
                .variable("start", at(120)).variable("end", at(240)).execute().path("createTask.task.id").entity(String.class).get();
    }

    private String publish(String taskId) {
        flow.transition("publishTask", taskId).path("publishTask.task.state").entity(String.class).isEqualTo("PUBLISHED");
        return taskId;
    }

    private String post(String residentId, String text) {
        return graphQl.document("mutation($r: ID!, $t: String!) { postRequest(input: {residentId: $r, text: $t}) { request { id } } }")
                .variable("r", residentId).variable("t", text).execute().path("postRequest.request.id").entity(String.class).get();
    }

    private void merge(String requestId, String intoId) {
        graphQl.document("mutation($r: ID!, $into: ID!) { mergeRequest(input: {requestId: $r, intoRequestId: $into}) { request { state } } }")
                .variable("r", requestId).variable("into", intoId).execute()
                .path("mergeRequest.request.state").entity(String.class).isEqualTo("MERGED");
    }

    private void reject(String requestId, String reason) {
        graphQl.document("mutation($r: ID!, $why: String!) { rejectRequest(input: {requestId: $r, reason: $why}) { request { state } } }")
                .variable("r", requestId).variable("why", reason).execute()
                .path("rejectRequest.request.state").entity(String.class).isEqualTo("REJECTED");
    }

    private String createResident(String name, String phone) {
        return graphQl.document("mutation { createResident(input: {name: \"" + name + "\", phone: \"" + phone + "\", residenceId: \""
                        + HOME_DEMIN + "\"}) { resident { id } } }")
                .execute().path("createResident.resident.id").entity(String.class).get();
    }

    private String createMember(String name, String phone) {
        return graphQl.document("mutation { createMember(input: {name: \"" + name + "\", gender: FEMALE, birthYear: 1985, phone: \""
                        + phone + "\", unitId: \"U0001\", residenceId: \"" + HOME_DEMIN + "\"}) { member { id } } }")
                .execute().path("createMember.member.id").entity(String.class).get();
    }

    private String register(String memberId, String home, String communityId) {
        return graphQl.document("mutation($m: ID!, $home: ID!, $c: ID!) { registerMember(input: {memberId: $m, communityId: $c, residenceId: $home, channel: ONLINE}) { registration { id } } }")
                .variable("m", memberId).variable("c", communityId).variable("home", home).execute()
                .path("registerMember.registration.id").entity(String.class).get();
    }
}
