package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import org.junit.jupiter.api.Test;

/**
 * Walks the schema from every query anyone signed in may ask without naming a thing (about, streets, community,
 * unit …) and follows every field without an access rule: no such path may reach a type that holds personal data
 * about someone. Members and residents may be reached — all their fields but id and name have a rule. A new field
 * that opens such a path fails this test until it gets a rule in AccessPolicy.
 */
class AccessPolicyCoverageTest {

    /** Types whose objects say what someone did, asked or was rated. */
    private static final Set<String> PERSONAL = Set.of("Request", "Task", "Claim", "TeamClaim", "ServiceRecord",
            "Registration", "Evaluation", "NegativeListEntry", "MemberStanding", "ReportBackRow", "JointMeeting",
            "MeetingProblem", "MatchingJob", "Proposal", "TeamProposal", "Recommendation", "CapabilityGapReport",
            "SkillGap", "Invitation", "AuditEntry", "CommunitySummary", "MemberSkill", "StateChange", "Interview",
            "UnitFeedback");

    /** Open roots that return such types on purpose, and why that is safe. */
    private static final Map<String, String> REVIEWED = Map.of(
            "Query.matchingJobs", "MatchingController keeps only the jobs of places the caller runs",
            "Query.notifications", "NotificationController reads only the caller's own inbox (from the token); a "
                    + "notification links to what was sent to that person, whose own fields keep their rules");

    @Test
    void noOpenQueryLeadsToPersonalDataThroughAnUnguardedField() throws IOException {
        Map<String, Map<String, String>> fields = fieldsByType();
        List<String> leaks = new ArrayList<>();
        for (var root : fields.get("Query").entrySet()) {
            Rule rule = AccessPolicy.ruleFor("Query", root.getKey());
            assertThat(rule).as("Query." + root.getKey() + " has a rule").isNotNull();
            boolean open = rule.targets().isEmpty() && rule.roles().size() > 1;
            if (!open || REVIEWED.containsKey("Query." + root.getKey())) {
                continue;
            }
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.add(List.of("Query." + root.getKey(), root.getValue()));
            Set<String> seen = new HashSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.poll();
                String type = path.getLast();
                if (PERSONAL.contains(type)) {
                    leaks.add(String.join(" → ", path));
                    continue;
                }
                if (!seen.add(type) || !fields.containsKey(type)) {
                    continue;
                }
                for (var field : fields.get(type).entrySet()) {
                    if (AccessPolicy.ruleFor(type, field.getKey()) == null) {
                        List<String> next = new ArrayList<>(path.subList(0, path.size() - 1));
                        next.add(type + "." + field.getKey());
                        next.add(field.getValue());
                        paths.add(next);
                    }
                }
            }
        }
        assertThat(leaks).as("paths from open queries to personal data without an access rule").isEmpty();
    }

    /** Type → field → the type it returns (a connection counts as its node type). */
    private static Map<String, Map<String, String>> fieldsByType() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("graphql"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        Map<String, Map<String, String>> fields = new HashMap<>();
        registry.types().values().forEach(definition -> {
            if (definition instanceof ObjectTypeDefinition object) {
                add(fields, object.getName(), object.getFieldDefinitions());
            } else if (definition instanceof InterfaceTypeDefinition contract) {
                add(fields, contract.getName(), contract.getFieldDefinitions());
            }
        });
        registry.objectTypeExtensions().forEach((name, extensions) ->
                extensions.forEach(extension -> add(fields, name, extension.getFieldDefinitions())));
        return fields;
    }

    private static void add(Map<String, Map<String, String>> fields, String type, List<FieldDefinition> definitions) {
        Map<String, String> byName = fields.computeIfAbsent(type, t -> new HashMap<>());
        for (FieldDefinition definition : definitions) {
            String returned = name(definition.getType());
            byName.put(definition.getName(), returned.endsWith("Connection")
                    ? returned.substring(0, returned.length() - "Connection".length()) : returned);
        }
    }

    private static String name(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return name(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return name(list.getType());
        }
        return ((TypeName) type).getName();
    }
}
