package cn.nantong.tongtongzai.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user per role over the demo data (城东街道, 德民社区), for the {@code token} command and the README. The ids
 * are the generated demo data's (it is deterministic); {@code DemoUsersTest} loads the demo data and checks each.
 */
public final class DemoUsers {

    public static final String STREET = "320613001";
    public static final String COMMUNITY = "320613001001";

    private DemoUsers() {
    }

    /** By short name: the user's claims. */
    public static Map<String, Actor> all() {
        return Map.ofEntries(
                Map.entry("resident", user("demo-resident", Role.RESIDENT, null, "R000468", COMMUNITY, null, null, null, null)),
                Map.entry("member", user("demo-member", Role.MEMBER, "M000209", null, COMMUNITY, null, null, null, null)),
                // lives in 德民社区 and has not registered there yet: the member's first day (双报到) starts here
                Map.entry("newcomer", user("demo-newcomer", Role.MEMBER, "M000022", null, COMMUNITY, null, null, null, null)),
                Map.entry("grid-leader", user("demo-grid-leader", Role.GRID_LEADER, "M000080", null, COMMUNITY,
                        COMMUNITY + "-W01", null, null, null)),
                Map.entry("group-leader", user("demo-group-leader", Role.GROUP_LEADER, "M000080", null, COMMUNITY, null,
                        COMMUNITY + "-GN1", null, null)),
                Map.entry("community-secretary", user("demo-community-secretary", Role.COMMUNITY_SECRETARY, null, null,
                        COMMUNITY, null, null, null, null)),
                Map.entry("first-secretary", user("demo-first-secretary", Role.FIRST_SECRETARY, "M000001", null,
                        COMMUNITY, null, null, null, null)),
                Map.entry("unit-secretary", user("demo-unit-secretary", Role.UNIT_SECRETARY, null, null, null, null, null,
                        "U0004", null)),
                Map.entry("street-admin", user("demo-street-admin", Role.STREET_ADMIN, null, null, null, null, null, null,
                        STREET)),
                Map.entry("city-admin", user("demo-city-admin", Role.CITY_ADMIN, null, null, null, null, null, null, null)),
                Map.entry("analyst", user("demo-analyst", Role.ANALYST, null, null, null, null, null, null, null)));
    }

    /** Short names in the order the README lists them. */
    public static final List<String> NAMES = List.of("resident", "member", "newcomer", "grid-leader", "group-leader",
            "community-secretary", "first-secretary", "unit-secretary", "street-admin", "city-admin", "analyst");

    /** A token for each demo user, in {@link #NAMES} order, signed by {@code tokens}. */
    public static List<DemoToken> tokens(Tokens tokens, Duration lifetime) {
        Map<String, Actor> users = all();
        return NAMES.stream().map(name -> {
            Actor user = users.get(name);
            Role role = user.roles().iterator().next();
            return new DemoToken(name, role, role.label(), tokens.issue(user, lifetime));
        }).toList();
    }

    private static Actor user(String id, Role role, String member, String resident, String community, String grid,
            String group, String unit, String street) {
        return new Actor(id, Set.of(role), member, resident, community, grid, group, unit, street, false);
    }
}
