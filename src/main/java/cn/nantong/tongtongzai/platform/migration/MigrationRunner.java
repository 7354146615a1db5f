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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/**
 * A small versioned schema runner (neo4j-migrations for Boot 4 is not served here, DESIGN.md §3).
 * Applies {@code V###__name.cypher} files in version order, each statement in its own auto-commit
 * transaction (Neo4j does not mix schema and data writes in one), and records every applied version
 * with its checksum as a {@code :SchemaMigration} node. Start-up is refused when an applied file was
 * edited or removed, or when a new file is older than the newest applied one.
 */
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private static final String BOOTSTRAP = """
            CREATE CONSTRAINT schema_migration_version IF NOT EXISTS
            FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE""";

    private final Driver driver;
    private final String location;

    public MigrationRunner(Driver driver, String location) {
        this.driver = driver;
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** Applies what is pending; returns the migrations that were applied now. */
    public List<Migration> migrate() {
        List<Migration> migrations = load();
        try (Session session = driver.session()) {
            session.run(BOOTSTRAP).consume();
            Map<Integer, String> applied = appliedChecksums(session);
            verify(migrations, applied);
            List<Migration> pending = migrations.stream().filter(m -> !applied.containsKey(m.version())).toList();
            for (Migration migration : pending) {
                apply(session, migration);
            }
            if (pending.isEmpty()) {
                log.info("Schema is up to date at version {}", migrations.isEmpty() ? 0 : migrations.getLast().version());
            }
            return pending;
        }
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
