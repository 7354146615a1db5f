package cn.nantong.tongtongzai.platform.security;

/** What an audit entry records (enum AuditKind in graphql/security.graphqls). */
public enum AuditKind {
    /** A mutation, whatever its outcome. */
    MUTATION,
    /** Full personal data (phone numbers) shown. */
    READ,
    /** A read refused for the caller's role or scope. */
    REFUSED,
    /** An Excel file with people in it downloaded or uploaded. */
    EXPORT
}
