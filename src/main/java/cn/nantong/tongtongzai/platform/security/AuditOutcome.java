package cn.nantong.tongtongzai.platform.security;

/** How an audited operation ended (enum AuditOutcome in graphql/security.graphqls). */
public enum AuditOutcome {
    OK,
    /** Refused for the caller's role or scope. */
    REFUSED,
    /** Tried and refused by the service, or failed. */
    FAILED
}
