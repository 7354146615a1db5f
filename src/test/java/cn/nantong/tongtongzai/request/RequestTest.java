package cn.nantong.tongtongzai.request;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** 居民点单 and the community's review: accept into a task, merge duplicates, reject; resolved with the task. */
class RequestTest extends IntegrationTest {

    static final String POST = """
            mutation($resident: ID!, $text: String!) { postRequest(input: {residentId: $resident, text: $text,
              categoryId: "HELP_THE_NEEDY", urgency: HIGH}) {
              request { id state urgency community { id } place { id } category { id } resident { id } } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    String resident;
    String otherResident;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        resident = residentOf(FlowFixture.DEMIN);
        otherResident = residentOf(FlowFixture.XIAOSHIQIAO);
    }

    @Test
    void aRequestAcceptedIntoANewTaskIsResolvedWhenTheTaskCompletesWithItsDuplicates() {
        String request = post(resident, "楼道灯坏了好几天，晚上上下楼很不方便")
                .path("postRequest.request.state").entity(String.class).isEqualTo("SUBMITTED")
                .path("postRequest.request.community.id").entity(String.class).isEqualTo(FlowFixture.DEMIN)
                .path("postRequest.request.urgency").entity(String.class).isEqualTo("HIGH")
                .path("postRequest.request.id").entity(String.class).get();
        String duplicate = post(resident, "楼道灯不亮").path("postRequest.request.id").entity(String.class).get();

        String task = flow.as(FlowFixture.SECRETARY).document("""
                mutation($id: ID!, $start: DateTime!, $end: DateTime!) { acceptRequest(input: {requestId: $id, newTask: {
                  title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: 1, startsAt: $start, endsAt: $end,
                  skillIds: ["plumbing_electrical"]}}) {
                  request { state decidedAt task { id state description place { id } requests { id } } } } }""")
                .variable("id", request).variable("start", FlowFixture.at(-30)).variable("end", FlowFixture.at(90))
                .execute()
                .path("acceptRequest.request.state").entity(String.class).isEqualTo("ACCEPTED")
                .path("acceptRequest.request.task.state").entity(String.class).isEqualTo("DRAFT")
                .path("acceptRequest.request.task.description").entity(String.class).isEqualTo("楼道灯坏了好几天，晚上上下楼很不方便")
                .path("acceptRequest.request.task.requests[0].id").entity(String.class).isEqualTo(request)
                .path("acceptRequest.request.task.id").entity(String.class).get();
        graphQl.document("mutation($id: ID!, $into: ID!) { mergeRequest(input: {requestId: $id, intoRequestId: $into}) { request { state duplicateOf { id duplicates { id } } } } }")
                .variable("id", duplicate).variable("into", request).execute()
                .path("mergeRequest.request.state").entity(String.class).isEqualTo("MERGED")
                .path("mergeRequest.request.duplicateOf.duplicates[0].id").entity(String.class).isEqualTo(duplicate);

        flow.transition("publishTask", task);
        flow.transition("startTask", task);
        flow.transition("completeTask", task);
        graphQl.document("query($r: ID!) { resident(id: $r) { requests(first: 10) { edges { node { id state resolvedAt history { action by } } } } } }")
                .variable("r", resident).execute()
                .path("resident.requests.edges[*].node.state").entityList(String.class).containsExactly("RESOLVED", "RESOLVED")
                .path("resident.requests.edges[1].node.history[*].action").entityList(String.class)
                .containsExactly("SUBMIT", "ACCEPT", "RESOLVE")
                .path("resident.requests.edges[1].node.history[1].by").entity(String.class).isEqualTo(FlowFixture.SECRETARY);
    }

    @Test
    void aRequestJoinsAnExistingTaskAndReturnsToReviewWhenTheTaskIsCancelled() {
        String request = post(resident, "想请人帮忙给老人取药").path("postRequest.request.id").entity(String.class).get();
        String task = flow.published(2, 120);
        graphQl.document("mutation($id: ID!, $task: ID!) { acceptRequest(input: {requestId: $id, taskId: $task}) { request { state task { id } } } }")
                .variable("id", request).variable("task", task).execute()
                .path("acceptRequest.request.task.id").entity(String.class).isEqualTo(task);
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"组织者临时有事\"}) { task { state } } }")
                .variable("id", task).execute();
        graphQl.document("query($id: ID!) { request(id: $id) { state task { id } history { action note } } }").variable("id", request)
                .execute().path("request.state").entity(String.class).isEqualTo("SUBMITTED")
                .path("request.task").valueIsNull()
                .path("request.history[2].action").entity(String.class).isEqualTo("REOPEN")
                .path("request.history[2].note").entity(String.class).isEqualTo("任务已取消：组织者临时有事");
    }

    @Test
    void aRejectedRequestShowsTheResidentWhy() {
        String request = post(resident, "帮我去外地办事").path("postRequest.request.id").entity(String.class).get();
        expectError(graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \" \"}) { request { id } } }")
                .variable("id", request).execute(), "INVALID_REASON");
        graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"超出社区服务范围，已转介至街道便民服务中心\"}) { request { state rejectReason } } }")
                .variable("id", request).execute()
                .path("rejectRequest.request.state").entity(String.class).isEqualTo("REJECTED")
                .path("rejectRequest.request.rejectReason").entity(String.class).isEqualTo("超出社区服务范围，已转介至街道便民服务中心");
        expectError(graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"重复\"}) { request { id } } }")
                .variable("id", request).execute(), "INVALID_STATE_TRANSITION");
    }

    @Test
    void aGridWorkerEntersARequestForAResidentButNobodyElseMay() {
        String worker = flow.strings("""
                MATCH (m:Member) WHERE 'PART_TIME_GRID_WORKER' IN m.roles OR 'GRID_VOLUNTEER' IN m.roles RETURN m.id ORDER BY m.id LIMIT 1""",
                Map.of()).getFirst();
        String notWorker = flow.strings("""
                MATCH (m:Member) WHERE size(m.roles) = 0 RETURN m.id ORDER BY m.id LIMIT 1""", Map.of()).getFirst();
        String entered = "mutation($r: ID!, $w: ID!) { postRequest(input: {residentId: $r, text: \"家里水管漏水\", enteredById: $w}) { request { enteredBy { id } urgency } } }";
        graphQl.document(entered).variable("r", resident).variable("w", worker).execute()
                .path("postRequest.request.enteredBy.id").entity(String.class).isEqualTo(worker)
                .path("postRequest.request.urgency").entity(String.class).isEqualTo("NORMAL");
        expectError(graphQl.document(entered).variable("r", resident).variable("w", notWorker).execute(), "NOT_A_GRID_WORKER");
    }

    @Test
    void duplicatesOfDuplicatesShareTheirRequestsFate() {
        String a = post(resident, "楼道灯不亮").path("postRequest.request.id").entity(String.class).get();
        String b = post(resident, "楼道里黑漆漆的").path("postRequest.request.id").entity(String.class).get();
        String c = post(resident, "三楼楼道灯坏了").path("postRequest.request.id").entity(String.class).get();
        String merge = "mutation($id: ID!, $into: ID!) { mergeRequest(input: {requestId: $id, intoRequestId: $into}) { request { state } } }";
        graphQl.document(merge).variable("id", a).variable("into", b).execute();
        graphQl.document(merge).variable("id", b).variable("into", c).execute();
        String task = flow.published(1, -30);
        graphQl.document("mutation($id: ID!, $task: ID!) { acceptRequest(input: {requestId: $id, taskId: $task}) { request { state } } }")
                .variable("id", c).variable("task", task).execute();
        flow.transition("startTask", task);
        flow.transition("completeTask", task);
        assertThat(flow.strings("MATCH (r:Request) WHERE r.id IN $ids RETURN r.state", Map.of("ids", java.util.List.of(a, b, c))))
                .containsOnly("RESOLVED");

        String d = post(resident, "门口垃圾没人清").path("postRequest.request.id").entity(String.class).get();
        String e = post(resident, "单元门口有垃圾").path("postRequest.request.id").entity(String.class).get();
        graphQl.document(merge).variable("id", e).variable("into", d).execute();
        graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"已由物业当日处理\"}) { request { state } } }")
                .variable("id", d).execute();
        graphQl.document("query($id: ID!) { request(id: $id) { state rejectReason } }").variable("id", e).execute()
                .path("request.state").entity(String.class).isEqualTo("REJECTED")
                .path("request.rejectReason").entity(String.class).isEqualTo("已由物业当日处理");
    }

    @Test
    void reviewRefusals() {
        String request = post(resident, "邻居装修噪音扰民想请人调解").path("postRequest.request.id").entity(String.class).get();
        String elsewhere = post(otherResident, "小区绿化带需要修剪").path("postRequest.request.id").entity(String.class).get();
        expectError(graphQl.document("mutation($id: ID!) { acceptRequest(input: {requestId: $id}) { request { id } } }")
                .variable("id", request).execute(), "TASK_OR_NEW_TASK");
        String otherTask = graphQl.document("""
                mutation { createTask(input: {communityId: "320613001002", title: "绿化修剪", kind: PROJECT, difficulty: 2,
                  headcount: 2, startsAt: "2030-03-01T09:00", endsAt: "2030-03-01T11:00", skillIds: ["greening"]}) { task { id } } }""")
                .execute().path("createTask.task.id").entity(String.class).get();
        expectError(graphQl.document("mutation($id: ID!, $t: ID!) { acceptRequest(input: {requestId: $id, taskId: $t}) { request { id } } }")
                .variable("id", request).variable("t", otherTask).execute(), "TASK_NOT_IN_COMMUNITY");
        expectError(graphQl.document("mutation($id: ID!) { mergeRequest(input: {requestId: $id, intoRequestId: $id}) { request { id } } }")
                .variable("id", request).execute(), "CANNOT_MERGE_INTO_ITSELF");
        expectError(graphQl.document("mutation($id: ID!, $into: ID!) { mergeRequest(input: {requestId: $id, intoRequestId: $into}) { request { id } } }")
                .variable("id", request).variable("into", elsewhere).execute(), "REQUEST_NOT_IN_COMMUNITY");
        expectError(post(resident, "修"), "INVALID_TEXT");
        expectError(post("R-NOBODY", "楼道灯坏了"), "RESIDENT_NOT_FOUND");
        expectError(graphQl.document("mutation { rejectRequest(input: {requestId: \"nope\", reason: \"重复提交\"}) { request { id } } }")
                .execute(), "REQUEST_NOT_FOUND");
        graphQl.document("{ requests(filter: {communityId: \"320613001001\", state: SUBMITTED}) { edges { node { id } } } }").execute()
                .path("requests.edges[*].node.id").entityList(String.class).containsExactly(request);
    }

    private GraphQlTester.Response post(String residentId, String text) {
        return flow.as(residentId).document(POST).variable("resident", residentId).variable("text", text).execute();
    }

    @Test
    void aRetryWithTheSameClientRequestIdReturnsTheRequestAlreadyPostedEvenWhenRacing() throws Exception {
        String keyed = """
                mutation($resident: ID!, $key: String) { postRequest(input: {residentId: $resident, text: "楼道灯坏了",
                  clientRequestId: $key}) { request { id } } }""";
        String first = graphQl.document(keyed).variable("resident", resident).variable("key", "a1b2c3").execute()
                .path("postRequest.request.id").entity(String.class).get();
        graphQl.document(keyed).variable("resident", resident).variable("key", "a1b2c3").execute()
                .path("postRequest.request.id").entity(String.class).isEqualTo(first);
        // the same key of another resident is another request; no key always posts anew
        graphQl.document(keyed).variable("resident", otherResident).variable("key", "a1b2c3").execute()
                .path("postRequest.request.id").entity(String.class).satisfies(id -> assertThat(id).isNotEqualTo(first));
        // four retries at once: one request
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> graphQl.document(keyed).variable("resident", resident).variable("key", "racing")
                        .execute().path("postRequest.request.id").entity(String.class).get()));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                ids.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(flow.count("MATCH (r:Request)-[:POSTED_BY]->(:Resident {id: $r}) RETURN count(r)", Map.of("r", resident)))
                .isEqualTo(2);
        expectError(graphQl.document(keyed).variable("resident", resident).variable("key", "x".repeat(65)).execute(),
                "INVALID_CLIENT_REQUEST_ID");
    }

    private String residentOf(String communityId) {
        return flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident)
                RETURN r.id ORDER BY r.id LIMIT 1""", Map.of("c", communityId)).getFirst();
    }
}
