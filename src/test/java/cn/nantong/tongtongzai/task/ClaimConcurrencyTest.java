package cn.nantong.tongtongzai.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Many members (and the same member many times) claim the last seats of a task at once over HTTP. */
class ClaimConcurrencyTest extends IntegrationTest {

    @Autowired
    Driver driver;

    FlowFixture flow;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
    }

    @Test
    void theLastSeatsGoToExactlyAsManyMembersAsTheHeadcountAllows() throws Exception {
        List<String> members = flow.confirmedMembers(FlowFixture.DEMIN);
        assertThat(members).hasSizeGreaterThanOrEqualTo(10);
        String task = flow.published(5, 60);
        flow.claimId(task, members.get(0));
        flow.claimId(task, members.get(1));
        flow.claimId(task, members.get(2)); // two seats left

        List<String> contenders = members.subList(3, members.size());
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> attempts = new ArrayList<>();
        for (int round = 0; round < 3; round++) { // every contender tries three times
            for (String member : contenders) {
                attempts.add(() -> {
                    start.await();
                    var response = flow.claim(task, member);
                    response.errors().satisfy(errors -> {
                        String outcome = errors.isEmpty() ? "CLAIMED" : (String) errors.getFirst().getExtensions().get("code");
                        outcomes.merge(outcome, 1, Integer::sum);
                    });
                    return null;
                });
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<Object>> futures = new ArrayList<>();
            attempts.forEach(a -> futures.add(pool.submit(a)));
            start.countDown();
            for (Future<Object> future : futures) {
                future.get();
            }
        }

        assertThat(outcomes).containsEntry("CLAIMED", 2);
        assertThat(outcomes.keySet()).isSubsetOf(Set.of("CLAIMED", "TASK_FULL", "ALREADY_CLAIMED"));
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(attempts.size());
        assertThat(flow.count("MATCH (:Task {id: $id})<-[:FOR_TASK]-(c:Claim {state: 'ACTIVE'}) RETURN count(c)", Map.of("id", task)))
                .isEqualTo(5);
        assertThat(flow.count("MATCH (:Task {id: $id})<-[:FOR_TASK]-(c:Claim)<-[:MADE]-(m) RETURN count(DISTINCT m)", Map.of("id", task)))
                .isEqualTo(5);
        graphQl.document("query($id: ID!) { task(id: $id) { claimed openSeats } }").variable("id", task).execute()
                .path("task.claimed").entity(Integer.class).isEqualTo(5)
                .path("task.openSeats").entity(Integer.class).isEqualTo(0);
    }
}
