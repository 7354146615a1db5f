package cn.nantong.tongtongzai.platform.security;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of the audit log.
 *
 * @param kind      MUTATION (every attempt, whatever its outcome), READ (full personal data shown), REFUSED (a
 *                  read refused), EXPORT (an Excel file of personal data downloaded or uploaded)
 * @param operation the GraphQL field ({@code claimTask}, {@code Member.phone}) or the HTTP path
 * @param targets   what it was about, as KIND:id ({@code TASK:T1}, {@code MEMBER:M000001})
 * @param outcome   OK, REFUSED or FAILED
 * @param code      the error code when not OK
 * @param requestId the GraphQL request's id, to match the service's own logs
 * @param client    the caller's address
 */
public record AuditEntry(String id, OffsetDateTime at, String actor, List<String> roles, AuditKind kind, String operation,
        List<String> targets, AuditOutcome outcome, String code, String requestId, String client) {
}
