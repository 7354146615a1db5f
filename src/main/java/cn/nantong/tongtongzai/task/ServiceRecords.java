package cn.nantong.tongtongzai.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * 服务时长: members check in and out of a claimed task (or a standing post) with the organiser's
 * verification code — there are no self-declared hours. The code is checked last, within the limits of
 * {@link CodeAttempts}; a post's code changes daily ({@link PostCodes}). Hours count only inside the task's window; a
 * forgotten check-out is closed at the end of the window and flagged. A secretary may correct hours
 * with a reason, and the correction is kept in the record's history.
 */
@Service
public class ServiceRecords {

    /** Check-in opens this long before a task starts (members arrive early). */
    static final Duration EARLY_CHECK_IN = Duration.ofHours(1);
    /** A session at a standing post counts at most this long; a forgotten one closes after it. */
    static final Duration POST_SESSION = Duration.ofHours(4);

    /**
     * Cypher, after a WITH binding {@code sr} (an open record), {@code t} (its task; null at a standing post) and
     * {@code closedAt}: closes the record then, counting the minutes from check-in or the task's start, whichever
     * is later — the one rule for service minutes, whoever closes the record.
     */
    static final String CLOSE = """
            WITH sr, closedAt, CASE WHEN t IS NOT NULL AND t.startsAt > sr.checkInAt THEN t.startsAt ELSE sr.checkInAt END AS countedFrom
            SET sr.checkOutAt = closedAt,
                sr.minutes = CASE WHEN closedAt > countedFrom THEN duration.inSeconds(countedFrom, closedAt).seconds / 60 ELSE 0 END
            REMOVE sr.openKey
            """;

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final TaskWriter taskWriter;
    private final TaskService tasks;
    private final StateChanges history;
    private final CodeAttempts attempts;
    private final PostCodes postCodes;

    ServiceRecords(Neo4jClient neo4j, WriteTransactions transactions, TaskWriter taskWriter, TaskService tasks,
            StateChanges history, CodeAttempts attempts, PostCodes postCodes) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.taskWriter = taskWriter;
        this.tasks = tasks;
        this.history = history;
        this.attempts = attempts;
        this.postCodes = postCodes;
    }

    public ServiceRecord checkIn(String claimId, String code, Actor actor) {
        try {
            return transactions.execute(status -> {
                Task task = taskWriter.lock(existingClaim(claimId).taskId());
                activeClaim(claimId); // read again under the task's lock: a withdrawal may have come first
                if (!"PUBLISHED".equals(task.state()) && !"IN_PROGRESS".equals(task.state())) {
                    throw new UserInputException(ErrorCode.TASK_NOT_IN_SERVICE, "任务"
                            + TaskWriter.STATE_NAMES.getOrDefault(task.state(), task.state()) + "，不能签到。");
                }
                OffsetDateTime now = OffsetDateTime.now();
                if (now.isBefore(task.startsAt().minus(EARLY_CHECK_IN))
                        || !now.isBefore(task.endsAt())) {
                    throw new UserInputException(ErrorCode.OUTSIDE_TASK_WINDOW, "不在任务时间内（开始前1小时起可签到）。");
                }
                if (open(claimId) != null) {
                    throw new UserInputException(ErrorCode.ALREADY_CHECKED_IN, "已签到，请先签退。");
                }
                // the code last, within the limits: nothing before it depends on the code (probe finding 3)
                attempts.verify(CodeAttempts.claim(claimId), actor, same(task.verificationCode(), code));
                taskWriter.startOnFirstCheckIn(task, actor);
                String id = "SR-" + UUID.randomUUID();
                neo4j.query("""
                        MATCH (c:Claim {id: $claimId})<-[:MADE]-(m:Member)
                        CREATE (m)-[:SERVED]->(sr:ServiceRecord {id: $id, checkInAt: datetime(), openKey: $claimId})
                        CREATE (sr)-[:FOR_CLAIM]->(c)""").bindAll(Map.of("claimId", claimId, "id", id)).run();
                history.record("ServiceRecord", id, StateAction.CHECK_IN, null, "OPEN", actor.id(), null);
                return tasks.record(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw new UserInputException(ErrorCode.ALREADY_CHECKED_IN, "已签到，请先签退。");
        }
    }

    /** Closes the open record; the hours counted lie inside the task's window. */
    public ServiceRecord checkOut(String claimId, String code, Actor actor) {
        return transactions.execute(status -> {
            Claim claim = existingClaim(claimId);
            Task task = taskWriter.lock(claim.taskId());
            // the open record first: without one, checkOut must not tell whether a code is right (probe finding 3)
            String id = lockOpen(claimId);
            if (id == null) {
                throw new UserInputException(ErrorCode.NOT_CHECKED_IN, "尚未签到，不能签退。");
            }
            attempts.verify(CodeAttempts.claim(claimId), actor, same(task.verificationCode(), code));
            neo4j.query("""
                    MATCH (sr:ServiceRecord {id: $id})-[:FOR_CLAIM]->(:Claim)-[:FOR_TASK]->(t:Task)
                    WITH sr, t, CASE WHEN datetime() < t.endsAt THEN datetime() ELSE t.endsAt END AS closedAt
                    """ + CLOSE).bind(id).to("id").run();
            history.record("ServiceRecord", id, StateAction.CHECK_OUT, "OPEN", "CLOSED", actor.id(), null);
            return tasks.record(id).orElseThrow();
        });
    }

    /** A secretary corrects the hours of a closed record, with a reason; the old value stays in its history. */
    public ServiceRecord correct(String recordId, Double hours, String reason, Actor actor) {
        String why = reason == null ? "" : reason.strip();
        new Validation()
                .require(hours != null && hours >= 0 && hours <= 24, "hours", ErrorCode.INVALID_HOURS, "时长须在0至24小时之间。")
                .require(why.length() >= 2 && why.length() <= 200 && why.chars().noneMatch(Character::isISOControl),
                        "reason", ErrorCode.INVALID_REASON, "更正理由须为2至200个字符。")
                .throwIfInvalid();
        return transactions.execute(status -> {
            Map<String, Object> row = neo4j.query("""
                    MATCH (sr:ServiceRecord {id: $id})
                    """ + RowLocks.lock("sr") + """
                    RETURN sr.minutes AS minutes, sr.openKey IS NOT NULL AS open,
                           COLLECT { MATCH (sr)-[:FOR_CLAIM]->(:Claim)-[:FOR_TASK]->(t:Task)
                                     RETURN duration.inSeconds(t.startsAt, t.endsAt).seconds / 60 }[0] AS windowMinutes""")
                    .bind(recordId == null ? "" : recordId).to("id").fetch().one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.RECORD_NOT_FOUND, "找不到该服务记录。"));
            if (Values.bool(row, "open")) {
                throw new UserInputException(ErrorCode.RECORD_OPEN, "该记录尚未签退，不能更正。");
            }
            int minutes = (int) Math.round(hours * 60);
            Integer window = Values.optionalInteger(row, "windowMinutes");
            if (window != null && minutes > window) {
                throw new UserInputException(ErrorCode.HOURS_EXCEED_WINDOW, "时长不能超过任务时长。");
            }
            neo4j.query("MATCH (sr:ServiceRecord {id: $id}) SET sr.minutes = $minutes, sr.corrected = true")
                    .bindAll(Map.of("id", recordId, "minutes", minutes)).run();
            history.record("ServiceRecord", recordId, StateAction.CORRECT_HOURS, String.valueOf(row.get("minutes")),
                    String.valueOf(minutes), actor.id(), why);
            return tasks.record(recordId).orElseThrow();
        });
    }

    /** 岗位 service: a member holding a post checks in with the post's code. */
    public ServiceRecord checkInAtPost(String postId, String memberId, String code, Actor actor) {
        try {
            return transactions.execute(status -> {
                Map<String, Object> post = postOfHolder(postId, memberId);
                if (!Values.bool(post, "active")) {
                    throw new UserInputException(ErrorCode.POST_INACTIVE, "该岗位已停用。");
                }
                if (open(postId + "/" + memberId) != null) {
                    throw new UserInputException(ErrorCode.ALREADY_CHECKED_IN, "已签到，请先签退。");
                }
                attempts.verify(CodeAttempts.post(postId, memberId), actor,
                        postCodes.accepts(Values.string(post, "secret"), code));
                String id = "SR-" + UUID.randomUUID();
                neo4j.query("""
                        MATCH (p:ServicePost {id: $postId}), (m:Member {id: $memberId})
                        CREATE (m)-[:SERVED]->(sr:ServiceRecord {id: $id, checkInAt: datetime(), openKey: $postId + '/' + $memberId})
                        CREATE (sr)-[:AT_POST]->(p)""").bindAll(Map.of("postId", postId, "memberId", memberId, "id", id)).run();
                history.record("ServiceRecord", id, StateAction.CHECK_IN, null, "OPEN", actor.id(), null);
                return tasks.record(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw new UserInputException(ErrorCode.ALREADY_CHECKED_IN, "已签到，请先签退。");
        }
    }

    public ServiceRecord checkOutAtPost(String postId, String memberId, String code, Actor actor) {
        return transactions.execute(status -> {
            Map<String, Object> post = postOfHolder(postId, memberId);
            String id = lockOpen(postId + "/" + memberId);
            if (id == null) {
                throw new UserInputException(ErrorCode.NOT_CHECKED_IN, "尚未签到，不能签退。");
            }
            attempts.verify(CodeAttempts.post(postId, memberId), actor,
                    postCodes.accepts(Values.string(post, "secret"), code));
            neo4j.query("""
                    MATCH (sr:ServiceRecord {id: $id})
                    WITH sr, null AS t, sr.checkInAt + duration({minutes: $longest}) AS sessionEnd
                    WITH sr, t, CASE WHEN datetime() < sessionEnd THEN datetime() ELSE sessionEnd END AS closedAt
                    """ + CLOSE).bindAll(Map.of("id", id, "longest", POST_SESSION.toMinutes())).run();
            history.record("ServiceRecord", id, StateAction.CHECK_OUT, "OPEN", "CLOSED", actor.id(), null);
            return tasks.record(id).orElseThrow();
        });
    }

    /**
     * Closes forgotten check-outs: at the end of the task window, or {@link #POST_SESSION} after a post
     * check-in; the records are flagged {@code autoClosed}. Returns how many were closed.
     */
    public int closeForgottenCheckOuts() {
        return transactions.execute(status -> {
            List<String> closed = neo4j.query("""
                    MATCH (sr:ServiceRecord) WHERE sr.openKey IS NOT NULL
                    // lock, then look again: a member's own check-out may have just closed it
                    """ + RowLocks.lock("sr") + """
                    WITH sr WHERE sr.openKey IS NOT NULL
                    OPTIONAL MATCH (sr)-[:FOR_CLAIM]->(:Claim)-[:FOR_TASK]->(t:Task)
                    WITH sr, t, CASE WHEN t IS NULL THEN sr.checkInAt + duration({minutes: $longest}) ELSE t.endsAt END AS closedAt
                    WHERE closedAt <= datetime()
                    """ + CLOSE + """
                    SET sr.autoClosed = true
                    RETURN sr.id""").bind(POST_SESSION.toMinutes()).to("longest").fetchAs(String.class).all().stream().toList();
            history.recordAll("ServiceRecord", closed, StateAction.AUTO_CLOSE, "OPEN", "CLOSED", Actor.SYSTEM.id(), "未签退，按时段结束自动签退");
            return closed.size();
        });
    }

    private Claim existingClaim(String claimId) {
        return tasks.claim(claimId == null ? "" : claimId)
                .orElseThrow(() -> new UserInputException(ErrorCode.CLAIM_NOT_FOUND, "找不到该认领记录。"));
    }

    private Claim activeClaim(String claimId) {
        Claim claim = existingClaim(claimId);
        if (!"ACTIVE".equals(claim.state())) {
            throw new UserInputException(ErrorCode.CLAIM_NOT_ACTIVE, "该认领已撤回或已失效。");
        }
        return claim;
    }

    /** Locks the open record under {@code openKey}, then reads it again: the closer may have closed it meanwhile. */
    private String lockOpen(String openKey) {
        return neo4j.query("""
                MATCH (sr:ServiceRecord {openKey: $key})
                """ + RowLocks.lock("sr") + """
                WITH sr WHERE sr.openKey IS NOT NULL
                RETURN sr.id""").bind(openKey).to("key").fetchAs(String.class).one().orElse(null);
    }

    private String open(String claimId) {
        return neo4j.query("MATCH (sr:ServiceRecord {openKey: $key}) RETURN sr.id").bind(claimId).to("key")
                .fetchAs(String.class).one().orElse(null);
    }

    private Map<String, Object> postOfHolder(String postId, String memberId) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("postId", postId == null ? "" : postId);
        parameters.put("memberId", memberId == null ? "" : memberId);
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (p:ServicePost {id: $postId})
                OPTIONAL MATCH (m:Member {id: $memberId})
                RETURN p IS NOT NULL AS post, m IS NOT NULL AS member, p.codeSecret AS secret,
                       coalesce(p.active, true) AS active, EXISTS { (m)-[:HOLDS_POST]->(p) } AS holds""")
                .bindAll(parameters).fetch().one().orElseThrow();
        new Validation()
                .require(Values.bool(row, "post"), "postId", ErrorCode.POST_NOT_FOUND, "找不到该岗位。")
                .require(Values.bool(row, "member"), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                .throwIfInvalid();
        if (!Values.bool(row, "holds")) {
            throw new UserInputException(ErrorCode.NOT_POST_HOLDER, "该党员没有认领这个岗位。");
        }
        return row;
    }

    /** Whether a task's code was given, compared in constant time. */
    private static boolean same(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.strip().getBytes(StandardCharsets.UTF_8));
    }
}
