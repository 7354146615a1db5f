package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Which feature may write which labels, checked in the Cypher of the sources: every node a statement creates or
 * merges, and every node it sets, removes or deletes through a variable it bound with a label, must belong to the
 * feature whose package holds the statement. The data set generator writes whole graphs and may write any label.
 * A heuristic, not a parser: a node reached without a label in the statement (bound by UNWIND, or matched without
 * one) is not seen — but every writer here names the labels it changes.
 */
class CypherOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/cn/nantong/tongtongzai");

    /** label → the features that may write it (besides dataset). */
    private static final Map<String, Set<String>> WRITERS = new HashMap<>();

    static {
        owns("organization", "Street", "Community", "CommunityCommittee", "GeneralBranch", "GridBranch", "PartyGroup",
                "MicroGrid", "Grid", "Compound", "FunctionalBranch", "FunctionalGroup");
        owns("member", "Member", "Registration", "Unit", "PartyOrg", "Resident", "OwnersCommittee", "PropertyCompany");
        owns("request", "Request");
        owns("task", "Task", "Claim", "TeamClaim", "ServiceRecord", "ServicePost", "CodeAttempts");
        owns("evaluation", "Evaluation", "Interview", "NegativeListEntry", "JointMeeting", "MeetingProblem", "UnitFeedback");
        owns("notification", "Notification");
        owns("knowledge", "Keyword", "ClassificationCorrection");
        owns("platform", "AuditEntry", "DownloadLink", "StateChange", "SchemaMigration", "SchemaMigrationLock");
        owns("dataset", "DatasetLoad");
        // the classifier writes its reading onto the request (its category, skills and confidence), and the
        // skills it infers from a member's profile onto the member: both are knowledge's fields on another's node
        WRITERS.get("Request").add("knowledge");
        WRITERS.get("Member").add("knowledge");
    }

    private static final Pattern CREATED = Pattern.compile("\\b(CREATE|MERGE)\\b(?!\\s+(?:CONSTRAINT|INDEX|FULLTEXT|OR REPLACE))([^\\n]*)");
    private static final Pattern LABELLED = Pattern.compile("\\((\\w*):(\\w+)");
    /** A SET or REMOVE clause, up to the next clause, and a DELETE's variables. */
    private static final Pattern CLAUSE = Pattern.compile("\\b(SET|REMOVE)\\b(.*?)(?=\\n\\s*(?:MATCH|OPTIONAL|WITH|RETURN|CREATE|MERGE"
            + "|CALL|FOREACH|UNWIND|DELETE|DETACH|SET|REMOVE|WHERE|ORDER|LIMIT|[})])|$)|\\bDELETE\\s+(\\w+)", Pattern.DOTALL);
    /** The targets of a SET or REMOVE clause: {@code x.p =}, {@code x.p +=}, {@code x:Label}, {@code x.p} after REMOVE. */
    private static final Pattern TARGET = Pattern.compile("(?:^|,)\\s*(\\w+)(?:\\.\\w+\\s*\\+?=|:\\w+|\\.\\w+\\s*(?:,|$))");

    @Test
    void eachFeatureWritesOnlyItsOwnLabels() throws IOException {
        List<String> trespasses = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = SOURCES.relativize(file).getName(0).toString();
                if (feature.endsWith(".java") || feature.equals("dataset")) {
                    continue;
                }
                for (String statement : statements(Files.readString(file))) {
                    for (String label : written(statement)) {
                        seen.add(label);
                        if (!WRITERS.getOrDefault(label, Set.of()).contains(feature)) {
                            trespasses.add(feature + " writes :" + label + " in " + SOURCES.relativize(file));
                        }
                    }
                }
            }
        }
        assertThat(trespasses).as("a feature writes another feature's label; let the owner do it (an event "
                + "heard in the same transaction), or declare the shared field here with the reason").isEmpty();
        assertThat(seen).as("the check sees the writers").contains("Task", "Request", "Member", "StateChange", "Claim");
    }

    /** The labels a statement creates or merges, or changes through a variable it bound with a label. */
    static Set<String> written(String statement) {
        Set<String> labels = new TreeSet<>();
        Map<String, String> bound = new HashMap<>();
        Matcher binding = LABELLED.matcher(statement);
        while (binding.find()) {
            if (!binding.group(1).isEmpty()) {
                bound.putIfAbsent(binding.group(1), binding.group(2));
            }
        }
        Matcher created = CREATED.matcher(statement);
        while (created.find()) {
            Matcher node = LABELLED.matcher(created.group(2));
            while (node.find()) {
                labels.add(node.group(2));
            }
        }
        Matcher clause = CLAUSE.matcher(statement);
        while (clause.find()) {
            List<String> variables = new ArrayList<>();
            if (clause.group(3) != null) {
                variables.add(clause.group(3));
            } else {
                Matcher target = TARGET.matcher(clause.group(2).strip());
                while (target.find()) {
                    variables.add(target.group(1));
                }
            }
            variables.stream().filter(bound::containsKey).map(bound::get).forEach(labels::add);
        }
        return labels;
    }

    /** Text blocks and one-line string literals: the Cypher statements of a source file, and other strings. */
    private static List<String> statements(String source) {
        List<String> statements = new ArrayList<>();
        Matcher block = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL).matcher(source);
        while (block.find()) {
            statements.add(block.group(1));
        }
        Matcher line = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(block.replaceAll(""));
        while (line.find()) {
            statements.add(line.group(1));
        }
        return statements;
    }

    private static void owns(String feature, String... labels) {
        for (String label : labels) {
            WRITERS.computeIfAbsent(label, k -> new java.util.HashSet<>()).add(feature);
        }
    }

    @Test
    void theHeuristicSeesAWriteThroughAnotherFeaturesLabel() {
        assertThat(written("""
                MATCH (t:Task {id: $id})<-[s:SERVED_BY]-(r:Request {state: 'ACCEPTED'})
                SET r.state = 'SUBMITTED'
                DELETE s""")).containsExactly("Request");
        assertThat(written("MATCH (m:Member {id: $id}) CREATE (m)-[:MADE]->(c:Claim {id: $id})")).containsExactly("Claim");
        assertThat(written("MATCH (m:Member {id: $id}) RETURN m.name")).isEmpty();
        assertThat(written("MATCH (t:Task) WITH t.kind AS kind, t.state = 'CANCELLED' AS cancelled RETURN kind")).isEmpty();
        assertThat(written("""
                MATCH (sr:ServiceRecord {id: $id}), (t:Task {id: $task})
                SET sr.checkOutAt = closedAt,
                    sr.minutes = CASE WHEN t.endsAt > closedAt THEN 1 ELSE 0 END
                REMOVE sr.openKey""")).containsExactly("ServiceRecord");
    }
}
