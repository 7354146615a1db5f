package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * 接单: members claim seats on their community's tasks; functional branches and groups claim team tasks
 * (组团认领) and their members confirm one by one. The headcount is a hard limit: every claim locks the
 * task before counting its seats, so concurrent claims queue on that lock and the last seat goes to
 * exactly one of them; a uniqueness constraint on {@code activeKey} (task/member) stops a member from
 * holding two claims on one task even across retries.
 */
@Service
public class ClaimService {

    /** Where a claim came from. */
    public enum Source { SELF, ASSIGNED, MATCHING, TEAM }

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final TaskWriter taskWriter;
    private final TaskService tasks;
    private final StateChanges history;

    ClaimService(Neo4jClient neo4j, WriteTransactions transactions, TaskWriter taskWriter, TaskService tasks,
            StateChanges history) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.taskWriter = taskWriter;
        this.tasks = tasks;
        this.history = history;
    }

    /**
     * A member takes a seat on an individual task of the community they are registered with: by their
     * own choice (SELF), by a secretary's assignment (ASSIGNED) or by accepting a matching proposal (MATCHING).
     */
    public Claim claim(String taskId, String memberId, Source source, Actor actor) {
        if (source == Source.TEAM) {
            throw new IllegalArgumentException("team seats are taken with confirmTeamClaim");
        }
        try {
            return transactions.execute(status -> {
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                if ("TEAMS".equals(task.audience())) {
                    throw new UserInputException("TEAM_TASK",
                            "该任务面向功能型党支部/党小组：请由党组织组团认领，党员再确认参加。");
                }
                requireMember(memberId, task);
                requireSeat(task);
                return create(task, memberId, source, null, actor);
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw alreadyClaimed(); // the same member's other claim committed first
        }
    }

    /** A member gives back a seat before the task starts; the seat reopens. */
    public Claim withdraw(String claimId, Actor actor) {
        return transactions.execute(status -> {
            String taskId = neo4j.query("MATCH (c:Claim {id: $id})-[:FOR_TASK]->(t:Task) RETURN t.id")
                    .bind(claimId == null ? "" : claimId).to("id").fetchAs(String.class).one()
                    .orElseThrow(() -> new UserInputException("CLAIM_NOT_FOUND", "找不到该认领记录。"));
            Task task = taskWriter.lock(taskId);
            Claim claim = tasks.claim(claimId).orElseThrow();
            if (!"ACTIVE".equals(claim.state())) {
                throw new UserInputException("CLAIM_NOT_ACTIVE", "该认领已撤回或已失效。");
            }
            if (!"PUBLISHED".equals(task.state()) || !OffsetDateTime.now().isBefore(OffsetDateTime.parse(task.startsAt()))) {
                throw new UserInputException("WITHDRAW_TOO_LATE", "任务已开始，不能撤回认领；请联系社区。");
            }
            neo4j.query("""
                    MATCH (c:Claim {id: $id})
                    SET c.state = 'WITHDRAWN', c.withdrawnAt = datetime()
                    REMOVE c.activeKey""").bind(claimId).to("id").run();
            history.record("Claim", claimId, "WITHDRAW", "ACTIVE", "WITHDRAWN", actor.id(), null);
            return tasks.claim(claimId).orElseThrow();
        });
    }

    /** 组团认领: a functional branch or group the task was published to (or a group of such a branch) takes it. */
    public TeamClaim claimAsTeam(String taskId, String teamId, Actor actor) {
        return claimAsTeam(taskId, teamId, Source.SELF, actor);
    }

    /** As {@link #claimAsTeam(String, String, Actor)}, by the team itself (SELF) or from a matching proposal (MATCHING). */
    public TeamClaim claimAsTeam(String taskId, String teamId, Source source, Actor actor) {
        if (source != Source.SELF && source != Source.MATCHING) {
            throw new IllegalArgumentException("a team claim comes from the team or from matching");
        }
        try {
            return transactions.execute(status -> {
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                if (!"TEAMS".equals(task.audience())) {
                    throw new UserInputException("NOT_A_TEAM_TASK", "该任务面向党员个人，请由党员直接认领。");
                }
                Map<String, Object> row = neo4j.query("""
                        MATCH (t:Task {id: $taskId})
                        OPTIONAL MATCH (b:FunctionalBranch {id: $teamId})
                        OPTIONAL MATCH (g:FunctionalGroup {id: $teamId})
                        WITH t, coalesce(b, g) AS team
                        RETURN team IS NOT NULL AS exists,
                               EXISTS { (t)-[:FOR_TEAM]->(team) } OR EXISTS { (t)-[:FOR_TEAM]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(team) } AS invited,
                               EXISTS { (team)-[:MADE]->(:TeamClaim)-[:FOR_TASK]->(t) } AS claimed""")
                        .bindAll(Map.of("taskId", taskId, "teamId", teamId == null ? "" : teamId)).fetch().one().orElseThrow();
                if (!Values.bool(row, "exists")) {
                    throw new UserInputException("TEAM_NOT_FOUND", "找不到该功能型党支部或党小组。");
                }
                if (!Values.bool(row, "invited")) {
                    throw new UserInputException("TEAM_NOT_INVITED", "该任务未发布给这个党组织。");
                }
                if (Values.bool(row, "claimed")) {
                    throw new UserInputException("ALREADY_CLAIMED", "该党组织已认领此任务。");
                }
                String id = "TC-" + UUID.randomUUID();
                neo4j.query("""
                        MATCH (t:Task {id: $taskId})
                        OPTIONAL MATCH (b:FunctionalBranch {id: $teamId})
                        OPTIONAL MATCH (g:FunctionalGroup {id: $teamId})
                        WITH t, coalesce(b, g) AS team
                        CREATE (team)-[:MADE]->(tc:TeamClaim {id: $id, activeKey: $taskId + '/' + $teamId, source: $source,
                                                             claimedAt: datetime(), claimedBy: $actor})-[:FOR_TASK]->(t)""")
                        .bindAll(Map.of("taskId", taskId, "teamId", teamId, "id", id, "actor", actor.id(),
                                "source", source.name())).run();
                return tasks.teamClaim(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw new UserInputException("ALREADY_CLAIMED", "该党组织已认领此任务。");
        }
    }

    /** A member of a team that claimed a task confirms they take part: a seat, within the headcount. */
    public Claim confirmTeamClaim(String teamClaimId, String memberId, Actor actor) {
        try {
            return transactions.execute(status -> {
                String taskId = neo4j.query("MATCH (tc:TeamClaim {id: $id})-[:FOR_TASK]->(t:Task) RETURN t.id")
                        .bind(teamClaimId == null ? "" : teamClaimId).to("id").fetchAs(String.class).one()
                        .orElseThrow(() -> new UserInputException("TEAM_CLAIM_NOT_FOUND", "找不到该组团认领。"));
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                requireMember(memberId, task);
                boolean inTeam = neo4j.query("""
                        MATCH (tc:TeamClaim {id: $id})<-[:MADE]-(team), (m:Member {id: $memberId})
                        RETURN EXISTS { (m)-[:IN_FUNCTIONAL_GROUP|IN_FUNCTIONAL_BRANCH]->(team) }""")
                        .bindAll(Map.of("id", teamClaimId, "memberId", memberId)).fetchAs(Boolean.class).one().orElse(false);
                if (!inTeam) {
                    throw new UserInputException("NOT_IN_TEAM", "该党员不属于认领此任务的党组织。");
                }
                requireSeat(task);
                return create(task, memberId, Source.TEAM, teamClaimId, actor);
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw alreadyClaimed();
        }
    }

    private Claim create(Task task, String memberId, Source source, String teamClaimId, Actor actor) {
        String id = "C-" + UUID.randomUUID();
        java.util.HashMap<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("id", id);
        parameters.put("taskId", task.id());
        parameters.put("memberId", memberId);
        parameters.put("source", source.name());
        parameters.put("actor", actor.id());
        parameters.put("teamClaimId", teamClaimId);
        // one statement: the claim, its first history entry, and the claim as GraphQL shows it
        return neo4j.query("""
                MATCH (t:Task {id: $taskId}), (m:Member {id: $memberId})
                CREATE (m)-[:MADE]->(c:Claim {id: $id, state: 'ACTIVE', source: $source, claimedAt: datetime(),
                                             claimedBy: $actor, activeKey: $taskId + '/' + $memberId})-[:FOR_TASK]->(t)
                CREATE (c)-[:HAS_EVENT]->(:StateChange {at: datetime(), by: $actor, action: 'CLAIM', to: 'ACTIVE', note: $source})
                WITH c
                CALL (c) {
                  MATCH (tc:TeamClaim {id: $teamClaimId})
                  CREATE (c)-[:PART_OF]->(tc)
                }
                """ + "RETURN " + TaskService.CLAIM + " AS value").bindAll(parameters).fetch().one()
                .map(row -> TaskService.claim(row.get("value"))).orElseThrow();
    }

    /** Claims are taken while a task is published; emergencies also while they are under way. */
    private static void requireOpen(Task task) {
        boolean open = "PUBLISHED".equals(task.state())
                || ("IN_PROGRESS".equals(task.state()) && "EMERGENCY".equals(task.kind()));
        if (!open) {
            throw new UserInputException("TASK_NOT_OPEN",
                    "任务" + TaskWriter.STATE_NAMES.getOrDefault(task.state(), task.state()) + "，不能认领。");
        }
        if (!OffsetDateTime.now().isBefore(OffsetDateTime.parse(task.endsAt()))) {
            throw new UserInputException("TASK_NOT_OPEN", "任务时间已过，不能认领。");
        }
    }

    private void requireMember(String memberId, Task task) {
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (m:Member {id: $memberId})
                RETURN m IS NOT NULL AS exists,
                       EXISTS { (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $communityId})
                                WHERE r.activeMemberId IS NOT NULL } AS registered,
                       EXISTS { (m)-[:MADE]->(c:Claim)-[:FOR_TASK]->(:Task {id: $taskId}) WHERE c.activeKey IS NOT NULL } AS claimed""")
                .bindAll(Map.of("memberId", memberId == null ? "" : memberId, "communityId", task.communityId(),
                        "taskId", task.id()))
                .fetch().one().orElseThrow();
        if (!Values.bool(row, "exists")) {
            throw new UserInputException("MEMBER_NOT_FOUND", "找不到该党员。");
        }
        if (!Values.bool(row, "registered")) {
            throw new UserInputException("NOT_IN_COMMUNITY", "该党员未在任务所在社区报到，不能认领。");
        }
        if (Values.bool(row, "claimed")) {
            throw alreadyClaimed();
        }
    }

    private static void requireSeat(Task task) {
        if (task.claimed() >= task.headcount()) {
            throw new UserInputException("TASK_FULL", "任务名额已满（" + task.headcount() + "人）。");
        }
    }

    private static UserInputException alreadyClaimed() {
        return new UserInputException("ALREADY_CLAIMED", "该党员已认领此任务。");
    }
}
