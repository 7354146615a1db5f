package cn.nantong.tongtongzai.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.nantong.tongtongzai.platform.time.Period;

/**
 * Generates data sets and moves them between the database and JSON-lines files. Rows go in with
 * UNWIND, {@value #BATCH} at a time, one transaction per batch, into a database without an organisation.
 * A {@code (:DatasetLoad)} node records whether the last load finished.
 */
@Component
@EnableConfigurationProperties(DatasetProperties.class)
public class DatasetLoader {

    static final int BATCH = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Driver driver;
    private final int threads;

    DatasetLoader(Driver driver, DatasetProperties properties) {
        this.driver = driver;
        this.threads = properties.loadThreads();
    }

    /** A scale's rows, generated against the skills and post categories the database holds. */
    public List<RowSet> generate(Scale scale) {
        try (Session session = driver.session()) {
            List<HistoryGenerator.SkillRef> skills = session.run("""
                            MATCH (s:Skill) RETURN s.id AS id, s.name AS name,
                                   COLLECT { MATCH (s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0] AS categoryId ORDER BY id""")
                    .list(r -> new HistoryGenerator.SkillRef(r.get("id").asString(), r.get("name").asString(),
                            r.get("categoryId").isNull() ? null : r.get("categoryId").asString()));
            Map<String, String> categories = new LinkedHashMap<>();
            session.run("MATCH (c:PostCategory) RETURN c.id AS id, c.name AS name ORDER BY id")
                    .forEachRemaining(r -> categories.put(r.get("id").asString(), r.get("name").asString()));
            return new DatasetGenerator(NantongDivisions.load(), skills, categories, LocalDate.now(Period.ZONE)).generate(scale);
        }
    }

    public boolean hasOrganisation() {
        try (Session session = driver.session()) {
            return session.run("MATCH (s:Street) RETURN count(s) > 0 AS any").single().get("any").asBoolean();
        }
    }

    /**
     * Loads the row sets in order; within one set, batches run on {@link #threads} sessions at once
     * (rows of one set never depend on each other; a deadlock between two batches is retried by the driver).
     */
    public void load(List<RowSet> sets, Consumer<String> progress) {
        if (hasOrganisation()) {
            throw new IllegalStateException("The database already holds an organisation (Street nodes)"
                    + (interrupted() ? ", from a data set load that did not finish" : "")
                    + ": a data set loads only into a database without one. Point "
                    + "tongtong.neo4j.embedded.directory at a new directory, or stop the service and delete the store.");
        }
        marker("CREATE (:DatasetLoad {state: 'LOADING', startedAt: datetime()})");
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (RowSet set : sets) {
                String statement = DatasetStatements.statement(set.name());
                long started = System.nanoTime();
                AtomicInteger done = new AtomicInteger();
                List<Future<?>> batches = new ArrayList<>();
                for (int from = 0; from < set.rows().size(); from += BATCH) {
                    List<Map<String, Object>> batch = set.rows().subList(from, Math.min(from + BATCH, set.rows().size()));
                    int first = from + 1;
                    batches.add(pool.submit(() -> {
                        writeBatch(() -> {
                            try (Session session = driver.session()) {
                                session.executeWriteWithoutResult(tx -> {
                                    long loaded = tx.run(statement, Map.of("rows", batch)).single().get("loaded").asLong();
                                    if (loaded != batch.size()) { // thrown inside the transaction: the batch rolls back
                                        throw new IllegalStateException(String.format("%s, rows %d–%d: %d of %d rows refer to "
                                                + "nodes that do not exist (a unit, building, community … loaded earlier)",
                                                set.name(), first, first + batch.size() - 1, batch.size() - loaded, batch.size()));
                                    }
                                });
                            }
                        });
                        int loaded = done.addAndGet(batch.size());
                        if (set.rows().size() > BATCH) {
                            progress.accept(String.format("  %-18s %,7d / %,d", set.name(), loaded, set.rows().size()));
                        }
                    }));
                }
                for (Future<?> batch : batches) {
                    await(batch);
                }
                progress.accept(String.format("%-20s %,8d rows in %6.2f s", set.name(), set.rows().size(),
                        (System.nanoTime() - started) / 1e9));
            }
        }
        marker("MATCH (d:DatasetLoad {state: 'LOADING'}) SET d.state = 'COMPLETE', d.completedAt = datetime()");
    }

    /**
     * Runs a batch again while two loading transactions collide (Neo4j's "read outdated data" on shared nodes):
     * the driver's own retries stop after a second (spring.neo4j.max-transaction-retry-time, kept short so that
     * requests fail fast), a load may wait longer. A failed batch rolled back completely, so it is safe to repeat.
     */
    private static void writeBatch(Runnable batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                batch.run();
                return;
            } catch (org.neo4j.driver.exceptions.TransientException collided) {
                if (attempt == 20) {
                    throw collided;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw collided;
                }
            }
        }
    }

    /** True when a data set load started but never finished (killed, or failed half-way). */
    public boolean interrupted() {
        try (Session session = driver.session()) {
            return session.run("RETURN EXISTS { (:DatasetLoad {state: 'LOADING'}) } AS interrupted").single()
                    .get("interrupted").asBoolean();
        }
    }

    private void marker(String cypher) {
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher).consume());
        }
    }

    private static void await(Future<?> batch) {
        try {
            batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Loading was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** One file per row set, {@code NN-name.jsonl}, one JSON object per line, in load order. */
    public void export(List<RowSet> sets, Path directory) {
        try {
            Files.createDirectories(directory);
            for (int i = 0; i < sets.size(); i++) {
                RowSet set = sets.get(i);
                Path file = directory.resolve(String.format("%02d-%s.jsonl", i + 1, set.name()));
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (Map<String, Object> row : set.rows()) {
                        out.write(JSON.writeValueAsString(row));
                        out.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the data set to " + directory, e);
        }
    }

    /** Reads files written by {@link #export}: the name after the number says which statement loads them. */
    public List<RowSet> read(Path directory) {
        try (var files = Files.list(directory)) {
            List<RowSet> sets = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d+-\\w+\\.jsonl")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("^\\d+-", "").replace(".jsonl", "");
                DatasetStatements.statement(name); // refuse unknown files before loading anything
                List<Map<String, Object>> rows = new ArrayList<>();
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.isBlank()) {
                            rows.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
                        }
                    }
                }
                sets.add(new RowSet(name, rows));
            }
            return sets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data set from " + directory, e);
        }
    }
}
