package cn.nantong.tongtongzai.platform.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which members analysts may see, and who a pseudonymous id stands for (probe findings 6 and 7). Implemented by the
 * member feature, which owns the Cypher of members; {@link AnalystView} applies it to every field.
 */
public interface AnalystRelease {

    /** The size under which a cohort is suppressed: analysts see no member whose cohort is smaller. */
    int K = 5;

    /** The members released now (a request reads one snapshot throughout). */
    Released current();

    /**
     * @param byPseudonym every member, by pseudonymous id
     * @param released    the ids of the members analysts may see
     */
    record Released(Map<String, String> byPseudonym, Set<String> released) {

        /** The member a pseudonymous id ({@code P-…}) stands for, when that member is released to analysts. */
        public Optional<String> memberOf(String pseudonymousId) {
            return Optional.ofNullable(byPseudonym.get(pseudonymousId)).filter(released::contains);
        }

        public boolean isReleased(String memberId) {
            return released.contains(memberId);
        }
    }
}
