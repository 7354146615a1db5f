package cn.nantong.tongtongzai.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;

import org.springframework.data.domain.Window;

import graphql.execution.DataFetcherResult;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * Applies {@link AccessPolicy} to every field before its data fetcher runs (so a refused mutation writes
 * nothing), masks phone numbers for those who may not see them in full, and shows analysts without the NAMES
 * grant keyed pseudonyms instead of members' and residents' names and ids. Refusals become GraphQL errors with code FORBIDDEN or NOT_FOUND.
 */
@Component
class AccessInstrumentation extends SimplePerformantInstrumentation {

    /** Places found while answering, kept for the request (for one event of a subscription: AuditInterceptor). */
    static final String CACHE = "tongtongzai.places";

    private final Access access;
    private final Pseudonyms pseudonyms;
    private final AnalystView analysts;

    AccessInstrumentation(Access access, Pseudonyms pseudonyms, AnalystView analysts) {
        this.access = access;
        this.pseudonyms = pseudonyms;
        this.analysts = analysts;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        DataFetchingEnvironment env = parameters.getEnvironment();
        if (!(env.getParentType() instanceof GraphQLObjectType parent)) {
            return fetcher;
        }
        String type = parent.getName();
        String field = env.getFieldDefinition().getName();
        Rule rule = AccessPolicy.ruleFor(type, field);
        boolean person = type.equals("Member") || type.equals("Resident");
        boolean phone = person && field.equals("phone");
        boolean identity = person && (field.equals("name") || field.equals("id"));
        Set<Kind> listed = listedKinds(env);
        boolean members = AnalystView.returnsMembers(env);
        if (rule == null && !phone && !identity && listed.isEmpty() && !members) {
            return fetcher;
        }
        return given -> {
            Actor actor = actor(given.getGraphQlContext());
            boolean pseudonymous = AnalystView.applies(actor);
            Map<String, Place> cache = given.getGraphQlContext().computeIfAbsent(CACHE,
                    key -> new ConcurrentHashMap<String, Place>());
            boolean mutation = type.equals("Mutation");
            String operation = mutation ? field : type + "." + field;
            DataFetchingEnvironment environment = rule == null && !(pseudonymous && members) ? given
                    : checked(given, actor, pseudonymous && members, rule, operation, cache);
            Object value;
            MutationAudit.Running running = mutation ? running(environment, actor, operation, rule) : null;
            try {
                if (running != null) {
                    MutationAudit.begin(running);
                }
                value = fetcher.get(environment);
            } catch (RuntimeException failed) {
                if (mutation) {
                    audit(environment, AuditKind.MUTATION, operation, rule, AuditOutcome.FAILED, codeOf(failed));
                }
                throw failed;
            } finally {
                if (running != null) {
                    MutationAudit.end();
                }
            }
            if (pseudonymous && members) {
                value = analysts.released(environment, value);
            }
            if (!listed.isEmpty() && !actor.isCityAdmin()) {
                value = prefetched(value, listed, cache);
            }
            if (mutation) {
                if (value instanceof CompletionStage<?> pending) {
                    return pending.whenComplete((done, failed) -> {
                        if (failed != null || !running.written) {
                            audit(environment, AuditKind.MUTATION, operation, rule, failed == null ? AuditOutcome.OK : AuditOutcome.FAILED,
                                    failed == null ? null : codeOf(failed));
                        }
                    });
                }
                if (!running.written) { // else its entry committed with its changes
                    audit(environment, AuditKind.MUTATION, operation, rule, AuditOutcome.OK, null);
                }
            }
            if (!phone && !(identity && pseudonymous)) {
                return value;
            }
            Kind kind = type.equals("Member") ? Kind.MEMBER : Kind.RESIDENT;
            String id = String.valueOf(Access.idOf(environment.getSource()));
            if (identity) {
                return field.equals("id") ? pseudonyms.id(kind, id) : pseudonyms.name(kind, id);
            }
            if (value instanceof CompletionStage<?>) {
                throw new IllegalStateException(type + ".phone must be a plain property");
            }
            if (value instanceof String number && access.seesInFull(actor, kind, id, cache)) {
                PersonalDataReads.record(environment.getGraphQlContext(), kind, id);
                return number;
            }
            return value instanceof String number ? PersonalData.maskPhone(number) : value;
        };
    }

    /** The environment once the rule let it through (with real ids where an analyst gave pseudonymous ones). */
    private DataFetchingEnvironment checked(DataFetchingEnvironment given, Actor actor, boolean analystToMembers,
            Rule rule, String operation, Map<String, Place> cache) {
        String type = ((GraphQLObjectType) given.getParentType()).getName();
        try {
            if (analystToMembers) {
                AnalystView.requireAsked(given);
            }
            if (rule == null) {
                return given;
            }
            DataFetchingEnvironment environment = AnalystView.applies(actor) ? analysts.withRealIds(given, rule) : given;
            access.check(actor, type + "." + given.getFieldDefinition().getName(), rule, environment, cache);
            return environment;
        } catch (AccessRefusedException refused) {
            audit(given, type.equals("Mutation") ? AuditKind.MUTATION : AuditKind.REFUSED, operation, rule, AuditOutcome.REFUSED,
                    refused.code().name());
            throw refused;
        }
    }

    /**
     * The kinds whose places the items of a list (or connection) will be checked against as their fields are
     * answered — read for all the items at once after the fetch, instead of one statement per item: a list of
     * members or residents (every field but the name is guarded), the residents of a list of requests, and the
     * kinds of the rules on the fields the query selects under the items (e.g. Community.counts: the communities).
     */
    private static Set<Kind> listedKinds(DataFetchingEnvironment env) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldType());
        String name = ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type)).getName();
        boolean connection = name.endsWith("Connection");
        if (!GraphQLTypeUtil.isList(type) && !connection) {
            return Set.of();
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        switch (name) {
            case "Member", "MemberConnection" -> kinds.add(Kind.MEMBER);
            // residents of a list of requests: each request's resident is checked when it is shown
            case "Resident", "ResidentConnection", "Request", "RequestConnection" -> kinds.add(Kind.RESIDENT);
            default -> { }
        }
        GraphQLType item = GraphQLTypeUtil.unwrapAll(type);
        List<Selection<?>> selections = new ArrayList<>();
        for (Field field : env.getMergedField().getFields()) {
            selections.addAll(selectionsOf(field.getSelectionSet()));
        }
        if (connection) { // edges { node { … } }
            item = node(item);
            if (item == null) {
                return kinds;
            }
            selections = under(under(selections, "edges", env), "node", env);
        }
        collectKinds(selections, ((GraphQLNamedType) item).getName(), env, kinds);
        return kinds;
    }

    /*
     * The fields selected on the items, read from the document itself: the selection set graphql-java offers
     * (env.getSelectionSet()) normalises the whole subtree below, which for a deep document costs far more than
     * the answer it guards.
     */
    private static void collectKinds(List<Selection<?>> selections, String owner, DataFetchingEnvironment env, Set<Kind> kinds) {
        for (Selection<?> selection : selections) {
            switch (selection) {
                case Field field -> {
                    Rule rule = AccessPolicy.ruleFor(owner, field.getName());
                    if (rule != null) {
                        rule.targets().stream().filter(t -> Rule.Target.SOURCE.equals(t.path()) && t.kind() != null)
                                .forEach(t -> kinds.add(t.kind()));
                    }
                }
                case InlineFragment inline -> collectKinds(selectionsOf(inline.getSelectionSet()),
                        inline.getTypeCondition() == null ? owner : inline.getTypeCondition().getName(), env, kinds);
                case FragmentSpread spread -> {
                    FragmentDefinition fragment = env.getFragmentsByName().get(spread.getName());
                    if (fragment != null) {
                        collectKinds(selectionsOf(fragment.getSelectionSet()), fragment.getTypeCondition().getName(), env, kinds);
                    }
                }
                default -> { }
            }
        }
    }

    /** The selections under the fields called {@code name} among these (fragments on the connection resolved). */
    private static List<Selection<?>> under(List<Selection<?>> selections, String name, DataFetchingEnvironment env) {
        List<Selection<?>> found = new ArrayList<>();
        for (Selection<?> selection : selections) {
            switch (selection) {
                case Field field when field.getName().equals(name) -> found.addAll(selectionsOf(field.getSelectionSet()));
                case InlineFragment inline -> found.addAll(under(selectionsOf(inline.getSelectionSet()), name, env));
                case FragmentSpread spread -> {
                    FragmentDefinition fragment = env.getFragmentsByName().get(spread.getName());
                    if (fragment != null) {
                        found.addAll(under(selectionsOf(fragment.getSelectionSet()), name, env));
                    }
                }
                default -> { }
            }
        }
        return found;
    }

    /** The item type of a Relay connection (edges { node }), or null for a type that only ends in Connection. */
    private static GraphQLType node(GraphQLType connection) {
        if (!(connection instanceof GraphQLObjectType type) || type.getFieldDefinition("edges") == null
                || !(GraphQLTypeUtil.unwrapAll(type.getFieldDefinition("edges").getType()) instanceof GraphQLObjectType edge)
                || edge.getFieldDefinition("node") == null) {
            return null;
        }
        return GraphQLTypeUtil.unwrapAll(edge.getFieldDefinition("node").getType());
    }

    private static List<Selection<?>> selectionsOf(SelectionSet set) {
        List<Selection<?>> selections = new ArrayList<>();
        if (set != null) {
            set.getSelections().forEach(selections::add);
        }
        return selections;
    }

    private Object prefetched(Object value, Set<Kind> kinds, Map<String, Place> cache) {
        if (value instanceof CompletionStage<?> pending) {
            return pending.thenApply(done -> {
                prefetch(done, kinds, cache);
                return done;
            });
        }
        prefetch(value, kinds, cache);
        return value;
    }

    private void prefetch(Object value, Set<Kind> kinds, Map<String, Place> cache) {
        if (value instanceof DataFetcherResult<?> result) {
            prefetch(result.getData(), kinds, cache);
            return;
        }
        Collection<?> items = value instanceof Window<?> window ? window.getContent()
                : value instanceof Connection<?> connection ? connection.getEdges().stream().map(Edge::getNode).toList()
                : value instanceof Collection<?> collection ? collection : List.of();
        for (Kind kind : kinds) {
            List<String> ids = items.stream()
                    .map(item -> kind == Kind.RESIDENT && item instanceof ConcernsResident concerning ? concerning.residentId() : Access.idOf(item))
                    .filter(java.util.Objects::nonNull).map(String::valueOf).toList();
            access.prefetch(kind, ids, cache);
        }
    }

    private static void audit(DataFetchingEnvironment env, AuditKind kind, String operation, Rule rule, AuditOutcome outcome,
            String code) {
        AuditEvents.add(env.getGraphQlContext(), new AuditEvents.Event(kind, operation, targets(env, rule), outcome, code));
    }

    private static MutationAudit.Running running(DataFetchingEnvironment env, Actor actor, String operation, Rule rule) {
        return new MutationAudit.Running(actor, env.getGraphQlContext().get(AuditInterceptor.REQUEST_ID),
                env.getGraphQlContext().get(AuditInterceptor.CLIENT), operation, targets(env, rule));
    }

    private static List<String> targets(DataFetchingEnvironment env, Rule rule) {
        List<String> targets = new ArrayList<>();
        if (rule != null) {
            for (Rule.Target target : rule.targets()) {
                String kindName = target.kind() != null ? target.kind().name() : String.valueOf((Object) env.getArgument("scope"));
                target.ids(env).forEach(id -> targets.add(kindName + ":" + id));
            }
        }
        return targets;
    }

    private static String codeOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof UserInputException input) {
            return input.code().name();
        }
        if (cause instanceof AccessRefusedException refused) {
            return refused.code().name();
        }
        return "INTERNAL_ERROR";
    }

    private static Actor actor(GraphQLContext context) {
        Actor actor = context.get("actor");
        if (actor == null) {
            throw AccessRefusedException.forbidden("匿名访问");
        }
        return actor;
    }
}
