package cn.nantong.tongtongzai.platform.security;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

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
            trail.append(actor, null, null, List.of(new AuditEvents.Event("EXPORT", operation, targets, "OK", null)));
        }
    }

    /** Whether one of these roles of the actor reaches the thing (see {@link Access#reaches}). */
    public boolean reaches(Actor actor, Set<Role> roles, Kind kind, String id) {
        return access.reaches(actor, roles, kind, id);
    }

    private void refuse(Actor actor, String operation, String target, AccessRefusedException refusal) {
        trail.append(actor, null, null, List.of(new AuditEvents.Event("REFUSED", operation,
                target.isEmpty() ? List.of() : List.of(target.split(",")), "REFUSED", refusal.code())));
        throw refusal;
    }
}
