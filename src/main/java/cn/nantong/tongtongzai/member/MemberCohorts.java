package cn.nantong.tongtongzai.member;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import cn.nantong.tongtongzai.platform.security.AnalystRelease;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.Pseudonyms;

/**
 * Members as analysts may see them (probe findings 6 and 7): grouped into cohorts by what others can know of a
 * person — the community they live in, gender and birth decade — and released only from cohorts of at least
 * {@link AnalystRelease#K}. One snapshot of the whole city, taken at most once a minute
 * ({@code tongtong.security.analyst-cohorts.fresh-for}): a member who joined since is not released until the next
 * one (it fails closed), and pseudonymous ids resolve through it.
 */
@Component
@EnableConfigurationProperties(AnalystCohortProperties.class)
class MemberCohorts implements AnalystRelease {

    private final MemberService members;
    private final Pseudonyms pseudonyms;
    private final Duration freshFor;
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, new Released(Map.of(), Set.of()));

    MemberCohorts(MemberService members, Pseudonyms pseudonyms, AnalystCohortProperties properties) {
        this.members = members;
        this.pseudonyms = pseudonyms;
        this.freshFor = properties.freshFor();
    }

    @Override
    public Released current() {
        Snapshot now = snapshot;
        if (now.taken().plus(freshFor).isAfter(Instant.now())) {
            return now.released();
        }
        synchronized (this) {
            if (snapshot == now) {
                snapshot = take();
            }
            return snapshot.released();
        }
    }

    private Snapshot take() {
        Instant taken = Instant.now();
        Map<String, String> byPseudonym = new HashMap<>();
        Set<String> released = new HashSet<>();
        for (List<String> cohort : members.cohorts()) {
            for (String id : cohort) {
                byPseudonym.put(pseudonyms.id(Kind.MEMBER, id), id);
            }
            if (cohort.size() >= K) {
                released.addAll(cohort);
            }
        }
        return new Snapshot(taken, new Released(Map.copyOf(byPseudonym), Set.copyOf(released)));
    }

    private record Snapshot(Instant taken, Released released) {
    }
}
