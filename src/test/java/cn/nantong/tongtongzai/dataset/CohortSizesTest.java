package cn.nantong.tongtongzai.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.platform.security.AnalystRelease;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * What k-anonymity holds on the demo and city data sets (probe finding 7, docs/security.md): how many members sit in
 * cohorts smaller than k for what an acquaintance may know of them. It prints the table the docs quote and holds the
 * docs' two claims: the exact birth year singles most members out, the birth decade leaves few suppressed.
 */
class CohortSizesTest extends IntegrationTest {

    @Autowired
    DatasetLoader loader;

    @Test
    void theBirthDecadeKeepsCohortsOfFiveWhereTheBirthYearDoesNot() {
        for (Scale scale : List.of(Scale.DEMO, Scale.CITY)) {
            List<Map<String, Object>> members = loader.generate(scale).stream().filter(set -> set.name().equals("members"))
                    .findFirst().orElseThrow().rows();
            Map<String, Function<Map<String, Object>, Object>> knowledge = Map.of(
                    "community, gender, birth year", m -> List.of(community(m), m.get("gender"), m.get("birthYear")),
                    "community, gender, birth decade (released)", m -> List.of(community(m), m.get("gender"),
                            (Integer) m.get("birthYear") / 10),
                    "community, gender, birth decade, skills", m -> List.of(community(m), m.get("gender"),
                            (Integer) m.get("birthYear") / 10, skills(m)));
            Map<String, Double> suppressed = new HashMap<>();
            knowledge.forEach((what, key) -> {
                Map<Object, Integer> sizes = new HashMap<>();
                members.forEach(m -> sizes.merge(key.apply(m), 1, Integer::sum));
                long small = members.stream().filter(m -> sizes.get(key.apply(m)) < AnalystRelease.K).count();
                suppressed.put(what, 100.0 * small / members.size());
                System.out.printf("%s: %,d members; %s: %,d in cohorts under %d (%.1f %%)%n", scale.name(), members.size(),
                        what, small, AnalystRelease.K, 100.0 * small / members.size());
            });
            assertThat(suppressed.get("community, gender, birth year")).as(scale.name()).isGreaterThan(50);
            assertThat(suppressed.get("community, gender, birth decade, skills")).as(scale.name()).isGreaterThan(50);
            assertThat(suppressed.get("community, gender, birth decade (released)")).as(scale.name()).isLessThan(10);
        }
    }

    private static String community(Map<String, Object> member) {
        String home = (String) member.get("microGridId");
        return home.substring(0, home.indexOf('-'));
    }

    private static List<Object> skills(Map<String, Object> member) {
        return ((List<?>) member.get("skills")).stream().map(s -> ((Map<?, ?>) s).get("id")).sorted().map(Object.class::cast)
                .toList();
    }
}
