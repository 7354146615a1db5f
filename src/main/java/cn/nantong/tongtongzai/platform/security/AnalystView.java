package cn.nantong.tongtongzai.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import graphql.GraphQLContext;
import graphql.relay.Connection;
import graphql.relay.DefaultConnection;
import graphql.relay.Edge;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import graphql.execution.DataFetcherResult;
import org.springframework.stereotype.Component;

/**
 * What an analyst without the NAMES grant sees of members: pseudonymous ids are the only ids they pass (a real id
 * is as unknown as a missing one, finding 6), and members whose cohort is smaller than k are left out wherever a
 * field would return them (finding 7).
 */
@Component
class AnalystView {

    private final AnalystRelease release;

    AnalystView(AnalystRelease release) {
        this.release = release;
    }

    static boolean applies(Actor actor) {
        return actor.has(Role.ANALYST) && !actor.namesGranted();
    }

    /** Fields that return members, but for a connection's own edges (the connection was filtered as a whole). */
    static boolean returnsMembers(DataFetchingEnvironment env) {
        String type = ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(env.getFieldType())).getName();
        String parent = ((GraphQLNamedType) env.getParentType()).getName();
        return (type.equals("Member") || type.equals("MemberConnection")) && !parent.endsWith("Edge");
    }

    /** The environment with each member-id argument of the rule turned from a pseudonymous id into the real one. */
    DataFetchingEnvironment withRealIds(DataFetchingEnvironment env, Rule rule) {
        AnalystRelease.Released released = released(env.getGraphQlContext());
        Map<String, Object> arguments = null;
        for (Rule.Target target : rule.targets()) {
            if (target.kind() != Kind.MEMBER || target.path().equals(Rule.Target.SOURCE)) {
                continue;
            }
            if (target.path().contains(".")) { // analysts name members only as arguments of reads
                throw AccessRefusedException.notFound();
            }
            Object given = env.getArgument(target.path());
            if (given == null) {
                continue;
            }
            String real = released.memberOf(given.toString()).orElseThrow(AccessRefusedException::notFound);
            arguments = arguments != null ? arguments : new HashMap<>(env.getArguments());
            arguments.put(target.path(), real);
        }
        return arguments == null ? env
                : DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env).arguments(arguments).build();
    }

    /**
     * The value without the members analysts may not see: left out of lists, refused when it is the one asked for.
     */
    Object released(DataFetchingEnvironment env, Object value) {
        return released(value, released(env.getGraphQlContext()));
    }

    /**
     * Refuses a field that would lead an analyst to members other than by {@code member} or {@code members}: a
     * member reached through a role (a branch's secretary) or a deed (a claim) would tie a pseudonym to a known person.
     */
    static void requireAsked(DataFetchingEnvironment env) {
        if (!(env.getParentType() instanceof GraphQLObjectType parent && parent.getName().equals("Query"))) {
            throw AccessRefusedException.forbidden("分析员经由职务或服务记录查看党员");
        }
    }

    /** One snapshot for the whole request, so that its fields agree. */
    private AnalystRelease.Released released(GraphQLContext context) {
        return context.computeIfAbsent(AnalystRelease.class.getName(), key -> release.current());
    }

    private static Object released(Object value, AnalystRelease.Released released) {
        if (value instanceof CompletionStage<?> pending) {
            return pending.thenApply(done -> released(done, released));
        }
        if (value instanceof Window<?> window) {
            return released(window, released);
        }
        if (value instanceof DataFetcherResult<?> result) {
            // a table's page with its count (platform/graphql/Listing): the page is released, the count stays
            return DataFetcherResult.newResult().data(released(result.getData(), released)).errors(result.getErrors())
                    .localContext(result.getLocalContext()).build();
        }
        if (value instanceof Connection<?> connection) {
            List<Edge<Object>> edges = new ArrayList<>();
            for (Edge<?> edge : connection.getEdges()) {
                if (isReleased(edge.getNode(), released)) {
                    @SuppressWarnings("unchecked") Edge<Object> kept = (Edge<Object>) edge;
                    edges.add(kept);
                }
            }
            return new DefaultConnection<>(edges, connection.getPageInfo());
        }
        if (value instanceof Collection<?> items) {
            return items.stream().filter(item -> isReleased(item, released)).toList();
        }
        if (value != null && !isReleased(value, released)) {
            throw AccessRefusedException.notFound();
        }
        return value;
    }

    private static <T> Window<T> released(Window<T> window, AnalystRelease.Released released) {
        List<T> kept = new ArrayList<>();
        List<ScrollPosition> positions = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            if (isReleased(window.getContent().get(i), released)) {
                kept.add(window.getContent().get(i));
                positions.add(window.positionAt(i));
            }
        }
        return Window.from(kept, positions::get, window.hasNext());
    }

    private static boolean isReleased(Object member, AnalystRelease.Released released) {
        Object id = Access.idOf(member);
        return id != null && released.isReleased(id.toString());
    }
}
