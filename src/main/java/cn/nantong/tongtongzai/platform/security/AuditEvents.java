package cn.nantong.tongtongzai.platform.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.GraphQLContext;

/** What one GraphQL request did that the audit log keeps, gathered while it runs and written when it ends. */
final class AuditEvents {

    private static final String KEY = "tongtongzai.auditEvents";

    /** Before the actor, time and request are known. */
    record Event(AuditKind kind, String operation, List<String> targets, AuditOutcome outcome, String code) {
    }

    private AuditEvents() {
    }

    static void add(GraphQLContext context, Event event) {
        List<Event> events = context.computeIfAbsent(KEY, key -> new CopyOnWriteArrayList<Event>());
        events.add(event);
    }

    /** The events gathered so far, which are then forgotten (a subscription writes each event's own). */
    static List<Event> drain(GraphQLContext context) {
        List<Event> events = context.get(KEY);
        if (events == null) {
            return List.of();
        }
        List<Event> drained = List.copyOf(events);
        events.removeAll(drained);
        return drained;
    }

    static List<Event> of(GraphQLContext context) {
        List<Event> events = context.get(KEY);
        return events == null ? List.of() : List.copyOf(events);
    }
}
