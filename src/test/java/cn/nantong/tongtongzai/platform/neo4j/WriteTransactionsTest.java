package cn.nantong.tongtongzai.platform.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** Which failures run a write again, against the real database. */
class WriteTransactionsTest extends IntegrationTest {

    @Autowired
    WriteTransactions transactions;

    @Autowired
    Neo4jClient neo4j;

    @Test
    void aRealDeadlockBetweenTwoWritersIsRunAgainAndBothWritesLand() throws Exception {
        database.write("CREATE (:Street {id: 'A', name: '甲'}), (:Street {id: 'B', name: '乙'})");
        CyclicBarrier bothHoldOneLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<?>> writers = List.of("A", "B").stream().<Future<?>>map(first -> two.submit(() -> transactions.execute(tx -> {
                String second = first.equals("A") ? "B" : "A";
                boolean firstAttempt = attempts.incrementAndGet() <= 2;
                touch(first);
                if (firstAttempt) {
                    await(bothHoldOneLock); // each holds one node and now asks for the other's: Neo4j sees a deadlock
                }
                touch(second);
                return null;
            }))).toList();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(attempts.get()).as("one of the two was run again after DeadlockDetected").isGreaterThan(2);
        assertThat(neo4j.query("MATCH (s:Street) RETURN sum(s.touched)").fetchAs(Long.class).one()).contains(4L);
    }

    @Test
    void anUnreachableDatabaseIsTriedTwiceAndAClientErrorOnce() {
        AtomicInteger unreachable = new AtomicInteger();
        assertThatThrownBy(() -> transactions.execute(tx -> {
            unreachable.incrementAndGet();
            throw new ServiceUnavailableException("connection refused");
        })).isInstanceOf(ServiceUnavailableException.class);
        assertThat(unreachable).hasValue(2);

        AtomicInteger refused = new AtomicInteger();
        assertThatThrownBy(() -> transactions.execute(tx -> {
            refused.incrementAndGet();
            return neo4j.query("RETURN 1 +").fetch().one(); // a syntax error: running it again cannot help
        }));
        assertThat(refused).hasValue(1);
    }

    @Test
    void eachKindOfFailureIsRunAsOftenAsItCanHelp() {
        assertThat(DatabaseFailures.attempts(new ClientException("Neo.ClientError.Statement.SyntaxError", "x"))).isEqualTo(1);
        assertThat(DatabaseFailures.attempts(new ServiceUnavailableException("down"))).isEqualTo(2);
        assertThat(DatabaseFailures.attempts(new org.neo4j.driver.exceptions.TransientException(
                "Neo.TransientError.Transaction.DeadlockDetected", "deadlock"))).isEqualTo(5);
    }

    private void touch(String id) {
        neo4j.query("MATCH (s:Street {id: $id}) SET s.touched = coalesce(s.touched, 0) + 1").bind(id).to("id").run();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
