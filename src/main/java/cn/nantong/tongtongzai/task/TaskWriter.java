package cn.nantong.tongtongzai.task;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
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
import cn.nantong.tongtongzai.task.TaskRecords.CreateTaskInput;
import cn.nantong.tongtongzai.task.TaskRecords.UpdateTaskInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * 社区下单: a community drafts and publishes tasks and moves them through their states —
 * DRAFT → PUBLISHED → IN_PROGRESS → COMPLETED → EVALUATED, CANCELLED (with a reason) from any state
 * before completion. Each mutation is one transaction that first locks the task, so a transition and a
 * concurrent claim or check-in never interleave; every change is recorded with who and when.
 */
@Service
public class TaskWriter {

    static final Map<String, String> STATE_NAMES = Map.of("DRAFT", "草稿", "PUBLISHED", "已发布",
            "IN_PROGRESS", "进行中", "COMPLETED", "已完成", "EVALUATED", "已评价", "CANCELLED", "已取消");
    static final Set<String> KINDS = Set.of("MICRO_SERVICE", "PROJECT", "LARGE_ACTIVITY", "EMERGENCY");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    private final Neo4jClient neo4j;
    private final ApplicationEventPublisher events;
    private final WriteTransactions transactions;
    private final StateChanges history;
    private final TaskService tasks;

    TaskWriter(Neo4jClient neo4j, WriteTransactions transactions, StateChanges history, TaskService tasks,
            ApplicationEventPublisher events) {
        this.neo4j = neo4j;
        this.events = events;
        this.transactions = transactions;
        this.tasks = tasks;
        this.history = history;
    }

    /** A new task in DRAFT. */
    public Task create(CreateTaskInput input, Actor actor) {
        Draft draft = new Draft(input.title(), input.description(), input.kind(), input.difficulty(),
                input.headcount(), input.startsAt(), input.endsAt(), input.placeId(),
                input.skillIds() == null ? List.of() : input.skillIds(), input.categoryId(),
                input.audience() == null ? "MEMBERS" : input.audience(),
                input.teamIds() == null ? List.of() : input.teamIds());
        Map<String, Object> values = validate(input.communityId(), draft);
        String id = "T-" + UUID.randomUUID();
        return transactions.execute(status -> {
            checkReferences(input.communityId(), draft);
            values.put("id", id);
            values.put("communityId", input.communityId());
            values.put("actor", actor.id());
            neo4j.query("""
                    MATCH (c:Community {id: $communityId})
                    CREATE (t:Task {id: $id, state: 'DRAFT', createdAt: datetime(), createdBy: $actor})
                    CREATE (t)-[:OF_COMMUNITY]->(c)""").bindAll(values).run();
            write(values);
            history.record("Task", id, StateAction.CREATE, null, "DRAFT", actor.id(), null);
            return tasks.task(id).orElseThrow();
        });
    }

    /**
     * Changes a task: a draft in every field; a published task only in title, description and headcount
     * (never below the seats already taken), since members have claimed it on the rest.
     */
    public Task update(UpdateTaskInput input, Actor actor) {
        return transactions.execute(status -> {
            Task task = lock(input.id());
            boolean published = "PUBLISHED".equals(task.state());
            if (!"DRAFT".equals(task.state()) && !published) {
                throw refused("修改", task.state());
            }
            if (published && (input.startsAt() != null || input.endsAt() != null || input.placeId() != null
                    || input.skillIds() != null || input.categoryId() != null || input.teamIds() != null
                    || input.difficulty() != null)) {
                throw new UserInputException(ErrorCode.TASK_ALREADY_PUBLISHED,
                        "任务已发布：只能修改标题、说明和人数；其他内容请取消后重新发布。");
            }
            Draft draft = new Draft(or(input.title(), task.title()), or(input.description(), task.description()),
                    task.kind(), or(input.difficulty(), task.difficulty()), or(input.headcount(), task.headcount()),
                    or(input.startsAt(), task.startsAt()), or(input.endsAt(), task.endsAt()),
                    or(input.placeId(), task.placeId()), or(input.skillIds(), task.skillIds()),
                    or(input.categoryId(), task.categoryId()), task.audience(), or(input.teamIds(), task.teamIds()));
            Map<String, Object> values = validate(task.communityId(), draft);
            if (draft.headcount() < task.claimed()) {
                throw new UserInputException(ErrorCode.HEADCOUNT_BELOW_CLAIMS,
                        "人数不能少于已认领的" + task.claimed() + "人。");
            }
            checkReferences(task.communityId(), draft);
            values.put("id", task.id());
            write(values);
            history.record("Task", task.id(), StateAction.UPDATE, task.state(), task.state(), actor.id(), null);
            return tasks.task(task.id()).orElseThrow();
        });
    }

    public Task publish(String taskId, Actor actor) {
        return transactions.execute(status -> {
            Task task = lock(taskId);
            requireState(task, "发布", "DRAFT");
            if (task.endsAt().isBefore(OffsetDateTime.now())) {
                throw new UserInputException(ErrorCode.TASK_WINDOW_PASSED, "任务时间已过，不能发布；请先修改时间。");
            }
            neo4j.query("MATCH (t:Task {id: $id}) SET t.state = 'PUBLISHED', t.publishedAt = datetime(), t.verificationCode = $code")
                    .bindAll(Map.of("id", taskId, "code", "%06d".formatted(RANDOM.nextInt(1_000_000)))).run();
            history.record("Task", taskId, StateAction.PUBLISH, "DRAFT", "PUBLISHED", actor.id(), null);
            Task published = tasks.task(taskId).orElseThrow();
            // matching takes it in after the commit, notifications are written before it (a retried attempt that
            // rolls back delivers nothing)
            events.publishEvent(new TaskPublished(taskId, published.communityId(), published.kind(), published.audience()));
            return published;
        });
    }

    /** The first member checking in starts a published task (the caller holds the task's lock). */
    void startOnFirstCheckIn(Task task, Actor actor) {
        if ("PUBLISHED".equals(task.state())) {
            setState(task.id(), "IN_PROGRESS");
            history.record("Task", task.id(), StateAction.START, "PUBLISHED", "IN_PROGRESS", actor.id(), "首位党员签到");
        }
    }

    public Task start(String taskId, Actor actor) {
        return transactions.execute(status -> {
            Task task = lock(taskId);
            requireState(task, "开始", "PUBLISHED");
            setState(taskId, "IN_PROGRESS");
            history.record("Task", taskId, StateAction.START, "PUBLISHED", "IN_PROGRESS", actor.id(), null);
            return tasks.task(taskId).orElseThrow();
        });
    }

    /**
     * The organiser closes the task: members still checked in are checked out at the end of the window
     * (or now, if earlier) and flagged, and the residents' requests it served are resolved.
     */
    public Task complete(String taskId, Actor actor) {
        return transactions.execute(status -> {
            Task task = lock(taskId);
            requireState(task, "完成", "IN_PROGRESS");
            setState(taskId, "COMPLETED");
            List<String> closed = neo4j.query("""
                    MATCH (t:Task {id: $id})<-[:FOR_TASK]-(:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)
                    WHERE sr.openKey IS NOT NULL
                    WITH t, sr, CASE WHEN datetime() < t.endsAt THEN datetime() ELSE t.endsAt END AS closedAt
                    """ + ServiceRecords.CLOSE + """
                    SET sr.autoClosed = true
                    RETURN sr.id""").bind(taskId).to("id").fetchAs(String.class).all().stream().toList();
            history.recordAll("ServiceRecord", closed, StateAction.AUTO_CLOSE, "OPEN", "CLOSED", actor.id(), "任务完成");
            history.record("Task", taskId, StateAction.COMPLETE, "IN_PROGRESS", "COMPLETED", actor.id(), null);
            // the request feature resolves the requests the task served, in this transaction
            events.publishEvent(new TaskCompleted(taskId, task.title(), actor.id()));
            return tasks.task(taskId).orElseThrow();
        });
    }

    /** Ratings are closed: the task is EVALUATED and takes no more ratings. */
    public Task closeEvaluation(String taskId, Actor actor) {
        return transactions.execute(status -> {
            Task task = lock(taskId);
            requireState(task, "结束评价", "COMPLETED");
            setState(taskId, "EVALUATED");
            history.record("Task", taskId, StateAction.CLOSE_EVALUATION, "COMPLETED", "EVALUATED", actor.id(), null);
            return tasks.task(taskId).orElseThrow();
        });
    }

    /**
     * Cancels a task before completion, with a reason: its seats are released (claims become
     * TASK_CANCELLED) and the requests it was to serve go back to the community for review.
     */
    public Task cancel(String taskId, String reason, Actor actor) {
        String why = reason == null ? "" : reason.strip();
        new Validation().require(why.length() >= 2 && why.length() <= 200 && why.chars().noneMatch(Character::isISOControl),
                "reason", ErrorCode.INVALID_REASON, "取消理由须为2至200个字符。").throwIfInvalid();
        return transactions.execute(status -> {
            Task task = lock(taskId);
            requireState(task, "取消", Task.OPEN_STATES.toArray(String[]::new));
            // read before the claims are released (the task is locked: no claim comes or goes meanwhile)
            List<String> holders = neo4j.query("""
                    MATCH (:Task {id: $id})<-[:FOR_TASK]-(c:Claim)<-[:MADE]-(m:Member) WHERE c.activeKey IS NOT NULL
                    RETURN m.id ORDER BY m.id""").bind(taskId).to("id").fetchAs(String.class).all().stream().toList();
            List<String> released = neo4j.query("""
                    MATCH (t:Task {id: $id})
                    SET t.state = 'CANCELLED', t.cancelReason = $reason, t.cancelledAt = datetime()
                    WITH t
                    MATCH (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL
                    SET c.state = 'TASK_CANCELLED'
                    REMOVE c.activeKey
                    RETURN c.id""").bindAll(Map.of("id", taskId, "reason", why)).fetchAs(String.class).all().stream().toList();
            history.recordAll("Claim", released, StateAction.TASK_CANCELLED, "ACTIVE", "TASK_CANCELLED", actor.id(), why);
            // whoever is still checked in is checked out now, hours capped at the window as always
            List<String> closed = neo4j.query("""
                    MATCH (t:Task {id: $id})<-[:FOR_TASK]-(:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord) WHERE sr.openKey IS NOT NULL
                    WITH t, sr, CASE WHEN datetime() < t.endsAt THEN datetime() ELSE t.endsAt END AS closedAt
                    """ + ServiceRecords.CLOSE + """
                    SET sr.autoClosed = true
                    RETURN sr.id""").bind(taskId).to("id").fetchAs(String.class).all().stream().toList();
            history.recordAll("ServiceRecord", closed, StateAction.AUTO_CLOSE, "OPEN", "CLOSED", actor.id(), "任务取消");
            history.record("Task", taskId, StateAction.CANCEL, task.state(), "CANCELLED", actor.id(), why);
            // the request feature sends the requests the task was to serve back for review, in this transaction
            events.publishEvent(new TaskCancelled(taskId, task.title(), why, holders, actor.id()));
            return tasks.task(taskId).orElseThrow();
        });
    }

    /**
     * Locks the task for the rest of the (caller's) transaction and reads it, or refuses an unknown id.
     * Whoever links something to a task while relying on its state locks it first.
     */
    public Task lock(String taskId) {
        // the write lock is taken when the row passes SET, before the projection counts the seats
        return neo4j.query("MATCH (t:Task {id: $id}) " + RowLocks.lock("t") + " RETURN "
                        + TaskService.TASK + " AS value")
                .bind(taskId == null ? "" : taskId).to("id").fetch().one()
                .map(row -> TaskService.task(row.get("value")))
                .orElseThrow(() -> new UserInputException(ErrorCode.TASK_NOT_FOUND, "找不到该任务。"));
    }

    static void requireState(Task task, String action, String... allowed) {
        if (!List.of(allowed).contains(task.state())) {
            throw refused(action, task.state());
        }
    }

    static UserInputException refused(String action, String state) {
        return new UserInputException(ErrorCode.INVALID_STATE_TRANSITION,
                "当前状态（" + STATE_NAMES.getOrDefault(state, state) + "）的任务不能" + action + "。");
    }

    private void setState(String taskId, String state) {
        neo4j.query("MATCH (t:Task {id: $id}) SET t.state = $state")
                .bindAll(Map.of("id", taskId, "state", state)).run();
    }

    /** What a task says, before it is checked against the graph. */
    private record Draft(String title, String description, String kind, Integer difficulty, Integer headcount,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String placeId, List<String> skillIds, String categoryId, String audience,
            List<String> teamIds) {
    }

    /** Checks a draft on its own and returns the values to write; every problem is reported at once. */
    private static Map<String, Object> validate(String communityId, Draft d) {
        Validation v = new Validation();
        String title = d.title() == null ? "" : d.title().strip();
        v.require(title.length() >= 2 && title.length() <= 100 && title.chars().noneMatch(Character::isISOControl),
                "title", ErrorCode.INVALID_TITLE, "标题须为2至100个字符。");
        String description = d.description() == null ? null : d.description().strip();
        v.require(description == null || description.length() <= 2000, "description", ErrorCode.INVALID_DESCRIPTION,
                "说明最多2000个字符。");
        v.require(communityId != null && !communityId.isBlank(), "communityId", ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。");
        v.require(d.kind() != null && KINDS.contains(d.kind()), "kind", ErrorCode.INVALID_KIND, "请选择任务类型。");
        v.require(d.difficulty() != null && d.difficulty() >= 1 && d.difficulty() <= 5, "difficulty",
                ErrorCode.INVALID_DIFFICULTY, "难度等级为1至5。");
        v.require(d.headcount() != null && d.headcount() >= 1 && d.headcount() <= 500, "headcount",
                ErrorCode.INVALID_HEADCOUNT, "人数为1至500。");
        OffsetDateTime starts = d.startsAt();
        OffsetDateTime ends = d.endsAt();
        v.require(starts != null && ends != null, "startsAt", ErrorCode.INVALID_TIME, "请填写开始和结束时间。");
        if (starts != null && ends != null) {
            v.require(starts.isBefore(ends) && Duration.between(starts, ends).compareTo(LONGEST_WINDOW) <= 0,
                    "endsAt", ErrorCode.INVALID_WINDOW, "结束时间须晚于开始时间，且时长不超过一年。");
        }
        v.require(!d.skillIds().isEmpty() || d.categoryId() != null, "skillIds", ErrorCode.SKILL_OR_CATEGORY_REQUIRED,
                "请至少选择一项所需技能或一个岗位类别。");
        v.require(d.skillIds().size() <= 10 && Set.copyOf(d.skillIds()).size() == d.skillIds().size(), "skillIds",
                ErrorCode.INVALID_SKILLS, "所需技能最多10项且不可重复。");
        boolean teams = "TEAMS".equals(d.audience());
        v.require("MEMBERS".equals(d.audience()) || teams, "audience", ErrorCode.INVALID_AUDIENCE, "对象须为党员个人或功能型党支部/党小组。");
        v.require(!"EMERGENCY".equals(d.kind()) || teams, "audience", ErrorCode.EMERGENCY_NEEDS_TEAMS,
                "应急任务须发布给功能型党支部或党小组。");
        v.require(!teams || !d.teamIds().isEmpty(), "teamIds", ErrorCode.TEAMS_REQUIRED, "请选择接单的功能型党支部或党小组。");
        v.require(teams || d.teamIds().isEmpty(), "teamIds", ErrorCode.TEAMS_NOT_ALLOWED, "面向党员个人的任务不指定党组织。");
        v.require(d.teamIds().size() <= 50, "teamIds", ErrorCode.TEAMS_REQUIRED, "最多指定50个党组织。");
        v.throwIfInvalid();
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("description", description);
        values.put("kind", d.kind());
        values.put("difficulty", d.difficulty());
        values.put("headcount", d.headcount());
        values.put("startsAt", starts);
        values.put("endsAt", ends);
        values.put("placeId", d.placeId());
        values.put("skillIds", d.skillIds());
        values.put("categoryId", d.categoryId());
        values.put("audience", d.audience());
        values.put("teamIds", d.teamIds());
        return values;
    }

    /** Refuses references that do not exist or lie outside the task's community. */
    private void checkReferences(String communityId, Draft d) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("communityId", communityId);
        parameters.put("skillIds", d.skillIds());
        parameters.put("categoryId", d.categoryId());
        parameters.put("placeId", d.placeId());
        parameters.put("teamIds", d.teamIds());
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (c:Community {id: $communityId})
                RETURN c IS NOT NULL AS community,
                       [s IN $skillIds WHERE NOT EXISTS { MATCH (:Skill {id: s}) }] AS missingSkills,
                       $categoryId IS NULL OR EXISTS { MATCH (:PostCategory {id: $categoryId}) } AS category,
                       $placeId IS NULL OR EXISTS { MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                                -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(:MicroGrid {id: $placeId}) } AS place,
                       [x IN $teamIds WHERE NOT (EXISTS { MATCH (c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch {id: x}) }
                                            OR EXISTS { MATCH (c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup {id: x}) })] AS badTeams""")
                .bindAll(parameters).fetch().one().orElseThrow();
        if (!Values.bool(row, "community")) {
            throw new UserInputException(ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。");
        }
        new Validation()
                .require(Values.strings(row, "missingSkills").isEmpty(), "skillIds", ErrorCode.SKILL_NOT_FOUND,
                        "找不到技能：" + String.join("、", Values.strings(row, "missingSkills")) + "。")
                .require(Values.bool(row, "category"), "categoryId", ErrorCode.POST_CATEGORY_NOT_FOUND, "找不到该岗位类别。")
                .require(Values.bool(row, "place"), "placeId", ErrorCode.PLACE_NOT_IN_COMMUNITY, "服务地点（微网格）不在本社区。")
                .require(Values.strings(row, "badTeams").isEmpty(), "teamIds", ErrorCode.TEAM_NOT_IN_COMMUNITY,
                        "不是本社区的功能型党支部或党小组：" + String.join("、", Values.strings(row, "badTeams")) + "。")
                .throwIfInvalid();
    }

    /** Writes a draft's values and replaces its links (place, skills, category, teams). */
    private void write(Map<String, Object> values) {
        neo4j.query("""
                MATCH (t:Task {id: $id})
                SET t.title = $title, t.description = $description, t.kind = $kind, t.difficulty = $difficulty,
                    t.headcount = $headcount, t.startsAt = $startsAt, t.endsAt = $endsAt, t.audience = $audience
                WITH t
                CALL (t) {
                  OPTIONAL MATCH (t)-[old:AT|REQUIRES_SKILL|IN_CATEGORY|FOR_TEAM]->()
                  DELETE old
                }
                CALL (t) {
                  MATCH (p:MicroGrid {id: $placeId})
                  CREATE (t)-[:AT]->(p)
                }
                CALL (t) {
                  UNWIND $skillIds AS skillId
                  MATCH (s:Skill {id: skillId})
                  CREATE (t)-[:REQUIRES_SKILL]->(s)
                }
                CALL (t) {
                  MATCH (c:PostCategory {id: $categoryId})
                  CREATE (t)-[:IN_CATEGORY]->(c)
                }
                CALL (t) {
                  UNWIND $teamIds AS teamId
                  OPTIONAL MATCH (b:FunctionalBranch {id: teamId})
                  OPTIONAL MATCH (g:FunctionalGroup {id: teamId})
                  WITH coalesce(b, g) AS team WHERE team IS NOT NULL
                  CREATE (t)-[:FOR_TEAM]->(team)
                }""").bindAll(values).run();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
