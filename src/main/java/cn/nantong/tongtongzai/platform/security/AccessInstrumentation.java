package cn.nantong.tongtongzai.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;

import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * Applies {@link AccessPolicy} to every field before its data fetcher runs (so a refused mutation writes
 * nothing), masks phone numbers for those who may not see them in full, and hides names from analysts
 * without the NAMES grant. Refusals become GraphQL errors with code FORBIDDEN or NOT_FOUND.
 */
@Component
class AccessInstrumentation extends SimplePerformantInstrumentation {

    private static final String CACHE = "tongtongzai.places";

    private final Access access;

    AccessInstrumentation(Access access) {
        this.access = access;
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
        boolean name = person && field.equals("name");
        if (rule == null && !phone && !name) {
            return fetcher;
        }
        return environment -> {
            Actor actor = actor(environment.getGraphQlContext());
            Map<String, Place> cache = environment.getGraphQlContext().computeIfAbsent(CACHE,
                    key -> new ConcurrentHashMap<String, Place>());
            boolean mutation = type.equals("Mutation");
            String operation = mutation ? field : type + "." + field;
            if (rule != null) {
                try {
                    access.check(actor, type + "." + field, rule, environment, cache);
                } catch (AccessRefusedException refused) {
                    audit(environment, mutation ? "MUTATION" : "REFUSED", operation, rule, "REFUSED", refused.code());
                    throw refused;
                }
            }
            Object value;
            try {
                value = fetcher.get(environment);
            } catch (RuntimeException failed) {
                if (mutation) {
                    audit(environment, "MUTATION", operation, rule, "FAILED", codeOf(failed));
                }
                throw failed;
            }
            if (mutation) {
                if (value instanceof CompletionStage<?> pending) {
                    return pending.whenComplete((done, failed) -> audit(environment, "MUTATION", operation, rule,
                            failed == null ? "OK" : "FAILED", failed == null ? null : codeOf(failed)));
                }
                audit(environment, "MUTATION", operation, rule, "OK", null);
            }
            if (!phone && !(name && actor.has(Role.ANALYST) && !actor.namesGranted())) {
                return value;
            }
            Kind kind = type.equals("Member") ? Kind.MEMBER : Kind.RESIDENT;
            String id = String.valueOf(Access.idOf(environment.getSource()));
            if (name) {
                return PersonalData.pseudonym(kind, id);
            }
            if (value instanceof CompletionStage<?>) {
                throw new IllegalStateException(type + ".phone must be a plain property");
            }
            if (value instanceof String number && access.seesInFull(actor, kind, id, cache)) {
                PersonalDataReads.record(environment.getGraphQlContext(), kind, id, field);
                return number;
            }
            return value instanceof String number ? PersonalData.maskPhone(number) : value;
        };
    }

    private static void audit(DataFetchingEnvironment env, String kind, String operation, Rule rule, String outcome,
            String code) {
        List<String> targets = new ArrayList<>();
        if (rule != null) {
            for (Rule.Target target : rule.targets()) {
                String kindName = target.kind() != null ? target.kind().name() : String.valueOf((Object) env.getArgument("scope"));
                target.ids(env).forEach(id -> targets.add(kindName + ":" + id));
            }
        }
        AuditEvents.add(env.getGraphQlContext(), new AuditEvents.Event(kind, operation, targets, outcome, code));
    }

    private static String codeOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof UserInputException input) {
            return input.code();
        }
        if (cause instanceof AccessRefusedException refused) {
            return refused.code();
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
