package cn.nantong.tongtongzai.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.CommitThenRefuse;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * Limits guessing of verification codes (security probe, issue 19, finding 3). An attempt names what the code is
 * for — a claim, or a post and its holder — and who gives it (the token's subject). Each keeps its count of wrong
 * codes in a {@code (:CodeAttempts {key})} node, locked for the attempt inside the caller's write transaction: parallel
 * guesses queue on it, and every replica sees the same count. After {@link Limit#free()} wrong codes, attempts are
 * refused (TOO_MANY_ATTEMPTS, with {@code retryAt}) — the right code too, so guessing on is useless — for
 * {@link Limit#first()}, doubled by every further wrong code up to {@link Limit#longest()}. A right code clears what
 * it was for, never the subject's count (else a member could clear it between guesses with their own claim); a
 * count is forgotten {@link #FORGOTTEN_AFTER} after its last wrong code.
 */
@Component
class CodeAttempts {

    /** Wrong codes allowed before a lock, the first lock's length and the longest. */
    record Limit(int free, Duration first, Duration longest) {

        /** Until when a count of {@code failures}, the last at {@code last}, locks; null when it does not. */
        Instant lockedUntil(int failures, Instant last) {
            if (failures < free || last == null) {
                return null;
            }
            Duration lock = first.multipliedBy(1L << Math.min(failures - free, 20));
            return last.plus(lock.compareTo(longest) > 0 ? longest : lock);
        }
    }

    /** Per claim, or per post and holder: a member who mistypes gets five tries, a guesser about 24 an hour. */
    static final Limit PER_TARGET = new Limit(5, Duration.ofMinutes(1), Duration.ofHours(1));
    /** Per subject, over all claims and posts: someone guessing on many claims. */
    static final Limit PER_SUBJECT = new Limit(20, Duration.ofMinutes(1), Duration.ofHours(1));
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Neo4jClient neo4j;
    private final Clock clock;

    CodeAttempts(Neo4jClient neo4j, Clock clock) {
        this.neo4j = neo4j;
        this.clock = clock;
    }

    static String claim(String claimId) {
        return "CLAIM:" + claimId;
    }

    static String post(String postId, String memberId) {
        return "POST:" + postId + "/" + memberId;
    }

    /**
     * Within a write transaction: refuses while the target or the actor is locked, else clears the target's count
     * when {@code right}, or counts the wrong code for both and throws INVALID_VERIFICATION_CODE after committing it.
     */
    void verify(String target, Actor actor, boolean right) {
        Instant now = clock.instant();
        String subject = "SUBJECT:" + actor.id();
        // the target first, then the subject: the same order everywhere, so two attempts never wait on each other
        Map<String, Object> row = neo4j.query("""
                MERGE (t:CodeAttempts {key: $target})
                SET t.lockedAt = true REMOVE t.lockedAt
                WITH t
                MERGE (s:CodeAttempts {key: $subject})
                SET s.lockedAt = true REMOVE s.lockedAt
                RETURN t.failures AS targetFailures, toString(t.lastFailureAt) AS targetLast,
                       s.failures AS subjectFailures, toString(s.lastFailureAt) AS subjectLast""")
                .bindAll(Map.of("target", target, "subject", subject)).fetch().one().orElseThrow();
        Count onTarget = Count.of(row, "target", now);
        Count bySubject = Count.of(row, "subject", now);
        Instant until = later(PER_TARGET.lockedUntil(onTarget.failures, onTarget.last),
                PER_SUBJECT.lockedUntil(bySubject.failures, bySubject.last));
        if (until != null && now.isBefore(until)) {
            throw tooMany(until);
        }
        if (right) {
            neo4j.query("""
                    MATCH (t:CodeAttempts {key: $target}) DELETE t
                    WITH 1 AS done
                    MATCH (s:CodeAttempts {key: $subject}) WHERE $subjectFailures = 0 DELETE s""")
                    .bindAll(Map.of("target", target, "subject", subject, "subjectFailures", bySubject.failures)).run();
            return;
        }
        neo4j.query("""
                MATCH (t:CodeAttempts {key: $target}), (s:CodeAttempts {key: $subject})
                SET t.failures = $targetFailures, t.lastFailureAt = datetime($now),
                    s.failures = $subjectFailures, s.lastFailureAt = datetime($now)""")
                .bindAll(Map.of("target", target, "subject", subject, "targetFailures", onTarget.failures + 1,
                        "subjectFailures", bySubject.failures + 1, "now", now.toString())).run();
        Instant locks = later(PER_TARGET.lockedUntil(onTarget.failures + 1, now),
                PER_SUBJECT.lockedUntil(bySubject.failures + 1, now));
        throw new CommitThenRefuse(new UserInputException(ErrorCode.INVALID_VERIFICATION_CODE, "核验码不正确，请向组织者确认。"
                + (locks == null ? "" : "错误次数过多，请于" + TIME.format(local(locks)) + "后再试。")));
    }

    private UserInputException tooMany(Instant until) {
        OffsetDateTime at = local(until);
        return new UserInputException(ErrorCode.TOO_MANY_ATTEMPTS, "核验码错误次数过多，请于" + TIME.format(at) + "后再试。",
                Map.of("retryAt", at.toString()));
    }

    private OffsetDateTime local(Instant instant) {
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Wrong codes counted so far, and the last one's time; nothing once forgotten. */
    private record Count(int failures, Instant last) {

        static Count of(Map<String, Object> row, String prefix, Instant now) {
            Object failures = row.get(prefix + "Failures");
            Object last = row.get(prefix + "Last");
            if (failures == null || last == null) {
                return new Count(0, null);
            }
            Instant at = OffsetDateTime.parse((String) last).toInstant();
            return at.plus(FORGOTTEN_AFTER).isBefore(now) ? new Count(0, null) : new Count(((Number) failures).intValue(), at);
        }
    }
}
