package cn.nantong.tongtongzai.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * Security probe (issue 19) finding 3: verification codes could be guessed without limit (140 wrong codes in 1.7 s,
 * the right one still accepted after) and a post's code never changed. Over real HTTP against the embedded Neo4j;
 * time passes through the service's clock ({@link cn.nantong.tongtongzai.support.TestClock}), never by sleeping.
 */
class CheckInCodesTest extends IntegrationTest {

    @Autowired
    Driver driver;

    private FlowFixture flow;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        clock.stop(); // time passes only when a test says so, however slow the machine
    }

    /** The probe's attack: 140 wrong codes, then the right one. Only five are checked; the right one is refused too. */
    @Test
    void afterFiveWrongCodesEvenTheRightOneIsRefused() {
        String task = flow.published(2, 30);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, flow.confirmedMembers(FlowFixture.DEMIN).getFirst());

        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        for (int i = 0; i < 140; i++) {
            outcomes.merge(outcome(flow.check("checkIn", claim, wrong(code, i))), 1, Integer::sum);
        }
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("INVALID_VERIFICATION_CODE", 5, "TOO_MANY_ATTEMPTS", 135));

        ResponseError refused = error(flow.check("checkIn", claim, code));
        assertThat(refused.getExtensions()).containsEntry("code", "TOO_MANY_ATTEMPTS");
        OffsetDateTime retryAt = OffsetDateTime.parse((String) refused.getExtensions().get("retryAt"));
        assertThat(retryAt.toInstant()).isEqualTo(clock.instant().plusSeconds(60)); // a minute after the fifth wrong code
        assertThat(records(claim)).isZero();
    }

    @Test
    void theLockEndsAfterItsBackoffWhichDoublesWithEachFurtherWrongCode() {
        String task = flow.published(2, 30);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, flow.confirmedMembers(FlowFixture.DEMIN).getFirst());
        for (int i = 0; i < 5; i++) {
            FlowFixture.expectError(flow.check("checkIn", claim, wrong(code, i)), "INVALID_VERIFICATION_CODE");
        }
        FlowFixture.expectError(flow.check("checkIn", claim, code), "TOO_MANY_ATTEMPTS");
        clock.advance(Duration.ofSeconds(50));
        FlowFixture.expectError(flow.check("checkIn", claim, code), "TOO_MANY_ATTEMPTS");
        clock.advance(Duration.ofSeconds(11)); // one minute after the fifth wrong code

        FlowFixture.expectError(flow.check("checkIn", claim, wrong(code, 5)), "INVALID_VERIFICATION_CODE");
        clock.advance(Duration.ofSeconds(61));
        FlowFixture.expectError(flow.check("checkIn", claim, code), "TOO_MANY_ATTEMPTS"); // two minutes now
        clock.advance(Duration.ofSeconds(60));
        flow.check("checkIn", claim, code).path("checkIn.record.id").hasValue();

        // the right code cleared the claim's count: the member may mistype again at check-out
        for (int i = 0; i < 4; i++) {
            FlowFixture.expectError(flow.check("checkOut", claim, wrong(code, i)), "INVALID_VERIFICATION_CODE");
        }
        flow.check("checkOut", claim, code).path("checkOut.record.checkOutAt").hasValue();
    }

    /** Twenty wrong codes spread over claims (four each, under a claim's limit) stop the subject everywhere. */
    @Test
    void aSubjectGuessingAcrossClaimsIsStopped() {
        String task = flow.published(6, 30);
        String code = flow.verificationCode(task);
        List<String> members = flow.confirmedMembers(FlowFixture.DEMIN).subList(0, 6);
        List<String> claims = members.stream().map(m -> flow.claimId(task, m)).toList();
        var guesser = flow.as("guesser");
        for (String claim : claims.subList(0, 5)) {
            for (int i = 0; i < 4; i++) {
                FlowFixture.expectError(check(guesser, "checkIn", claim, wrong(code, i)), "INVALID_VERIFICATION_CODE");
            }
        }
        FlowFixture.expectError(check(guesser, "checkIn", claims.get(5), code), "TOO_MANY_ATTEMPTS");
        FlowFixture.expectError(check(guesser, "checkIn", claims.getFirst(), code), "TOO_MANY_ATTEMPTS");
        // the claims are not locked: someone else checks in with the right code
        check(flow.as("organiser"), "checkIn", claims.get(5), code).path("checkIn.record.id").hasValue();
        check(flow.as("organiser"), "checkIn", claims.getFirst(), code).path("checkIn.record.id").hasValue();
        // and the guesser's lock ends after its backoff
        clock.advance(Duration.ofSeconds(61));
        check(guesser, "checkIn", claims.get(1), code).path("checkIn.record.id").hasValue();
    }

    @Test
    void parallelGuessesOnOneClaimDoNotSlipPastItsLimit() throws Exception {
        String task = flow.published(2, 30);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, flow.confirmedMembers(FlowFixture.DEMIN).getFirst());
        List<Supplier<GraphQlTester.Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            var guesser = flow.as("guesser-" + (i % 8)); // eight subjects, none near its own limit
            String guess = wrong(code, i);
            guesses.add(() -> check(guesser, "checkIn", claim, guess));
        }
        Map<String, Integer> outcomes = race(guesses);
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("INVALID_VERIFICATION_CODE", 5, "TOO_MANY_ATTEMPTS", 19));
    }

    @Test
    void parallelGuessesAcrossClaimsDoNotSlipPastTheSubjectsLimit() throws Exception {
        String task = flow.published(6, 30);
        String code = flow.verificationCode(task);
        List<String> claims = flow.confirmedMembers(FlowFixture.DEMIN).subList(0, 6).stream().map(m -> flow.claimId(task, m)).toList();
        var guesser = flow.as("guesser");
        List<Supplier<GraphQlTester.Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // five on each claim: each claim's limit would let all 30 through
            String claim = claims.get(i % 6);
            String guess = wrong(code, i);
            guesses.add(() -> check(guesser, "checkIn", claim, guess));
        }
        Map<String, Integer> outcomes = race(guesses);
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("INVALID_VERIFICATION_CODE", 20, "TOO_MANY_ATTEMPTS", 10));
    }

    /** Who, which claim, when and what failed — never the code tried. */
    @Test
    @SuppressWarnings("unchecked")
    void failedAttemptsAreAuditedWithoutTheCodeTried() {
        String task = flow.published(2, 30);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, flow.confirmedMembers(FlowFixture.DEMIN).getFirst());
        String tried = "987654".equals(code) ? "987653" : "987654";
        for (int i = 0; i < 6; i++) {
            flow.check("checkIn", claim, tried);
        }
        var log = graphQl.document("""
                query($claim: ID!) { auditLog(filter: {operation: "checkIn", targetId: $claim}, first: 50) {
                  edges { node { id at actor roles kind operation targets outcome code requestId client } } } }""")
                .variable("claim", claim).execute();
        List<Map<String, Object>> entries = log.path("auditLog.edges[*].node")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(entries).hasSize(6).allSatisfy(entry -> {
            assertThat(entry).containsEntry("actor", "test-admin").containsEntry("kind", "MUTATION").containsEntry("outcome", "FAILED");
            assertThat((List<Object>) entry.get("targets")).contains("CLAIM:" + claim);
            assertThat(entry.toString()).doesNotContain(tried);
        });
        assertThat(entries.stream().map(e -> e.get("code")).toList())
                .containsExactlyInAnyOrder("INVALID_VERIFICATION_CODE", "INVALID_VERIFICATION_CODE", "INVALID_VERIFICATION_CODE",
                        "INVALID_VERIFICATION_CODE", "INVALID_VERIFICATION_CODE", "TOO_MANY_ATTEMPTS");
        assertThat(flow.count("""
                MATCH (e:AuditEntry) UNWIND keys(e) AS k
                UNWIND CASE WHEN valueType(e[k]) STARTS WITH 'LIST' THEN e[k] ELSE [e[k]] END AS v
                WITH v WHERE toString(v) CONTAINS $tried RETURN count(*)""", Map.of("tried", tried))).isZero();
    }

    /** A post's code follows the day (Nantong time); yesterday's is taken for a few minutes after midnight only. */
    @Test
    void aPostsCodeChangesWithTheDay() {
        String member = flow.confirmedMembers(FlowFixture.DEMIN).getFirst();
        String post = post(member);
        String first = postCode(post);

        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Period.ZONE));
        clock.advance(Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(Period.ZONE)).plusMinutes(5));
        String second = postCode(post);
        assertThat(second).isNotEqualTo(first).matches("\\d{6}");
        checkAtPost("checkInAtPost", post, member, first).path("checkInAtPost.record.id").hasValue();

        clock.advance(Duration.ofMinutes(20));
        FlowFixture.expectError(checkAtPost("checkOutAtPost", post, member, first), "INVALID_VERIFICATION_CODE");
        checkAtPost("checkOutAtPost", post, member, second).path("checkOutAtPost.record.id").hasValue();

        clock.advance(Duration.ofDays(1));
        String third = postCode(post);
        assertThat(third).isNotIn(first, second);
        FlowFixture.expectError(checkAtPost("checkInAtPost", post, member, second), "INVALID_VERIFICATION_CODE");
        checkAtPost("checkInAtPost", post, member, third).path("checkInAtPost.record.id").hasValue();
    }

    @Test
    void guessingAPostsCodeIsLimitedToo() {
        String member = flow.confirmedMembers(FlowFixture.DEMIN).getFirst();
        String post = post(member);
        String code = postCode(post);
        for (int i = 0; i < 5; i++) {
            FlowFixture.expectError(checkAtPost("checkInAtPost", post, member, wrong(code, i)), "INVALID_VERIFICATION_CODE");
        }
        FlowFixture.expectError(checkAtPost("checkInAtPost", post, member, code), "TOO_MANY_ATTEMPTS");
        clock.advance(Duration.ofSeconds(61));
        checkAtPost("checkInAtPost", post, member, code).path("checkInAtPost.record.id").hasValue();
    }

    private String post(String holder) {
        String post = graphQl.document("""
                mutation { createServicePost(input: {communityId: "320613001001", name: "法律援助岗", categoryId: "LEGAL_AID"}) {
                  post { id } } }""").execute().path("createServicePost.post.id").entity(String.class).get();
        graphQl.document("mutation($p: ID!, $m: ID!) { choosePost(input: {postId: $p, memberId: $m}) { post { id } } }")
                .variable("p", post).variable("m", holder).execute().errors().verify();
        return post;
    }

    private String postCode(String post) {
        return graphQl.document("query($id: ID!) { servicePost(id: $id) { verificationCode } }").variable("id", post)
                .execute().path("servicePost.verificationCode").entity(String.class).get();
    }

    private GraphQlTester.Response checkAtPost(String mutation, String post, String member, String code) {
        return graphQl.document("mutation($p: ID!, $m: ID!, $c: String!) { " + mutation
                        + "(input: {postId: $p, memberId: $m, verificationCode: $c}) { record { id } } }")
                .variable("p", post).variable("m", member).variable("c", code).execute();
    }

    private static GraphQlTester.Response check(GraphQlTester tester, String mutation, String claim, String code) {
        return tester.document("mutation($claim: ID!, $code: String!) { " + mutation
                        + "(input: {claimId: $claim, verificationCode: $code}) { record { id } } }")
                .variable("claim", claim).variable("code", code).execute();
    }

    /** Runs the calls at once from eight threads; counts their outcomes (OK or the error code). */
    private static Map<String, Integer> race(List<Supplier<GraphQlTester.Response>> calls) throws Exception {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> futures = new ArrayList<>();
            for (Supplier<GraphQlTester.Response> call : calls) {
                Callable<Object> task = () -> {
                    start.await();
                    outcomes.merge(outcome(call.get()), 1, Integer::sum);
                    return null;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Object> future : futures) {
                future.get();
            }
        }
        return outcomes;
    }

    private static String outcome(GraphQlTester.Response response) {
        List<ResponseError> errors = new ArrayList<>();
        response.errors().satisfy(errors::addAll);
        return errors.isEmpty() ? "OK" : String.valueOf(errors.getFirst().getExtensions().get("code"));
    }

    private static ResponseError error(GraphQlTester.Response response) {
        List<ResponseError> errors = new ArrayList<>();
        response.errors().satisfy(errors::addAll);
        assertThat(errors).hasSize(1);
        return errors.getFirst();
    }

    private long records(String claim) {
        return flow.count("MATCH (:Claim {id: $id})<-[:FOR_CLAIM]-(sr:ServiceRecord) RETURN count(sr)", Map.of("id", claim));
    }

    /** A six-digit code other than {@code code}, different for each i. */
    private static String wrong(String code, int i) {
        return "%06d".formatted((Integer.parseInt(code) + 1 + i) % 1_000_000);
    }
}
