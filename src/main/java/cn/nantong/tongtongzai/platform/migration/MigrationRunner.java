package cn.nantong.tongtongzai.platform.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.neo4j.Backoff;

/**
 * A small versioned schema runner (neo4j-migrations for Boot 4 is not served here, DESIGN.md §3).
 * Applies {@code V###__name.cypher} files in version order, each statement in its own auto-commit
 * transaction (Neo4j does not mix schema and data writes in one), and records every applied version
 * with its checksum as a {@code :SchemaMigration} node. Start-up is refused when an applied file was
 * edited or removed, or when a new file is older than the newest applied one.
 *
 * <p>Replicas that start together take turns: a runner holds the write lock of one {@code :SchemaMigrationLock}
 * node in a transaction of its own for as long as it migrates (schema statements cannot share a transaction with
 * it, so they run beside it), and reads what is applied only once it holds the lock. A runner that dies releases
 * it with its transaction.
 */
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private static final List<String> BOOTSTRAP = List.of("""
            CREATE CONSTRAINT schema_migration_version IF NOT EXISTS
            FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE""", """
            CREATE CONSTRAINT schema_migration_lock IF NOT EXISTS
            FOR (l:SchemaMigrationLock) REQUIRE l.id IS UNIQUE""");

    /** Waits for the runner that holds the lock, if any (the unique key makes concurrent MERGEs take turns). */
    private static final String LOCK = """
            MERGE (l:SchemaMigrationLock {id: 'schema'})
            SET l.heldSince = datetime(), l.holder = $holder""";

    private final Driver driver;
    private final String location;

    public MigrationRunner(Driver driver, String location) {
        this.driver = driver;
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** Applies what is pending; returns the migrations that were applied now. */
    public List<Migration> migrate() {
        List<Migration> migrations = load();
        try (Session session = driver.session(); Session lockSession = driver.session()) {
            bootstrap(session);
            try (Transaction lock = lockSession.beginTransaction()) {
                lock.run(LOCK, Map.of("holder", holder())).consume();
                Map<Integer, String> applied = appliedChecksums(session);
                verify(migrations, applied);
                List<Migration> pending = migrations.stream().filter(m -> !applied.containsKey(m.version())).toList();
                for (Migration migration : pending) {
                    apply(session, migration);
                }
                if (pending.isEmpty()) {
                    log.info("Schema is up to date at version {}", migrations.isEmpty() ? 0 : migrations.getLast().version());
                }
                lock.commit();
                return pending;
            }
        }
    }

    /**
     * The runner's own constraints. Two runners creating one at once deadlock or see the other's half made: the
     * loser tries again, and IF NOT EXISTS then finds the winner's.
     */
    private static void bootstrap(Session session) {
        for (String statement : BOOTSTRAP) {
            for (int attempt = 1; ; attempt++) {
                try {
                    session.run(statement).consume();
                    break;
                } catch (TransientException | ClientException raced) {
                    if (attempt == 5) {
                        throw raced;
                    }
                    Backoff.pause(attempt);
                }
            }
        }
    }

    private static String holder() {
        return ProcessHandle.current().pid() + "@" + Thread.currentThread().getName();
    }

    /** The migration files found at the location, in version order. */
    public List<Migration> load() {
        Map<Integer, Migration> byVersion = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location + "*.cypher")) {
                String fileName = resource.getFilename();
                Migration migration = Migration.parse(fileName,
                        resource.getContentAsString(StandardCharsets.UTF_8));
                if (migration == null) {
                    throw new StartupRefusedException("Migration file " + fileName + " is not named V###__name.cypher.",
                            "Rename it, e.g. V007__member_indexes.cypher.");
                }
                Migration twin = byVersion.put(migration.version(), migration);
                if (twin != null) {
                    throw new StartupRefusedException("Two migration files share version " + migration.version()
                            + ": " + twin.fileName() + " and " + fileName + ".", "Give one of them the next free version.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations from " + location, e);
        }
        List<Migration> migrations = new ArrayList<>(byVersion.values());
        migrations.sort(Comparator.comparingInt(Migration::version));
        return migrations;
    }

    private static Map<Integer, String> appliedChecksums(Session session) {
        Map<Integer, String> applied = new HashMap<>();
        session.run("MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum")
                .forEachRemaining(r -> applied.put(r.get("version").asInt(), r.get("checksum").asString()));
        return applied;
    }

    private static void verify(List<Migration> migrations, Map<Integer, String> applied) {
        Map<Integer, Migration> files = new HashMap<>();
        migrations.forEach(m -> files.put(m.version(), m));
        int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (var entry : applied.entrySet()) {
            Migration file = files.get(entry.getKey());
            if (file == null) {
                throw new StartupRefusedException("Migration version " + entry.getKey()
                        + " was applied to this database but its file is missing from cypher/migrations.",
                        "Restore the file, or run this version of the service against a database it created.");
            }
            if (!file.checksum().equals(entry.getValue())) {
                throw new StartupRefusedException("Migration " + file.fileName()
                        + " was edited after it was applied to this database (checksum differs).",
                        "Restore the applied content of " + file.fileName()
                                + " and put the change into a new migration file with the next version.");
            }
        }
        for (Migration migration : migrations) {
            if (!applied.containsKey(migration.version()) && migration.version() < newestApplied) {
                throw new StartupRefusedException("Migration " + migration.fileName()
                        + " is new but older than version " + newestApplied + ", which is already applied.",
                        "Renumber it after " + newestApplied + ".");
            }
        }
    }

    private static void apply(Session session, Migration migration) {
        log.info("Applying migration {}", migration.fileName());
        for (String statement : migration.statements()) {
            session.run(statement).consume();
        }
        session.executeWriteWithoutResult(tx -> tx.run("""
                CREATE (:SchemaMigration {version: $version, description: $description, file: $file,
                                          checksum: $checksum, appliedAt: datetime()})""",
                Map.of("version", migration.version(), "description", migration.description(),
                        "file", migration.fileName(), "checksum", migration.checksum())).consume());
    }
}
