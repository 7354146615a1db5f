package cn.nantong.tongtongzai.platform.security;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.RoutingControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.graphql.Page;

/**
 * The append-only audit log, as {@code (:AuditEntry)} nodes apart from the rest of the graph. This class only
 * creates and reads them; nothing in the API updates or deletes them.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final Driver driver;

    AuditTrail(Driver driver) {
        this.driver = driver;
    }

    /** Appends entries for one request of this actor, in one transaction. */
    public void append(Actor actor, String requestId, String client, List<AuditEvents.Event> events) {
        if (events.isEmpty()) {
            return;
        }
        String at = OffsetDateTime.now(ZoneOffset.ofHours(8)).toString();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEvents.Event event : events) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", UUID.randomUUID().toString());
            row.put("kind", event.kind().name());
            row.put("operation", event.operation());
            row.put("targets", event.targets());
            row.put("outcome", event.outcome().name());
            row.put("code", event.code());
            rows.add(row);
        }
        try {
            driver.executableQuery("""
                    UNWIND $rows AS row
                    CREATE (:AuditEntry {id: row.id, at: datetime($at), actor: $actor, roles: $roles, kind: row.kind,
                            operation: row.operation, targets: row.targets, outcome: row.outcome, code: row.code,
                            requestId: $requestId, client: $client})""")
                    .withParameters(Map.of("rows", rows, "at", at, "actor", actor.id(),
                            "roles", actor.roles().stream().map(Role::name).sorted().toList(),
                            "requestId", requestId == null ? "" : requestId, "client", client == null ? "" : client))
                    .execute();
        } catch (RuntimeException e) {
            // the answer has been computed; losing its audit line is logged loudly rather than hidden
            log.error("Could not write {} audit entries for {} (request {})", events.size(), actor.id(), requestId, e);
        }
    }

    /** Entries newest first (or oldest first with {@code oldestFirst}), filtered. */
    public List<AuditEntry> find(AuditFilter filter, boolean oldestFirst, Page page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        String direction = oldestFirst ? "" : " DESC";
        return driver.executableQuery(matching(filter, parameters)
                        + " RETURN e ORDER BY e.at" + direction + ", e.id" + direction + " SKIP $skip LIMIT $limit")
                .withParameters(parameters)
                .withConfig(QueryConfig.builder().withRouting(RoutingControl.READ).build())
                .execute().records().stream().map(r -> {
                    var e = r.get("e");
                    return new AuditEntry(e.get("id").asString(), e.get("at").asZonedDateTime().toOffsetDateTime(),
                            e.get("actor").asString(), e.get("roles").asList(v -> v.asString()), AuditKind.valueOf(e.get("kind").asString()),
                            e.get("operation").asString(), e.get("targets").asList(v -> v.asString()),
                            AuditOutcome.valueOf(e.get("outcome").asString()), e.get("code").isNull() ? null : e.get("code").asString(),
                            e.get("requestId").asString(), e.get("client").asString());
                }).toList();
    }

    public long count(AuditFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return driver.executableQuery(matching(filter, parameters) + " RETURN count(e) AS n").withParameters(parameters)
                .withConfig(QueryConfig.builder().withRouting(RoutingControl.READ).build())
                .execute().records().getFirst().get("n").asLong();
    }

    /** MATCH … WHERE of the entries the filter keeps; {@code search} is part of the actor or the operation. */
    private static String matching(AuditFilter filter, Map<String, Object> parameters) {
        AuditFilter f = filter == null ? new AuditFilter(null, null, null, null, null, null, null) : filter;
        parameters.put("actor", f.actor());
        parameters.put("kind", f.kind() == null ? null : f.kind().name());
        parameters.put("operation", f.operation());
        parameters.put("targetId", f.targetId());
        parameters.put("from", f.from());
        parameters.put("to", f.to());
        return cn.nantong.tongtongzai.platform.graphql.Search.start("audit_search", "e", f.search(), parameters) + """
                MATCH (e:AuditEntry)
                WHERE ($from IS NULL OR e.at >= datetime({date: date($from), timezone: '+08:00'}))
                  AND ($to IS NULL OR e.at < datetime({date: date($to), timezone: '+08:00'}) + duration('P1D'))
                  AND ($actor IS NULL OR e.actor = $actor)
                  AND ($kind IS NULL OR e.kind = $kind)
                  AND ($operation IS NULL OR e.operation = $operation)
                  AND ($targetId IS NULL OR $targetId IN [t IN e.targets | split(t, ':')[1]])""";
    }

    /** auditLog(filter:) — every part optional; dates are days in China time (from and to included). */
    public record AuditFilter(String actor, AuditKind kind, String operation, String targetId, LocalDate from, LocalDate to,
            String search) {
    }
}
