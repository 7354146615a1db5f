package cn.nantong.tongtongzai.platform.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who performs a request: the token's subject, roles and scope ids. Recorded with every state change ("who and
 * when") and checked by {@link Access} before anything is read or written. Controllers receive it as
 * {@code @ContextValue Actor actor}.
 *
 * @param id          the token's subject ({@code sub})
 * @param roles       the token's {@code roles}
 * @param memberId    {@code member_id}: the member the user is (members, leaders and secretaries who are members)
 * @param residentId  {@code resident_id}: the resident the user is
 * @param communityId {@code community_id}: the community a secretary acts for, or a member serves
 * @param gridId      {@code grid_id}: a grid leader's grid
 * @param groupId     {@code group_id}: a functional-group leader's group
 * @param unitId      {@code unit_id}: a unit secretary's unit
 * @param streetId    {@code street_id}: a street admin's street
 * @param namesGranted {@code grants} contains {@code NAMES}: an analyst may see names
 */
public record Actor(String id, Set<Role> roles, String memberId, String residentId, String communityId,
        String gridId, String groupId, String unitId, String streetId, boolean namesGranted) {

    /** Scheduled work inside the service (automatic check-outs, start-up backfills). */
    public static final Actor SYSTEM = new Actor("system", Set.of(Role.CITY_ADMIN), null, null, null, null, null,
            null, null, true);

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** The actor of an authenticated request; refused when there is none. */
    public static Actor of(Authentication authentication) {
        if (authentication != null && authentication.getDetails() instanceof Actor actor) {
            return actor;
        }
        throw AccessRefusedException.forbidden("匿名访问");
    }

    /** The actor of the request this thread serves. */
    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    public boolean isCityAdmin() {
        return has(Role.CITY_ADMIN);
    }
}
