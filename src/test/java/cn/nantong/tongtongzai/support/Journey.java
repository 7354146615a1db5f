package cn.nantong.tongtongzai.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.DemoUsers;
import cn.nantong.tongtongzai.platform.security.Role;

/**
 * One demo user's journey: GraphQL documents kept as files, run in name order. A file may start with comment
 * lines the runner reads:
 * <pre>
 * # as: community-secretary           another demo user takes this step (or: member $someMemberId)
 * # save: taskId = createTask.task.id  keep a value of the answer (a JsonPath under data) for later steps
 * # expect: publishTask.task.state = PUBLISHED
 * # expect: resident.toRate.edges[*].node.id contains $claimId      (also: excludes, exists, matches, >=, !=)
 * # until: matchingJob.status = COMPLETED   ask again (every second, a minute at most) until it holds
 * </pre>
 * A document's variables are filled by name from what the journey knows: the user's scope ids (memberId,
 * residentId, communityId, gridId, groupId, unitId, streetId), times around now in Nantong ({@code startsSoon}
 * in 30 minutes, {@code endsSoon} in 150, {@code startedAgo} 30 minutes ago, {@code endsLater} in 90), the
 * {@code year}, {@code quarter} and {@code today}, and every value saved so far.
 */
public final class Journey {

    private static final ZoneId NANTONG = ZoneId.of("Asia/Shanghai");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)\\s*:");
    private static final Pattern EXPECT = Pattern.compile("(\\S+)\\s+(=|!=|>=|contains|excludes|exists|matches)\\s*(.*)");

    /** One step: a file's document and what the runner reads from its comments. */
    public record Step(String name, String document, String as, Map<String, String> saves, List<String> expects,
            String until) {
    }

    private final String user;
    private final List<Step> steps;
    private final Map<String, Object> known = new LinkedHashMap<>();

    private Journey(String user, List<Step> steps) {
        this.user = user;
        this.steps = steps;
        Actor actor = demoUser(user);
        put("memberId", actor.memberId());
        put("residentId", actor.residentId());
        put("communityId", actor.communityId());
        put("gridId", actor.gridId());
        put("groupId", actor.groupId());
        put("unitId", actor.unitId());
        put("streetId", actor.streetId());
        OffsetDateTime now = OffsetDateTime.now(NANTONG).truncatedTo(ChronoUnit.MINUTES);
        put("startsSoon", now.plusMinutes(30).toString());
        put("endsSoon", now.plusMinutes(150).toString());
        put("startedAgo", now.minusMinutes(30).toString());
        put("endsLater", now.plusMinutes(90).toString());
        LocalDate today = now.toLocalDate();
        put("today", today.toString());
        put("year", today.getYear());
        put("quarter", today.getYear() + "-Q" + today.get(IsoFields.QUARTER_OF_YEAR));
    }

    /** The journey in {@code dir}, for the demo user named like the directory. */
    public static Journey of(String user, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return new Journey(user, files.filter(f -> f.toString().endsWith(".graphql")).sorted()
                    .map(Journey::step).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Step> steps() {
        return steps;
    }

    /** Who takes the step: the journey's user, or the one it names. */
    public Actor actor(Step step) {
        if (step.as() == null) {
            return demoUser(user);
        }
        String[] as = step.as().split("\\s+");
        if (as.length == 2 && as[0].equals("member")) {
            String memberId = String.valueOf(value(as[1]));
            return new Actor("journey-" + memberId, Set.of(Role.MEMBER), memberId, null, DemoUsers.COMMUNITY, null, null,
                    null, null, false);
        }
        return demoUser(as[0]);
    }

    /** The variables the step's document declares, from what the journey knows. */
    public Map<String, Object> variables(Step step) {
        Map<String, Object> variables = new HashMap<>();
        Matcher declared = VARIABLE.matcher(header(step.document()));
        while (declared.find()) {
            String name = declared.group(1);
            assertThat(known).as(step.name() + " needs $" + name).containsKey(name);
            variables.put(name, known.get(name));
        }
        return variables;
    }

    /** Whether the step's {@code until} condition holds in this answer (true when it has none). */
    public boolean done(Step step, GraphQlTester.Response response) {
        if (step.until() == null) {
            return true;
        }
        try {
            expect(step, step.until(), response);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** Checks the answer's expectations, then keeps the values the step saves. */
    public void check(Step step, GraphQlTester.Response response) {
        for (String expect : step.expects()) {
            expect(step, expect, response);
        }
        step.saves().forEach((name, path) -> put(name, response.path(path).entity(Object.class).get()));
    }

    private void expect(Step step, String expect, GraphQlTester.Response response) {
        {
            Matcher m = EXPECT.matcher(expect);
            assertThat(m.matches()).as(step.name() + ": cannot read expectation '" + expect + "'").isTrue();
            Object actual = response.path(m.group(1)).entity(Object.class).get();
            String what = step.name() + ": " + expect;
            String wanted = m.group(3).isBlank() ? null : String.valueOf(value(m.group(3).strip()));
            switch (m.group(2)) {
                case "=" -> assertThat(String.valueOf(actual)).as(what).isEqualTo(wanted);
                case "!=" -> assertThat(String.valueOf(actual)).as(what).isNotEqualTo(wanted);
                case ">=" -> assertThat(((Number) actual).doubleValue()).as(what).isGreaterThanOrEqualTo(Double.parseDouble(wanted));
                case "contains" -> assertThat(strings(actual)).as(what).contains(wanted);
                case "excludes" -> assertThat(strings(actual)).as(what).doesNotContain(wanted);
                case "matches" -> assertThat(strings(actual)).as(what).isNotEmpty().allMatch(s -> s.matches(wanted));
                default -> assertThat(actual instanceof Collection<?> c ? !c.isEmpty() : actual != null).as(what).isTrue();
            }
        }
    }

    private Object value(String token) {
        if (token.startsWith("$")) {
            String name = token.substring(1);
            assertThat(known).as("no saved value $" + name).containsKey(name);
            return known.get(name);
        }
        return token;
    }

    private void put(String name, Object value) {
        if (value != null) {
            known.put(name, value);
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static Actor demoUser(String name) {
        Actor actor = DemoUsers.all().get(name);
        assertThat(actor).as("demo user " + name).isNotNull();
        return actor;
    }

    /** The operation's header, up to its first brace: where its variables are declared. */
    private static String header(String document) {
        String code = String.join("\n", document.lines().filter(line -> !line.startsWith("#")).toList());
        int brace = code.indexOf('{');
        return brace < 0 ? code : code.substring(0, brace);
    }

    private static Step step(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String as = null;
        String until = null;
        Map<String, String> saves = new LinkedHashMap<>();
        List<String> expects = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("# as:")) {
                as = line.substring(5).strip();
            } else if (line.startsWith("# save:")) {
                String[] save = line.substring(7).split("=", 2);
                saves.put(save[0].strip(), save[1].strip());
            } else if (line.startsWith("# expect:")) {
                expects.add(line.substring(9).strip());
            } else if (line.startsWith("# until:")) {
                until = line.substring(8).strip();
            }
        }
        return new Step(file.getFileName().toString(), text, as, saves, expects, until);
    }
}
