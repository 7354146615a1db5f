package cn.nantong.tongtongzai.platform.security;

import java.util.List;
import java.util.Set;

/**
 * Where a thing lies and whose it is: the streets, communities, grids, functional groups and units it belongs to,
 * the members and residents it is about, and the communities whose members may see it (published tasks and posts).
 * {@link #NOWHERE} for an id that does not exist.
 */
public record Place(Set<String> streets, Set<String> communities, Set<String> grids, Set<String> groups,
        Set<String> units, Set<String> members, Set<String> residents, Set<String> openTo) {

    public static final Place NOWHERE = new Place(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of());

    public Place {
        streets = Set.copyOf(streets);
        communities = Set.copyOf(communities);
        grids = Set.copyOf(grids);
        groups = Set.copyOf(groups);
        units = Set.copyOf(units);
        members = Set.copyOf(members);
        residents = Set.copyOf(residents);
        openTo = Set.copyOf(openTo);
    }

    static Place of(List<String> streets, List<String> communities, List<String> grids, List<String> groups,
            List<String> units, List<String> members, List<String> residents, List<String> openTo) {
        return new Place(Set.copyOf(streets), Set.copyOf(communities), Set.copyOf(grids), Set.copyOf(groups),
                Set.copyOf(units), Set.copyOf(members), Set.copyOf(residents), Set.copyOf(openTo));
    }

    /** Whether one of the actor's roles reaches this place with its scope ids. */
    public boolean reachableBy(Actor actor, Set<Role> allowed) {
        for (Role role : actor.roles()) {
            if (allowed.contains(role) && reachableAs(role, actor)) {
                return true;
            }
        }
        return false;
    }

    private boolean reachableAs(Role role, Actor actor) {
        return switch (role) {
            case CITY_ADMIN -> true;
            case STREET_ADMIN -> contains(streets, actor.streetId());
            case COMMUNITY_SECRETARY, FIRST_SECRETARY -> contains(communities, actor.communityId());
            case GRID_LEADER -> contains(grids, actor.gridId());
            case GROUP_LEADER -> contains(groups, actor.groupId());
            case UNIT_SECRETARY -> contains(units, actor.unitId());
            case MEMBER -> contains(members, actor.memberId()) || contains(openTo, actor.communityId());
            case RESIDENT -> contains(residents, actor.residentId());
            // analysts read aggregated figures, which are not places; see AccessPolicy
            case ANALYST -> false;
        };
    }

    private static boolean contains(Set<String> ids, String id) {
        return id != null && ids.contains(id);
    }
}
