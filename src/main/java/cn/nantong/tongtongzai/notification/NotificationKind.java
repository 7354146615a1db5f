package cn.nantong.tongtongzai.notification;

/** What a notification tells its person; the same names in graphql/notification.graphqls. */
public enum NotificationKind {
    /** 新任务: a task for individual members was published in the member's community and fits them. */
    TASK_PUBLISHED,
    /** 任务派给党组织: a team task (every emergency) was published to a branch or group the member leads. */
    TEAM_TASK_OFFERED,
    /** 已为您安排任务: a secretary assigned the member, or accepted a matching proposal for them. */
    TASK_ASSIGNED,
    /** 组团认领: the member's branch or group claimed a team task; the member may confirm. */
    TEAM_CLAIMED,
    /** 认领的任务已取消: a task the member held a seat on was cancelled. */
    TASK_CANCELLED,
    /** 报到已确认. */
    REGISTRATION_CONFIRMED,
    /** 报到被驳回, with the reason. */
    REGISTRATION_REJECTED,
    /** 需求已受理: a task serves the resident's request. */
    REQUEST_ACCEPTED,
    /** 需求已合并: handled with another resident's request about the same problem. */
    REQUEST_MERGED,
    /** 需求被驳回, with the reason. */
    REQUEST_REJECTED,
    /** 需求已解决: its task was completed. */
    REQUEST_RESOLVED,
    /** 需求退回重新安排: its task was cancelled. */
    REQUEST_REOPENED
}
