package cn.nantong.tongtongzai.platform.graphql;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.execution.CoercedVariables;
import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * What a document can cost to answer, counted before it runs: every field occurrence (so every alias) costs 1,
 * or its {@code @cost} weight; a list's fields count once per item it may hold, and that multiplies down the
 * levels. A connection or list holds {@code first} items when given, else its {@code @listSize} (schema,
 * platform.graphqls), else a connection its default page ({@value Page#DEFAULT_SIZE}) and a plain list
 * {@value #ASSUMED_LIST_SIZE}; {@code __typename} is free and introspection counts each field once. So
 * {@code communities(first: 100) { edges { node { street { … } } } }} costs 100 times what its street costs:
 * what the document can return, not how many fields it spells out (security probe, finding 1).
 *
 * <p>A fragment counts wherever it is spread. graphql-java's own traversal (behind its complexity and depth
 * checks) visits a fragment's fields only at its first spread, so ten aliases spreading one fragment counted once.
 * Here a fragment's cost is computed once and added at every spread, which keeps the check linear in the document.
 */
public final class QueryCost {

    /** A plain list without {@code @listSize}: most hold a handful (history, reasons, a member's skills). */
    static final int ASSUMED_LIST_SIZE = 10;
    /** Fields, fragments and inline fragments nested deeper than this are not worth counting: no answer. */
    private static final int MAX_NESTING = 200;

    private final GraphQLSchema schema;
    private final Rules rules;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Object> variables;
    private final Map<String, Long> fragmentCosts = new HashMap<>();

    private QueryCost(Rules rules, Document document, Map<String, Object> variables) {
        this.schema = rules.schema;
        this.rules = rules;
        this.variables = variables;
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
    }

    /** The cost of the operation (the only one, or the one named), saturating at {@link Long#MAX_VALUE}. */
    public static long of(Rules rules, Document document, String operationName, CoercedVariables variables) {
        GraphQLSchema schema = rules.schema;
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = operations.stream()
                .filter(o -> operationName == null || operationName.equals(o.getName()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No operation " + operationName));
        GraphQLCompositeType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        return new QueryCost(rules, document, variables.toMap()).selections(operation.getSelectionSet(), root, 0, 0);
    }

    /** The selections on {@code type}; {@code page} is the items of the connection they belong to, if any. */
    private long selections(SelectionSet set, GraphQLCompositeType type, long page, int nesting) {
        if (nesting > MAX_NESTING) {
            return Long.MAX_VALUE;
        }
        long sum = 0;
        for (Selection<?> selection : set.getSelections()) {
            if (!included((DirectivesContainer<?>) selection)) {
                continue;
            }
            long cost = switch (selection) {
                case Field field -> field(field, type, page, nesting);
                case InlineFragment inline -> selections(inline.getSelectionSet(), inline.getTypeCondition() == null
                        ? type : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName()), page, nesting + 1);
                case FragmentSpread spread -> fragment(spread.getName(), page, nesting);
                default -> 0;
            };
            sum = add(sum, cost);
        }
        return sum;
    }

    /** A fragment costs the same wherever it is spread (its page aside: only a connection's own fields see one). */
    private long fragment(String name, long page, int nesting) {
        FragmentDefinition definition = fragments.get(name);
        GraphQLCompositeType type = (GraphQLCompositeType) schema.getType(definition.getTypeCondition().getName());
        if (type != null && type.getName().endsWith("Connection")) {
            return selections(definition.getSelectionSet(), type, page, nesting + 1);
        }
        Long known = fragmentCosts.get(name);
        if (known == null) {
            known = selections(definition.getSelectionSet(), type, 0, nesting + 1);
            fragmentCosts.put(name, known);
        }
        return known;
    }

    private long field(Field field, GraphQLCompositeType parent, long page, int nesting) {
        if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
            return 0;
        }
        GraphQLFieldDefinition definition = Introspection.getFieldDef(schema, parent, field.getName());
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        boolean connection = type instanceof GraphQLCompositeType composite && composite.getName().endsWith("Connection");
        long items = connection ? size(field, definition, Page.DEFAULT_SIZE) : 0;
        long children = field.getSelectionSet() == null ? 0
                : selections(field.getSelectionSet(), (GraphQLCompositeType) type, items, nesting + 1);
        if (field.getName().startsWith("__") || parent.getName().startsWith("__")) {
            return add(1, children); // the schema in memory; graphql-java refuses repeated introspection itself
        }
        long size = 1;
        if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
            size = field.getName().equals("edges") && parent.getName().endsWith("Connection") ? page
                    : size(field, definition, ASSUMED_LIST_SIZE);
        }
        return add(weight(field, definition), multiply(size, children));
    }

    /**
     * {@code first} when given, up to {@value Page#MAX_SIZE}; or the {@code @listSize} size argument, up to the
     * assumed size; else the assumed size. A larger page is refused when the field runs (INVALID_PAGE): counted
     * at the maximum, the caller still learns that limit rather than this one.
     */
    private long size(Field field, GraphQLFieldDefinition definition, int otherwise) {
        Rule rule = rules.of(definition);
        int assumed = rule.assumedSize() > 0 ? rule.assumedSize() : otherwise;
        if (rule.sizeArgument() != null && value(field, definition, rule.sizeArgument()) instanceof Integer size) {
            return Math.clamp(size, 0, assumed);
        }
        if (value(field, definition, "first") instanceof Integer first) {
            return Math.clamp(first, 0, Page.MAX_SIZE);
        }
        return assumed;
    }

    /** 1, or the field's {@code @cost}: its weight, plus one per {@code characters} characters of an argument. */
    private long weight(Field field, GraphQLFieldDefinition definition) {
        Rule rule = rules.of(definition);
        long weight = rule.weight();
        if (rule.perCharactersOf() != null && value(field, definition, rule.perCharactersOf()) instanceof String text) {
            weight = add(weight, (text.length() + rule.characters() - 1) / rule.characters());
        }
        return weight;
    }

    /** An Int or String argument as given, from a variable, or its default; null otherwise. */
    private Object value(Field field, GraphQLFieldDefinition definition, String name) {
        GraphQLArgument argument = definition.getArgument(name);
        if (argument == null) {
            return null;
        }
        Value<?> literal = field.getArguments().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(Argument::getValue).orElse(null);
        if (literal == null) {
            Object fallback = argument.hasSetDefaultValue() ? argument.getArgumentDefaultValue().getValue() : null;
            return fallback instanceof Value<?> value ? literal(value) : fallback;
        }
        return literal(literal);
    }

    private Object literal(Value<?> value) {
        return switch (value) {
            case IntValue number -> number.getValue().bitLength() < 32 ? number.getValue().intValue()
                    : number.getValue().signum() * Integer.MAX_VALUE;
            case StringValue text -> text.getValue();
            case BooleanValue bool -> bool.isValue();
            case VariableReference variable -> variables.get(variable.getName());
            default -> null;
        };
    }

    /** {@code @skip(if:)} and {@code @include(if:)}. */
    private boolean included(DirectivesContainer<?> selection) {
        for (Directive directive : selection.getDirectives()) {
            boolean skip = directive.getName().equals("skip");
            if ((skip || directive.getName().equals("include")) && directive.getArgument("if") != null
                    && literal(directive.getArgument("if").getValue()) instanceof Boolean condition && condition == skip) {
                return false;
            }
        }
        return true;
    }

    /** What {@code @cost} and {@code @listSize} say of a field; fields without them cost 1 and hold the default. */
    record Rule(int weight, String perCharactersOf, int characters, int assumedSize, String sizeArgument) {

        static final Rule DEFAULT = new Rule(1, null, 1, 0, null);
    }

    /**
     * The schema's {@code @cost} and {@code @listSize}, read once: reading an applied directive's argument
     * converts its value each time, a few microseconds per field.
     */
    public static final class Rules {

        private final GraphQLSchema schema;
        private final Map<GraphQLFieldDefinition, Rule> byField = new IdentityHashMap<>();

        private Rules(GraphQLSchema schema) {
            this.schema = schema;
            for (GraphQLNamedType type : schema.getAllTypesAsList()) {
                if (type instanceof GraphQLFieldsContainer container) {
                    container.getFieldDefinitions().forEach(field -> rule(field).ifPresent(r -> byField.put(field, r)));
                }
            }
        }

        public static Rules of(GraphQLSchema schema) {
            return new Rules(schema);
        }

        GraphQLSchema schema() {
            return schema;
        }

        Rule of(GraphQLFieldDefinition field) {
            return byField.getOrDefault(field, Rule.DEFAULT);
        }

        private static Optional<Rule> rule(GraphQLFieldDefinition field) {
            GraphQLAppliedDirective cost = field.getAppliedDirective("cost");
            GraphQLAppliedDirective listSize = field.getAppliedDirective("listSize");
            if (cost == null && listSize == null) {
                return Optional.empty();
            }
            return Optional.of(new Rule(cost == null ? 1 : integer(cost, "weight", 1), text(cost, "perCharactersOf"),
                    cost == null ? 1 : Math.max(1, integer(cost, "characters", 100)),
                    listSize == null ? 0 : integer(listSize, "assumedSize", 0), text(listSize, "sizeArgument")));
        }

        private static int integer(GraphQLAppliedDirective directive, String name, int otherwise) {
            GraphQLAppliedDirectiveArgument argument = directive.getArgument(name);
            return argument != null && argument.getValue() instanceof Integer value ? value : otherwise;
        }

        private static String text(GraphQLAppliedDirective directive, String name) {
            GraphQLAppliedDirectiveArgument argument = directive == null ? null : directive.getArgument(name);
            return argument != null && argument.getValue() instanceof String value ? value : null;
        }
    }

    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
