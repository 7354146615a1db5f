package cn.nantong.tongtongzai.support;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.JwtProperties;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.platform.security.Tokens;

/** Bearer tokens signed with the test configuration's key (the demo secret), as the issuer would sign them. */
public final class TestTokens {

    public static final Tokens TOKENS = new Tokens(JwtProperties.DEMO_SECRET, "tongtongzai");

    private TestTokens() {
    }

    /** "Bearer …" for the actor, valid for an hour. */
    public static String bearer(Actor actor) {
        return "Bearer " + TOKENS.issue(actor, Duration.ofHours(1));
    }

    /** The city administrator (组织部) named {@code subject}: may do everything, sees phones masked. */
    public static Actor cityAdmin(String subject) {
        return new Actor(subject, Set.of(Role.CITY_ADMIN), null, null, null, null, null, null, null, true);
    }

    /** One role with the given scope ids. */
    public static Actor user(String subject, Role role, Scope scope) {
        return new Actor(subject, EnumSet.of(role), scope.member(), scope.resident(), scope.community(), scope.grid(),
                scope.group(), scope.unit(), scope.street(), false);
    }

    /** Scope ids of a test user; build with the static helpers. */
    public record Scope(String member, String resident, String community, String grid, String group, String unit,
            String street) {

        public static Scope none() {
            return new Scope(null, null, null, null, null, null, null);
        }

        public Scope member(String id) {
            return new Scope(id, resident, community, grid, group, unit, street);
        }

        public Scope resident(String id) {
            return new Scope(member, id, community, grid, group, unit, street);
        }

        public Scope community(String id) {
            return new Scope(member, resident, id, grid, group, unit, street);
        }

        public Scope grid(String id) {
            return new Scope(member, resident, community, id, group, unit, street);
        }

        public Scope group(String id) {
            return new Scope(member, resident, community, grid, id, unit, street);
        }

        public Scope unit(String id) {
            return new Scope(member, resident, community, grid, group, id, street);
        }

        public Scope street(String id) {
            return new Scope(member, resident, community, grid, group, unit, id);
        }
    }
}
