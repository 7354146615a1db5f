package cn.nantong.tongtongzai.platform.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.GraphQLContext;

/** Whose full personal data (phone numbers) one request showed, for the audit log. */
final class PersonalDataReads {

    static final String KEY = "tongtongzai.personalDataReads";

    private PersonalDataReads() {
    }

    static void record(GraphQLContext context, Kind kind, String id) {
        List<String> reads = context.computeIfAbsent(KEY, key -> new CopyOnWriteArrayList<String>());
        String entry = kind + ":" + id;
        if (!reads.contains(entry)) {
            reads.add(entry);
        }
    }

    /** The reads recorded so far, which are then forgotten (a subscription writes each event's own). */
    static List<String> drain(GraphQLContext context) {
        List<String> reads = context.get(KEY);
        if (reads == null) {
            return List.of();
        }
        List<String> drained = List.copyOf(reads);
        reads.removeAll(drained);
        return drained;
    }

    static List<String> of(GraphQLContext context) {
        List<String> reads = context.get(KEY);
        return reads == null ? List.of() : List.copyOf(reads);
    }
}
