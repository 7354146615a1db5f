package cn.nantong.tongtongzai.platform.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Access checks for the plain HTTP endpoints beside GraphQL (Excel downloads and uploads): the same places and
 * roles as {@link AccessPolicy}, refusals and files of people written to the audit log.
 */
@Component
public class HttpAccess {

    private final Access access;
    private final AuditTrail trail;

    HttpAccess(Access access, AuditTrail trail) {
        this.access = access;
        this.trail = trail;
    }

    /** The signed-in caller. */
    public Actor actor() {
        return Actor.current();
    }

    /** One of these roles must reach the thing; {@code people}: the file names people (audited). */
    public void require(Actor actor, String operation, Set<Role> roles, Kind kind, String id, boolean people) {
        if (!actor.hasAny(roles)) {
            refuse(actor, operation, kind + ":" + id, AccessRefusedException.forbidden("下载或上传这个文件"));
        }
        decide(actor, operation, List.of(kind + ":" + id), access.reaches(actor, roles, kind, id), people);
    }

    /** For checks {@link #require} cannot express (several optional targets): the caller decided {@code allowed}. */
    public void decide(Actor actor, String operation, List<String> targets, boolean allowed, boolean people) {
        if (!allowed) {
            refuse(actor, operation, String.join(",", targets), AccessRefusedException.notFound());
        }
        if (people) {
            Origin origin = Origin.current();
            trail.append(actor, origin.requestId(), origin.client(),
                    List.of(new AuditEvents.Event(AuditKind.EXPORT, operation, targets, AuditOutcome.OK, null)));
        }
    }

    /** Whether one of these roles of the actor reaches the thing (see {@link Access#reaches}). */
    public boolean reaches(Actor actor, Set<Role> roles, Kind kind, String id) {
        return access.reaches(actor, roles, kind, id);
    }

    /**
     * The request an audit entry comes from, as for GraphQL requests (probe finding 11): an id of its own, also sent
     * back as {@code X-Request-Id} so a user can quote it, and the client's address.
     */
    record Origin(String requestId, String client) {

        static final String HEADER = "X-Request-Id";

        static Origin current() {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return new Origin(null, null);
            }
            HttpServletRequest request = attributes.getRequest();
            String id = request.getAttribute(HEADER) instanceof String given ? given : null;
            if (id == null) {
                id = UUID.randomUUID().toString();
                request.setAttribute(HEADER, id);
                if (attributes.getResponse() != null) {
                    attributes.getResponse().setHeader(HEADER, id);
                }
            }
            return new Origin(id, request.getRemoteAddr());
        }
    }

    private void refuse(Actor actor, String operation, String target, AccessRefusedException refusal) {
        Origin origin = Origin.current();
        trail.append(actor, origin.requestId(), origin.client(), List.of(new AuditEvents.Event(AuditKind.REFUSED, operation,
                target.isEmpty() ? List.of() : List.of(target.split(",")), AuditOutcome.REFUSED, refusal.code().name())));
        throw refusal;
    }
}
