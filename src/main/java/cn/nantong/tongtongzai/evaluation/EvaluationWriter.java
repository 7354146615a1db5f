package cn.nantong.tongtongzai.evaluation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Evaluation;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.JointMeeting;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MeetingProblemInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListEntry;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RateClaimInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RecordJointMeetingInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * 活动评单 and its consequences: the resident who asked, the community and its functional branch each
 * rate a claim once after the task is completed; secretaries keep the negative list (负面清单) and record
 * quarterly joint meetings (联席会议) with the problems raised and their resolution.
 */
@Service
class EvaluationWriter {

    private static final Set<String> RATERS = Set.of("RESIDENT", "COMMUNITY", "FUNCTIONAL_BRANCH");
    /** Organisations that can own a problem raised at a joint meeting. */
    private static final List<String> OWNER_LABELS = List.of("Unit", "PartyOrg", "OwnersCommittee", "PropertyCompany",
            "Community", "FunctionalBranch", "FunctionalGroup", "GridBranch");

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final EvaluationService evaluations;
    private final StateChanges history;

    EvaluationWriter(Neo4jClient neo4j, WriteTransactions transactions, EvaluationService evaluations, StateChanges history) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.evaluations = evaluations;
        this.history = history;
    }

    Evaluation rate(RateClaimInput input, Actor actor) {
        // a resident rates for themselves; the community and its functional branch rate through their managers
        boolean self = "RESIDENT".equals(input.raterRole()) && input.raterId() != null
                && input.raterId().equals(actor.residentId());
        if (!self && !actor.hasAny(AccessPolicy.MANAGERS)) {
            throw AccessRefusedException.forbidden("以他人名义评价");
        }
        String comment = input.comment() == null ? null : input.comment().strip();
        new Validation()
                .require(input.raterRole() != null && RATERS.contains(input.raterRole()), "raterRole", ErrorCode.INVALID_RATER,
                        "评价方须为居民、社区或功能型党支部。")
                .require(input.score() != null && input.score() >= 1 && input.score() <= 5, "score", ErrorCode.INVALID_SCORE,
                        "评分为1至5分。")
                .require(comment == null || comment.length() <= 500, "comment", ErrorCode.INVALID_COMMENT, "评语最多500个字符。")
                .throwIfInvalid();
        try {
            return transactions.execute(status -> {
                Map<String, Object> row = neo4j.query("""
                        MATCH (c:Claim {id: $claimId})-[:FOR_TASK]->(t:Task)-[:OF_COMMUNITY]->(community:Community)
                        // the task's lock: closing the evaluation either comes first (and is seen) or waits
                        """ + RowLocks.lock("t") + """
                        WITH c, t, community
                        RETURN c.state AS claimState, t.state AS taskState, community.id AS communityId,
                               COLLECT { MATCH (community)-[:HAS_FUNCTIONAL_BRANCH]->(f:FunctionalBranch) RETURN f.id } AS branchIds,
                               EXISTS { MATCH (t)<-[:SERVED_BY]-(:Request)-[:POSTED_BY]->(:Resident {id: $raterId}) }
                                 OR EXISTS { MATCH (t)<-[:SERVED_BY]-(:Request)<-[:DUPLICATE_OF]-(:Request)-[:POSTED_BY]->(:Resident {id: $raterId}) }
                                 OR EXISTS { MATCH (t)-[:AT]->(:MicroGrid)<-[:LIVES_IN]-(:Resident {id: $raterId}) } AS servedResident,
                               EXISTS { MATCH (c)<-[:RATES]-(e:Evaluation {raterRole: $role})
                                        WHERE $role <> 'RESIDENT' OR e.raterId = $raterId } AS rated""")
                        .bindAll(Map.of("claimId", nonNull(input.claimId()), "raterId", nonNull(input.raterId()),
                                "role", input.raterRole()))
                        .fetch().one().orElseThrow(() -> new UserInputException(ErrorCode.CLAIM_NOT_FOUND, "找不到该认领记录。"));
                String taskState = Values.string(row, "taskState");
                if ("EVALUATED".equals(taskState)) {
                    throw new UserInputException(ErrorCode.EVALUATION_CLOSED, "该任务的评价已结束。");
                }
                if (!"COMPLETED".equals(taskState)) {
                    throw new UserInputException(ErrorCode.TASK_NOT_COMPLETED, "任务完成后才能评价。");
                }
                if (!"ACTIVE".equals(Values.string(row, "claimState"))) {
                    throw new UserInputException(ErrorCode.CLAIM_NOT_ACTIVE, "该认领已撤回，无需评价。");
                }
                boolean rightRater = switch (input.raterRole()) {
                    case "RESIDENT" -> Values.bool(row, "servedResident");
                    case "COMMUNITY" -> Values.string(row, "communityId").equals(input.raterId());
                    default -> Values.strings(row, "branchIds").contains(input.raterId());
                };
                if (!rightRater) {
                    throw new UserInputException(ErrorCode.NOT_A_RATER, switch (input.raterRole()) {
                        case "RESIDENT" -> "只有提出需求或住在服务楼栋的居民可以作为居民评价。";
                        case "COMMUNITY" -> "只有任务所在社区可以作为社区评价。";
                        default -> "只有任务所在社区的功能型党支部可以评价。";
                    });
                }
                if (Values.bool(row, "rated")) {
                    throw duplicate();
                }
                String id = "E-" + UUID.randomUUID();
                Map<String, Object> parameters = new HashMap<>();
                parameters.put("id", id);
                parameters.put("claimId", input.claimId());
                parameters.put("role", input.raterRole());
                parameters.put("raterId", input.raterId());
                parameters.put("score", input.score());
                parameters.put("comment", comment);
                parameters.put("actor", actor.id());
                // each resident served rates once; the community and its branch once each
                parameters.put("raterKey", input.claimId() + "/" + input.raterRole()
                        + ("RESIDENT".equals(input.raterRole()) ? "/" + input.raterId() : ""));
                neo4j.query("""
                        MATCH (c:Claim {id: $claimId})
                        CREATE (e:Evaluation {id: $id, raterRole: $role, raterId: $raterId, score: $score, comment: $comment,
                                              ratedAt: datetime(), ratedBy: $actor, raterKey: $raterKey})-[:RATES]->(c)""")
                        .bindAll(parameters).run();
                return evaluations.evaluation(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw duplicate();
        }
    }

    NegativeListEntry addNegative(String memberId, String communityId, String reason, Actor actor) {
        String why = reason(reason, "记录理由");
        return transactions.execute(status -> {
            Map<String, Object> row = neo4j.query("""
                    OPTIONAL MATCH (m:Member {id: $memberId})
                    OPTIONAL MATCH (c:Community {id: $communityId})
                    RETURN m IS NOT NULL AS member, c IS NOT NULL AS community,
                           EXISTS { (m)-[:REGISTERED]->(:Registration)-[:WITH_COMMUNITY]->(c) } AS registered""")
                    .bindAll(Map.of("memberId", nonNull(memberId), "communityId", nonNull(communityId))).fetch().one().orElseThrow();
            new Validation()
                    .require(Values.bool(row, "member"), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                    .require(Values.bool(row, "community"), "communityId", ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                    .throwIfInvalid();
            if (!Values.bool(row, "registered")) {
                throw new UserInputException(ErrorCode.NOT_IN_COMMUNITY, "该党员未在本社区报到，不能由本社区记录负面清单。");
            }
            String id = "N-" + UUID.randomUUID();
            neo4j.query("""
                    MATCH (m:Member {id: $memberId}), (c:Community {id: $communityId})
                    CREATE (m)-[:LISTED_IN]->(e:NegativeListEntry {id: $id, reason: $reason, recordedAt: datetime(),
                                                                  recordedBy: $actor})-[:BY_COMMUNITY]->(c)""")
                    .bindAll(Map.of("memberId", memberId, "communityId", communityId, "id", id, "reason", why,
                            "actor", actor.id())).run();
            return evaluations.negativeEntry(id).orElseThrow();
        });
    }

    /** Revokes an entry (e.g. recorded by mistake); the entry stays, marked revoked with the reason. */
    NegativeListEntry revokeNegative(String entryId, String reason, Actor actor) {
        String why = reason(reason, "撤销理由");
        return transactions.execute(status -> {
            neo4j.query("MATCH (e:NegativeListEntry {id: $id}) " + RowLocks.lock("e"))
                    .bind(nonNull(entryId)).to("id").run();
            NegativeListEntry entry = evaluations.negativeEntry(nonNull(entryId))
                    .orElseThrow(() -> new UserInputException(ErrorCode.NEGATIVE_ENTRY_NOT_FOUND, "找不到该负面清单记录。"));
            if (entry.revokedAt() != null) {
                throw new UserInputException(ErrorCode.ALREADY_REVOKED, "该记录已撤销。");
            }
            neo4j.query("MATCH (e:NegativeListEntry {id: $id}) SET e.revokedAt = datetime(), e.revokeReason = $reason, e.revokedBy = $actor")
                    .bindAll(Map.of("id", entryId, "reason", why, "actor", actor.id())).run();
            return evaluations.negativeEntry(entryId).orElseThrow();
        });
    }

    JointMeeting recordMeeting(RecordJointMeetingInput input, Actor actor) {
        String title = Validation.name(input.title(), "title", 100);
        LocalDate heldOn = input.heldOn();
        List<MeetingProblemInput> problems = input.problems() == null ? List.of() : input.problems();
        Validation v = new Validation()
                .require(heldOn != null, "heldOn", ErrorCode.INVALID_DATE, "请填写会议日期。")
                .require(!problems.isEmpty() && problems.size() <= 50, "problems", ErrorCode.PROBLEMS_REQUIRED,
                        "请登记1至50个会上提出的疑难问题。");
        for (int i = 0; i < problems.size(); i++) {
            String d = problems.get(i).description() == null ? "" : problems.get(i).description().strip();
            v.require(d.length() >= 2 && d.length() <= 500, "problems[" + i + "].description", ErrorCode.INVALID_DESCRIPTION,
                    "第" + (i + 1) + "个问题的描述须为2至500个字符。");
        }
        v.throwIfInvalid();
        return transactions.execute(status -> {
            boolean community = neo4j.query("MATCH (c:Community {id: $id}) RETURN count(c) > 0")
                    .bind(nonNull(input.communityId())).to("id").fetchAs(Boolean.class).one().orElse(false);
            if (!community) {
                throw new UserInputException(ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。");
            }
            List<String> ownerIds = problems.stream().map(MeetingProblemInput::ownerId).map(EvaluationWriter::nonNull).distinct().toList();
            Map<String, String> ownerLabels = ownerLabels(ownerIds);
            List<String> missing = ownerIds.stream().filter(o -> !ownerLabels.containsKey(o)).toList();
            if (!missing.isEmpty()) {
                throw new UserInputException(ErrorCode.OWNER_NOT_FOUND, "找不到负责的组织：" + String.join("、", missing) + "。");
            }
            String id = "JM-" + UUID.randomUUID();
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", id);
            parameters.put("communityId", input.communityId());
            parameters.put("title", title);
            parameters.put("heldOn", heldOn);
            parameters.put("quarter", heldOn.getYear() + "-Q" + ((heldOn.getMonthValue() - 1) / 3 + 1));
            parameters.put("actor", actor.id());
            neo4j.query("""
                    MATCH (c:Community {id: $communityId})
                    CREATE (c)-[:HELD]->(m:JointMeeting {id: $id, title: $title, heldOn: $heldOn, quarter: $quarter,
                                                        recordedBy: $actor, recordedAt: datetime()})""")
                    .bindAll(parameters).run();
            for (int position = 0; position < problems.size(); position++) {
                MeetingProblemInput problem = problems.get(position);
                // the label is one of OWNER_LABELS (a constant), never input
                neo4j.query("MATCH (m:JointMeeting {id: $meetingId}), (owner:" + ownerLabels.get(problem.ownerId()) + " {id: $ownerId}) "
                                + "CREATE (m)-[:RAISED]->(:MeetingProblem {id: $id, description: $description, state: 'OPEN', position: $position, "
                                + "raisedAt: datetime()})-[:OWNED_BY]->(owner)")
                        .bindAll(Map.of("meetingId", id, "ownerId", problem.ownerId(), "id", "MP-" + UUID.randomUUID(),
                                "description", problem.description().strip(), "position", position))
                        .run();
            }
            return evaluations.meeting(id).orElseThrow();
        });
    }

    JointMeeting resolveProblem(String problemId, String resolution, Actor actor) {
        String how = reason(resolution, "解决情况");
        return transactions.execute(status -> {
            Map<String, Object> row = neo4j.query("""
                    MATCH (m:JointMeeting)-[:RAISED]->(p:MeetingProblem {id: $id})
                    """ + RowLocks.lock("p") + """
                    RETURN m.id AS meetingId, p.state AS state""").bind(nonNull(problemId)).to("id").fetch().one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.PROBLEM_NOT_FOUND, "找不到该问题。"));
            if (!"OPEN".equals(row.get("state"))) {
                throw new UserInputException(ErrorCode.INVALID_STATE_TRANSITION, "该问题已解决。");
            }
            neo4j.query("MATCH (p:MeetingProblem {id: $id}) SET p.state = 'RESOLVED', p.resolution = $resolution, p.resolvedAt = datetime()")
                    .bindAll(Map.of("id", problemId, "resolution", how)).run();
            history.record("MeetingProblem", problemId, StateAction.RESOLVE, "OPEN", "RESOLVED", actor.id(), how);
            return evaluations.meeting((String) row.get("meetingId")).orElseThrow();
        });
    }

    /** The label of each owner id found, looked up label by label so every lookup uses its index. */
    private Map<String, String> ownerLabels(List<String> ids) {
        Map<String, String> found = new HashMap<>();
        for (String label : OWNER_LABELS) {
            neo4j.query("MATCH (n:" + label + ") WHERE n.id IN $ids RETURN n.id").bind(ids).to("ids")
                    .fetchAs(String.class).all().forEach(id -> found.putIfAbsent(id, label));
        }
        return found;
    }

    private static String reason(String value, String what) {
        String trimmed = value == null ? "" : value.strip();
        new Validation().require(trimmed.length() >= 2 && trimmed.length() <= 500
                        && trimmed.chars().filter(Character::isISOControl).allMatch(c -> c == '\n'),
                "reason", ErrorCode.INVALID_REASON, what + "须为2至500个字符。").throwIfInvalid();
        return trimmed;
    }

    private static UserInputException duplicate() {
        return new UserInputException(ErrorCode.DUPLICATE_RATING, "该评价方已评价过这次服务。");
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
