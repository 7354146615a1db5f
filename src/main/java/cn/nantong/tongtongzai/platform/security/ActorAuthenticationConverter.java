package cn.nantong.tongtongzai.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads the {@link Actor} from a verified token's claims; a token with no known role is refused (401). */
final class ActorAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ACTOR = "tongtongzai.actor";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Actor actor = actor(jwt);
        var authorities = actor.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
        var token = new JwtAuthenticationToken(jwt, authorities, actor.id());
        token.setDetails(actor);
        return token;
    }

    static Actor actor(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(jwt.getClaim("roles"))) {
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(name)) {
                    roles.add(role);
                }
            }
        }
        String subject = jwt.getSubject();
        if (roles.isEmpty() || subject == null || subject.isBlank() || subject.length() > 64) {
            throw new InvalidBearerTokenException("The token names no known role or has no subject.");
        }
        return new Actor(subject, roles, text(jwt, "member_id"), text(jwt, "resident_id"), text(jwt, "community_id"),
                text(jwt, "grid_id"), text(jwt, "group_id"), text(jwt, "unit_id"), text(jwt, "street_id"),
                strings(jwt.getClaim("grants")).contains("NAMES"));
    }

    private static String text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }
}
