package cn.nantong.tongtongzai.task;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** 服务时长: check-in and check-out with the organiser's code, the window cap, forgotten check-outs, corrections, posts. */
class ServiceRecordTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Autowired
    ServiceRecords records;

    FlowFixture flow;
    List<String> members;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        members = flow.confirmedMembers(FlowFixture.DEMIN);
    }

    @Test
    void checkInNeedsTheCodeAndStartsTheTask() {
        String task = flow.published(2, -30);
        String claim = flow.claimId(task, members.get(0));
        String code = flow.verificationCode(task);
        expectError(flow.check("checkIn", claim, "000000".equals(code) ? "111111" : "000000"), "INVALID_VERIFICATION_CODE");
        expectError(flow.check("checkOut", claim, code), "NOT_CHECKED_IN");
        flow.check("checkIn", claim, code).path("checkIn.record.checkInAt").hasValue()
                .path("checkIn.record.hours").valueIsNull();
        expectError(flow.check("checkIn", claim, code), "ALREADY_CHECKED_IN");
        graphQl.document("query($id: ID!) { task(id: $id) { state } }").variable("id", task).execute()
                .path("task.state").entity(String.class).isEqualTo("IN_PROGRESS");
        flow.check("checkOut", claim, code).path("checkOut.record.hours").entity(Double.class).satisfies(h -> assertThat(h).isBetween(0.0, 0.1))
                .path("checkOut.record.autoClosed").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void checkInOutsideTheWindowIsRefused() {
        String task = flow.published(2, 180);
        String claim = flow.claimId(task, members.get(0));
        expectError(flow.check("checkIn", claim, flow.verificationCode(task)), "OUTSIDE_TASK_WINDOW");
    }

    @Test
    void aForgottenCheckOutIsClosedAtTheEndOfTheWindowFlaggedAndCapped() {
        String task = flow.published(2, -30);
        String claim = flow.claimId(task, members.get(0));
        String code = flow.verificationCode(task);
        String record = flow.check("checkIn", claim, code).path("checkIn.record.id").entity(String.class).get();
        flow.shiftIntoPast(task, 5, 2); // the window was 5 to 2 hours ago: three hours at most

        assertThat(records.closeForgottenCheckOuts()).isEqualTo(1);
        graphQl.document("query($id: ID!) { serviceRecord(id: $id) { hours autoClosed history { action by } } }")
                .variable("id", record).execute()
                .path("serviceRecord.hours").entity(Double.class).isEqualTo(3.0)
                .path("serviceRecord.autoClosed").entity(Boolean.class).isEqualTo(true)
                .path("serviceRecord.history[1].action").entity(String.class).isEqualTo("AUTO_CLOSE")
                .path("serviceRecord.history[1].by").entity(String.class).isEqualTo("system");
        assertThat(records.closeForgottenCheckOuts()).isZero();
    }

    @Test
    void completingATaskClosesOpenCheckInsAndHoursFeedThePeriods() {
        String task = flow.published(2, -30);
        String claim = flow.claimId(task, members.get(0));
        String code = flow.verificationCode(task);
        flow.check("checkIn", claim, code);
        flow.shiftIntoPast(task, 3, 1);
        flow.transition("completeTask", task).path("completeTask.task.state").entity(String.class).isEqualTo("COMPLETED");

        var response = graphQl.document("""
                query($id: ID!) { member(id: $id) {
                  day: serviceHours(period: DAY) { hours records }
                  year: serviceHours(period: YEAR) { hours records from to }
                  past: serviceHours(period: YEAR, date: "2020-06-01") { hours records }
                  claims(first: 5) { edges { node { serviceRecords { hours autoClosed } } } } } }""")
                .variable("id", members.get(0)).execute();
        response.path("member.year.hours").entity(Double.class).isEqualTo(2.0)
                .path("member.year.records").entity(Integer.class).isEqualTo(1)
                .path("member.past.hours").entity(Double.class).isEqualTo(0.0)
                .path("member.claims.edges[0].node.serviceRecords[0].autoClosed").entity(Boolean.class).isEqualTo(true);
        assertThat(response.path("member.year.from").entity(String.class).get()).endsWith("-01-01");
    }

    @Test
    void cancellingATaskUnderWayChecksOutWhoeverIsStillThere() {
        String task = flow.published(2, -30);
        String claim = flow.claimId(task, members.get(0));
        String record = flow.check("checkIn", claim, flow.verificationCode(task)).path("checkIn.record.id").entity(String.class).get();
        flow.shiftIntoPast(task, 3, 1);
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"现场停电，活动中止\"}) { task { state } } }")
                .variable("id", task).execute().path("cancelTask.task.state").entity(String.class).isEqualTo("CANCELLED");
        graphQl.document("query($id: ID!) { serviceRecord(id: $id) { hours autoClosed checkOutAt } }").variable("id", record).execute()
                .path("serviceRecord.hours").entity(Double.class).isEqualTo(2.0)
                .path("serviceRecord.autoClosed").entity(Boolean.class).isEqualTo(true);
        expectError(flow.check("checkIn", claim, flow.verificationCode(task)), "CLAIM_NOT_ACTIVE");
    }

    @Test
    void aSecretaryCorrectsHoursWithAReasonAndTheOldValueStaysInTheHistory() {
        String task = flow.published(2, -30);
        String claim = flow.claimId(task, members.get(0));
        String code = flow.verificationCode(task);
        String record = flow.check("checkIn", claim, code).path("checkIn.record.id").entity(String.class).get();
        String correct = "mutation($id: ID!, $h: Float!, $r: String!) { correctServiceHours(input: {recordId: $id, hours: $h, reason: $r}) { record { hours corrected history { action from to note by } } } }";
        expectError(flow.as(FlowFixture.SECRETARY).document(correct).variable("id", record).variable("h", 1.5)
                .variable("r", "补录").execute(), "RECORD_OPEN");
        flow.check("checkOut", claim, code);
        expectError(graphQl.document(correct).variable("id", record).variable("h", 1.5).variable("r", "").execute(), "INVALID_REASON");
        expectError(graphQl.document(correct).variable("id", record).variable("h", 3.0).variable("r", "补录时长").execute(), "HOURS_EXCEED_WINDOW");
        flow.as(FlowFixture.SECRETARY).document(correct).variable("id", record).variable("h", 1.5).variable("r", "签退时网络故障，按现场记录补录")
                .execute()
                .path("correctServiceHours.record.hours").entity(Double.class).isEqualTo(1.5)
                .path("correctServiceHours.record.corrected").entity(Boolean.class).isEqualTo(true)
                .path("correctServiceHours.record.history[2].action").entity(String.class).isEqualTo("CORRECT_HOURS")
                .path("correctServiceHours.record.history[2].to").entity(String.class).isEqualTo("90")
                .path("correctServiceHours.record.history[2].by").entity(String.class).isEqualTo(FlowFixture.SECRETARY)
                .path("correctServiceHours.record.history[2].note").entity(String.class).isEqualTo("签退时网络故障，按现场记录补录");
    }

    @Test
    void membersTakeUpStandingPostsAndServeThemWithThePostsCode() {
        String post = graphQl.document("""
                mutation { createServicePost(input: {communityId: "320613001001", name: "法律援助岗", categoryId: "LEGAL_AID",
                  description: "每周六上午社区法律咨询"}) { post { id verificationCode category { name } active } } }""")
                .execute().path("createServicePost.post.category.name").entity(String.class).isEqualTo("法律援助")
                .path("createServicePost.post.id").entity(String.class).get();
        String code = graphQl.document("query($id: ID!) { servicePost(id: $id) { verificationCode } }").variable("id", post)
                .execute().path("servicePost.verificationCode").entity(String.class).get();
        String member = members.get(0);
        String outsider = flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst();
        String choose = "mutation($p: ID!, $m: ID!) { choosePost(input: {postId: $p, memberId: $m}) { post { holders { id } } } }";
        expectError(graphQl.document(choose).variable("p", post).variable("m", outsider).execute(), "NOT_IN_COMMUNITY");
        graphQl.document(choose).variable("p", post).variable("m", member).execute()
                .path("choosePost.post.holders[*].id").entityList(String.class).containsExactly(member);

        String checkIn = "mutation($p: ID!, $m: ID!, $c: String!) { checkInAtPost(input: {postId: $p, memberId: $m, verificationCode: $c}) { record { id post { id } } } }";
        String checkOut = checkIn.replace("checkInAtPost", "checkOutAtPost").replace("{ id post { id } }", "{ hours }");
        expectError(graphQl.document(checkIn).variable("p", post).variable("m", outsider).variable("c", code).execute(), "NOT_POST_HOLDER");
        expectError(graphQl.document(checkIn).variable("p", post).variable("m", member).variable("c", "x").execute(), "INVALID_VERIFICATION_CODE");
        graphQl.document(checkIn).variable("p", post).variable("m", member).variable("c", code).execute()
                .path("checkInAtPost.record.post.id").entity(String.class).isEqualTo(post);
        expectError(graphQl.document(checkIn).variable("p", post).variable("m", member).variable("c", code).execute(), "ALREADY_CHECKED_IN");
        graphQl.document(checkOut).variable("p", post).variable("m", member).variable("c", code).execute()
                .path("checkOutAtPost.record.hours").entity(Double.class).isEqualTo(0.0);
        graphQl.document("query($id: ID!) { member(id: $id) { servicePosts { name } serviceRecords(first: 5) { edges { node { post { name } } } } } }")
                .variable("id", member).execute()
                .path("member.servicePosts[0].name").entity(String.class).isEqualTo("法律援助岗")
                .path("member.serviceRecords.edges[0].node.post.name").entity(String.class).isEqualTo("法律援助岗");

        graphQl.document("mutation($p: ID!) { updateServicePost(input: {id: $p, active: false}) { post { active } } }")
                .variable("p", post).execute().path("updateServicePost.post.active").entity(Boolean.class).isEqualTo(false);
        expectError(graphQl.document(checkIn).variable("p", post).variable("m", member).variable("c", code).execute(), "POST_INACTIVE");
        assertThat(flow.count("MATCH (:ServicePost {id: $id})<-[:AT_POST]-(sr) RETURN count(sr)", Map.of("id", post))).isEqualTo(1);
    }
}
