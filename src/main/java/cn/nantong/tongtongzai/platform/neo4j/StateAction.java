package cn.nantong.tongtongzai.platform.neo4j;

/** What a {@link StateChanges} entry records was done (enum StateAction in graphql/platform.graphqls). */
public enum StateAction {
    // requests (居民点单)
    SUBMIT, ACCEPT, MERGE, REJECT, RESOLVE, REOPEN,
    // tasks (社区下单) and standing posts
    CREATE, UPDATE, PUBLISH, START, COMPLETE, CLOSE_EVALUATION, CANCEL, ACTIVATE, DEACTIVATE,
    // claims (接单)
    CLAIM, WITHDRAW, TASK_CANCELLED,
    // service records (服务时长)
    CHECK_IN, CHECK_OUT, AUTO_CLOSE, CORRECT_HOURS,
    // interviews (约谈)
    COMPLETE_FOLLOW_UP
}
