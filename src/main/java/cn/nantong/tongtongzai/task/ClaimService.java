package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * 接单: members claim seats on their community's tasks; functional branches and groups claim team tasks
 * (组团认领) and their members confirm one by one. 下沉一线支援: with the street pool (an accepted street-wide
 * matching proposal, or an assignment by the street or the city) a member or team of another community of
 * the task's street may take a seat; such a claim is marked {@code (c)-[:SUPPORT_FROM]->(:Community)} with the
 * member's (or team's) own community, and says so in its history. The headcount is a hard limit: every claim locks the
 * task before counting its seats, so concurrent claims queue on that lock and the last seat goes to
 * exactly one of them; a uniqueness constraint on {@code activeKey} (task/member) stops a member from
 * holding two claims on one task even across retries.
 */
@Service
public class ClaimService {

    /** Where a claim came from. */
    public enum Source { SELF, ASSIGNED, MATCHING, TEAM }

    /**
     * Whose members may take the seat: those confirmed with the task's own community (双报到), or — for
     * 下沉一线支援, which the street organises — those confirmed with any community of the task's street.
     */
    public enum Pool { COMMUNITY, STREET }

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final TaskWriter taskWriter;
    private final TaskService tasks;
    private final StateChanges history;
    private final ApplicationEventPublisher events;

    ClaimService(Neo4jClient neo4j, WriteTransactions transactions, TaskWriter taskWriter, TaskService tasks,
            StateChanges history, ApplicationEventPublisher events) {
        this.neo4j = neo4j;
        this.events = events;
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
        return claim(taskId, memberId, source, Pool.COMMUNITY, actor);
    }

    /**
     * A manager assigns a member to a seat. The street administrator and the city reach every community of
     * a street, so their assignment draws on the street pool (下沉一线支援); a community's own secretaries
     * assign members of their community only.
     */
    public Claim assign(String taskId, String memberId, Actor actor) {
        Pool pool = actor.hasAny(java.util.EnumSet.of(Role.STREET_ADMIN, Role.CITY_ADMIN)) ? Pool.STREET : Pool.COMMUNITY;
        return claim(taskId, memberId, Source.ASSIGNED, pool, actor);
    }

    /** As {@link #claim(String, String, Source, Actor)}, with members of the given pool. */
    public Claim claim(String taskId, String memberId, Source source, Pool pool, Actor actor) {
        if (source == Source.TEAM) {
            throw new IllegalArgumentException("team seats are taken with confirmTeamClaim");
        }
        try {
            return transactions.execute(status -> {
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                if ("TEAMS".equals(task.audience())) {
                    throw new UserInputException(ErrorCode.TEAM_TASK,
                            "该任务面向功能型党支部/党小组：请由党组织组团认领，党员再确认参加。");
                }
                String supportFrom = requireMember(memberId, task, pool);
                requireSeat(task);
                return create(task, memberId, source, null, supportFrom, actor);
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
                    .orElseThrow(() -> new UserInputException(ErrorCode.CLAIM_NOT_FOUND, "找不到该认领记录。"));
            Task task = taskWriter.lock(taskId);
            Claim claim = tasks.claim(claimId).orElseThrow();
            if (!"ACTIVE".equals(claim.state())) {
                throw new UserInputException(ErrorCode.CLAIM_NOT_ACTIVE, "该认领已撤回或已失效。");
            }
            if (!"PUBLISHED".equals(task.state()) || !OffsetDateTime.now().isBefore(task.startsAt())) {
                throw new UserInputException(ErrorCode.WITHDRAW_TOO_LATE, "任务已开始，不能撤回认领；请联系社区。");
            }
            neo4j.query("""
                    MATCH (c:Claim {id: $id})
                    SET c.state = 'WITHDRAWN', c.withdrawnAt = datetime()
                    REMOVE c.activeKey""").bind(claimId).to("id").run();
            history.record("Claim", claimId, StateAction.WITHDRAW, "ACTIVE", "WITHDRAWN", actor.id(), null);
            return tasks.claim(claimId).orElseThrow();
        });
    }

    /** 组团认领: a functional branch or group the task was published to (or a group of such a branch) takes it. */
    public TeamClaim claimAsTeam(String taskId, String teamId, Actor actor) {
        return claimAsTeam(taskId, teamId, Source.SELF, actor);
    }

    /** As {@link #claimAsTeam(String, String, Actor)}, by the team itself (SELF) or from a matching proposal (MATCHING). */
    public TeamClaim claimAsTeam(String taskId, String teamId, Source source, Actor actor) {
        return claimAsTeam(taskId, teamId, source, Pool.COMMUNITY, actor);
    }

    /**
     * As {@link #claimAsTeam(String, String, Source, Actor)}; with the street pool a functional branch or group
     * of another community of the task's street may take it without an invitation (下沉一线支援, marked with
     * the team's community). The task's own teams still need the invitation: the community chose them.
     */
    public TeamClaim claimAsTeam(String taskId, String teamId, Source source, Pool pool, Actor actor) {
        if (source != Source.SELF && source != Source.MATCHING) {
            throw new IllegalArgumentException("a team claim comes from the team or from matching");
        }
        try {
            return transactions.execute(status -> {
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                if (!"TEAMS".equals(task.audience())) {
                    throw new UserInputException(ErrorCode.NOT_A_TEAM_TASK, "该任务面向党员个人，请由党员直接认领。");
                }
                Map<String, Object> row = neo4j.query("""
                        MATCH (t:Task {id: $taskId})
                        OPTIONAL MATCH (b:FunctionalBranch {id: $teamId})
                        OPTIONAL MATCH (g:FunctionalGroup {id: $teamId})
                        WITH t, coalesce(b, g) AS team
                        RETURN team IS NOT NULL AS exists,
                               EXISTS { (t)-[:FOR_TEAM]->(team) } OR EXISTS { (t)-[:FOR_TEAM]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(team) } AS invited,
                               EXISTS { (team)-[:MADE]->(:TeamClaim)-[:FOR_TASK]->(t) } AS claimed,
                               COLLECT { MATCH (home:Community)-[:HAS_FUNCTIONAL_BRANCH|HAS_FUNCTIONAL_GROUP*1..2]->(team)
                                         WHERE NOT EXISTS { (t)-[:OF_COMMUNITY]->(home) }
                                           AND EXISTS { (t)-[:OF_COMMUNITY]->(:Community)<-[:HAS_COMMUNITY]-(:Street)-[:HAS_COMMUNITY]->(home) }
                                         RETURN home.id }[0] AS streetNeighbour""")
                        .bindAll(Map.of("taskId", taskId, "teamId", teamId == null ? "" : teamId)).fetch().one().orElseThrow();
                if (!Values.bool(row, "exists")) {
                    throw new UserInputException(ErrorCode.TEAM_NOT_FOUND, "找不到该功能型党支部或党小组。");
                }
                // a team of another community of the street comes as support; the task's own teams need the invitation
                String supportFrom = pool == Pool.STREET ? Values.string(row, "streetNeighbour") : null;
                if (!Values.bool(row, "invited") && supportFrom == null) {
                    throw new UserInputException(ErrorCode.TEAM_NOT_INVITED, "该任务未发布给这个党组织。");
                }
                if (Values.bool(row, "claimed")) {
                    throw new UserInputException(ErrorCode.ALREADY_CLAIMED, "该党组织已认领此任务。");
                }
                String id = "TC-" + UUID.randomUUID();
                java.util.HashMap<String, Object> parameters = new java.util.HashMap<>();
                parameters.putAll(Map.of("taskId", taskId, "teamId", teamId, "id", id, "actor", actor.id(),
                        "source", source.name()));
                parameters.put("supportFrom", supportFrom);
                neo4j.query("""
                        MATCH (t:Task {id: $taskId})
                        OPTIONAL MATCH (b:FunctionalBranch {id: $teamId})
                        OPTIONAL MATCH (g:FunctionalGroup {id: $teamId})
                        WITH t, coalesce(b, g) AS team
                        CREATE (team)-[:MADE]->(tc:TeamClaim {id: $id, activeKey: $taskId + '/' + $teamId, source: $source,
                                                             claimedAt: datetime(), claimedBy: $actor})-[:FOR_TASK]->(t)
                        WITH tc
                        CALL (tc) {
                          MATCH (home:Community {id: $supportFrom})
                          CREATE (tc)-[:SUPPORT_FROM]->(home)
                        }""")
                        .bindAll(parameters).run();
                events.publishEvent(new TeamClaimMade(id, taskId, teamId));
                return tasks.teamClaim(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw new UserInputException(ErrorCode.ALREADY_CLAIMED, "该党组织已认领此任务。");
        }
    }

    /** A member of a team that claimed a task confirms they take part: a seat, within the headcount. */
    public Claim confirmTeamClaim(String teamClaimId, String memberId, Actor actor) {
        try {
            return transactions.execute(status -> {
                String taskId = neo4j.query("MATCH (tc:TeamClaim {id: $id})-[:FOR_TASK]->(t:Task) RETURN t.id")
                        .bind(teamClaimId == null ? "" : teamClaimId).to("id").fetchAs(String.class).one()
                        .orElseThrow(() -> new UserInputException(ErrorCode.TEAM_CLAIM_NOT_FOUND, "找不到该组团认领。"));
                Task task = taskWriter.lock(taskId);
                requireOpen(task);
                // the members of a team that came as support are registered with their own community
                boolean support = neo4j.query("MATCH (tc:TeamClaim {id: $id}) RETURN EXISTS { (tc)-[:SUPPORT_FROM]->(:Community) }")
                        .bind(teamClaimId).to("id").fetchAs(Boolean.class).one().orElse(false);
                String supportFrom = requireMember(memberId, task, support ? Pool.STREET : Pool.COMMUNITY);
                boolean inTeam = neo4j.query("""
                        MATCH (tc:TeamClaim {id: $id})<-[:MADE]-(team), (m:Member {id: $memberId})
                        RETURN EXISTS { (m)-[:IN_FUNCTIONAL_GROUP|IN_FUNCTIONAL_BRANCH]->(team) }""")
                        .bindAll(Map.of("id", teamClaimId, "memberId", memberId)).fetchAs(Boolean.class).one().orElse(false);
                if (!inTeam) {
                    throw new UserInputException(ErrorCode.NOT_IN_TEAM, "该党员不属于认领此任务的党组织。");
                }
                requireSeat(task);
                return create(task, memberId, Source.TEAM, teamClaimId, supportFrom, actor);
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw alreadyClaimed();
        }
    }

    /** The claim; {@code supportFrom} is the member's own community when they come as support, else null. */
    private Claim create(Task task, String memberId, Source source, String teamClaimId, String supportFrom, Actor actor) {
        String id = "C-" + UUID.randomUUID();
        java.util.HashMap<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("id", id);
        parameters.put("taskId", task.id());
        parameters.put("memberId", memberId);
        parameters.put("source", source.name());
        parameters.put("actor", actor.id());
        parameters.put("teamClaimId", teamClaimId);
        parameters.put("supportFrom", supportFrom);
        // one statement: the claim, the note of its first history entry (naming the community it comes from as
        // support), and the claim as GraphQL shows it
        Map<String, Object> row = neo4j.query("""
                MATCH (t:Task {id: $taskId}), (m:Member {id: $memberId})
                CREATE (m)-[:MADE]->(c:Claim {id: $id, state: 'ACTIVE', source: $source, claimedAt: datetime(),
                                             claimedBy: $actor, activeKey: $taskId + '/' + $memberId})-[:FOR_TASK]->(t)
                WITH c
                OPTIONAL MATCH (home:Community {id: $supportFrom})
                WITH c, $source + CASE WHEN home IS NULL THEN '' ELSE '；下沉支援，来自' + home.name END AS note
                CALL (c) {
                  MATCH (tc:TeamClaim {id: $teamClaimId})
                  CREATE (c)-[:PART_OF]->(tc)
                }
                CALL (c) {
                  MATCH (home:Community {id: $supportFrom})
                  CREATE (c)-[:SUPPORT_FROM]->(home)
                }
                """ + "RETURN note, " + TaskService.CLAIM + " AS value").bindAll(parameters).fetch().one().orElseThrow();
        history.record("Claim", id, StateAction.CLAIM, null, "ACTIVE", actor.id(), (String) row.get("note"));
        Claim claim = TaskService.claim(row.get("value"));
        events.publishEvent(new ClaimMade(id, task.id(), memberId, source));
        return claim;
    }

    /** Claims are taken while a task is published; emergencies also while they are under way. */
    private static void requireOpen(Task task) {
        boolean open = "PUBLISHED".equals(task.state())
                || ("IN_PROGRESS".equals(task.state()) && "EMERGENCY".equals(task.kind()));
        if (!open) {
            throw new UserInputException(ErrorCode.TASK_NOT_OPEN,
                    "任务" + TaskWriter.STATE_NAMES.getOrDefault(task.state(), task.state()) + "，不能认领。");
        }
        if (!OffsetDateTime.now().isBefore(task.endsAt())) {
            throw new UserInputException(ErrorCode.TASK_NOT_OPEN, "任务时间已过，不能认领。");
        }
    }

    /**
     * The member exists, has no claim on the task yet and is confirmed with the task's community — or, with
     * the street pool, with another community of its street. Returns that other community (the claim is
     * support from it), or null.
     */
    private String requireMember(String memberId, Task task, Pool pool) {
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (m:Member {id: $memberId})
                RETURN m IS NOT NULL AS exists,
                       COLLECT { MATCH (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c:Community)
                                 WHERE r.activeMemberId IS NOT NULL RETURN c.id } AS communities,
                       COLLECT { MATCH (:Community {id: $communityId})<-[:HAS_COMMUNITY]-(:Street)-[:HAS_COMMUNITY]->(c:Community)
                                 RETURN c.id } AS street,
                       EXISTS { (m)-[:MADE]->(c:Claim)-[:FOR_TASK]->(:Task {id: $taskId}) WHERE c.activeKey IS NOT NULL } AS claimed""")
                .bindAll(Map.of("memberId", memberId == null ? "" : memberId, "communityId", task.communityId(),
                        "taskId", task.id()))
                .fetch().one().orElseThrow();
        if (!Values.bool(row, "exists")) {
            throw new UserInputException(ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。");
        }
        java.util.List<String> communities = Values.strings(row, "communities");
        String supportFrom = null;
        if (!communities.contains(task.communityId())) {
            java.util.List<String> street = Values.strings(row, "street");
            supportFrom = pool == Pool.STREET ? communities.stream().filter(street::contains).sorted().findFirst().orElse(null) : null;
            if (supportFrom == null) {
                throw new UserInputException(ErrorCode.NOT_IN_COMMUNITY, pool == Pool.STREET
                        ? "该党员未在任务所在街道的任何社区报到，不能认领。"
                        : "该党员未在任务所在社区报到，不能认领。");
            }
        }
        if (Values.bool(row, "claimed")) {
            throw alreadyClaimed();
        }
        return supportFrom;
    }

    private static void requireSeat(Task task) {
        if (task.claimed() >= task.headcount()) {
            throw new UserInputException(ErrorCode.TASK_FULL, "任务名额已满（" + task.headcount() + "人）。");
        }
    }

    private static UserInputException alreadyClaimed() {
        return new UserInputException(ErrorCode.ALREADY_CLAIMED, "该党员已认领此任务。");
    }
}
