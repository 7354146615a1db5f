package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;

import cn.nantong.tongtongzai.platform.neo4j.Deadline;
import cn.nantong.tongtongzai.support.TestNeo4j;

/**
 * A request's {@link Deadline} ends the statements it began, at the deadline and not when they finish: a statement
 * counting to two billion (tens of seconds) is ended after 300 ms; one begun after the deadline fails at once; once
 * the request's answer is computed, what follows (its audit entry) runs unhindered.
 */
class DeadlineTest {

    private static final String LONG = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n";

    private Driver driver;

    @BeforeEach
    void theSharedTestDatabaseInProcess() {
        // with -Dtongtong.test.neo4j=bolt|process the suite has no in-process database to drive
        Assumptions.assumeTrue(TestNeo4j.inProcess().isPresent());
        driver = InProcessDriver.of(TestNeo4j.inProcess().orElseThrow());
    }

    @AfterEach
    void noDeadlineLeft() {
        Deadline.current().ifPresent(Deadline::close);
    }

    @Test
    void aRunningStatementIsEndedAtTheDeadline() {
        try (Deadline ignored = Deadline.start(Duration.ofMillis(300)); Session session = driver.session()) {
            assertThatThrownBy(() -> session.executeRead(tx -> tx.run(LONG).single().get("n").asLong()))
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("terminated");
        }
        assertThat(running()).as("nothing of it still runs").isZero();
    }

    @Test
    void noTransactionBeginsAfterTheDeadlineButAfterTheAnswerWorkGoesOn() throws InterruptedException {
        try (Deadline deadline = Deadline.start(Duration.ofMillis(50)); Session session = driver.session()) {
            Thread.sleep(100);
            assertThatThrownBy(() -> session.run("RETURN 1").consume())
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("ran out of time");
            deadline.finish();
            assertThat(session.run("RETURN 1 AS one").single().get("one").asInt()).isEqualTo(1);
        }
    }

    private long running() {
        return driver.executableQuery("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'range(1, 2000000000)' "
                + "AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN count(*) AS n").execute().records().getFirst().get("n").asLong();
    }
}
