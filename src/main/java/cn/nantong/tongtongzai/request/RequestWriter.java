package cn.nantong.tongtongzai.request;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
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
import cn.nantong.tongtongzai.request.RequestRecords.AcceptRequestInput;
import cn.nantong.tongtongzai.request.RequestRecords.NewTaskInput;
import cn.nantong.tongtongzai.request.RequestRecords.PostRequestInput;
import cn.nantong.tongtongzai.task.Task;
import cn.nantong.tongtongzai.task.TaskRecords.CreateTaskInput;
import cn.nantong.tongtongzai.task.TaskWriter;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * 居民点单 and the community's review: a resident (or a grid worker on their behalf) posts a request; the
 * community accepts it into a new or an existing task, merges it into an earlier request, or rejects
 * it with a reason. Each decision locks the request, so two secretaries cannot decide it twice, and is
 * recorded with who and when.
 */
@Service
class RequestWriter {

    private static final Set<String> URGENCIES = Set.of("LOW", "NORMAL", "HIGH", "URGENT");
    private static final Map<String, String> STATE_NAMES = Map.of("SUBMITTED", "待受理", "ACCEPTED", "已受理",
            "MERGED", "已合并", "REJECTED", "已驳回", "RESOLVED", "已解决");

    private final Neo4jClient neo4j;
    private final ApplicationEventPublisher events;
    private final WriteTransactions transactions;
    private final StateChanges history;
    private final RequestService requests;
    private final TaskWriter taskWriter;

    RequestWriter(Neo4jClient neo4j, WriteTransactions transactions, StateChanges history, RequestService requests,
            TaskWriter taskWriter, ApplicationEventPublisher events) {
        this.neo4j = neo4j;
        this.events = events;
        this.transactions = transactions;
        this.history = history;
        this.requests = requests;
        this.taskWriter = taskWriter;
    }

    Request post(PostRequestInput input, Actor actor) {
        Validation v = new Validation();
        String text = input.text() == null ? "" : input.text().strip();
        v.require(text.length() >= 2 && text.length() <= 1000, "text", ErrorCode.INVALID_TEXT, "请用2至1000个字描述需求。");
        v.require(text.chars().filter(Character::isISOControl).allMatch(c -> c == '\n' || c == '\r' || c == '\t'),
                "text", ErrorCode.INVALID_TEXT, "需求描述含有无效字符。");
        String urgency = input.urgency() == null ? "NORMAL" : input.urgency();
        v.require(URGENCIES.contains(urgency), "urgency", ErrorCode.INVALID_URGENCY, "紧急程度无效。");
        OffsetDateTime from = input.preferredFrom();
        OffsetDateTime to = input.preferredTo();
        if (from != null && to != null) {
            v.require(from.isBefore(to), "preferredTo", ErrorCode.INVALID_WINDOW, "期望时间的结束须晚于开始。");
        }
        String key = input.clientRequestId();
        v.require(key == null || (!key.isBlank() && key.length() <= 64), "clientRequestId", ErrorCode.INVALID_CLIENT_REQUEST_ID,
                "请求标识须为1至64个字符。");
        v.throwIfInvalid();
        String clientKey = key == null ? null : nonNull(input.residentId()) + "/" + key;
        try {
            return transactions.execute(status -> posted(clientKey).orElseGet(() -> create(input, actor, text, urgency, from, to, clientKey)));
        } catch (DataIntegrityViolationException raced) {
            // the same key sent twice at once: the other one created it
            return posted(clientKey).orElseThrow(() -> raced);
        }
    }

    /** The request a retry with the same client key refers to: the resident posted it already. */
    private Optional<Request> posted(String clientKey) {
        if (clientKey == null) {
            return Optional.empty();
        }
        return neo4j.query("MATCH (r:Request {clientKey: $key}) RETURN r.id").bind(clientKey).to("key")
                .fetchAs(String.class).one().flatMap(requests::request);
    }

    private Request create(PostRequestInput input, Actor actor, String text, String urgency, OffsetDateTime from,
            OffsetDateTime to, String clientKey) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("residentId", nonNull(input.residentId()));
        parameters.put("placeId", input.placeId());
        parameters.put("categoryId", input.categoryId());
        parameters.put("enteredById", input.enteredById());
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (resident:Resident {id: $residentId})
                OPTIONAL MATCH (resident)-[:LIVES_IN]->(home:MicroGrid)
                OPTIONAL MATCH (given:MicroGrid {id: $placeId})
                WITH resident, coalesce(given, CASE WHEN $placeId IS NULL THEN home END) AS place
                OPTIONAL MATCH (c:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                      -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(place)
                OPTIONAL MATCH (worker:Member {id: $enteredById})
                RETURN resident IS NOT NULL AS resident, place IS NOT NULL AS place, c.id AS communityId,
                       $categoryId IS NULL OR EXISTS { MATCH (:PostCategory {id: $categoryId}) } AS category,
                       $enteredById IS NULL OR worker IS NOT NULL AS worker,
                       // 网格长 (a grid branch's deputy secretary) enters requests as grid workers and volunteers do
                       $enteredById IS NULL OR any(role IN coalesce(worker.roles, []) WHERE role IN ['PART_TIME_GRID_WORKER', 'GRID_VOLUNTEER'])
                         OR EXISTS { (worker)-[:DEPUTY_SECRETARY_OF]->(:GridBranch) } AS gridWorker""")
                .bindAll(parameters).fetch().one().orElseThrow();
        Validation refs = new Validation()
                .require(Values.bool(row, "resident"), "residentId", ErrorCode.RESIDENT_NOT_FOUND, "找不到该居民。")
                .require(Values.bool(row, "place") || (!Values.bool(row, "resident") && input.placeId() == null), "placeId", ErrorCode.PLACE_NOT_FOUND, "找不到需求所在的微网格。")
                .require(Values.bool(row, "category"), "categoryId", ErrorCode.POST_CATEGORY_NOT_FOUND, "找不到该岗位类别。")
                .require(Values.bool(row, "worker"), "enteredById", ErrorCode.MEMBER_NOT_FOUND, "找不到代为登记的网格员。");
        if (refs.ok()) {
            refs.require(Values.bool(row, "gridWorker"), "enteredById", ErrorCode.NOT_A_GRID_WORKER,
                    "只有网格长、兼职网格员或网格志愿者可以代居民点单。");
        }
        refs.throwIfInvalid();
        String id = "RQ-" + UUID.randomUUID();
        parameters.put("id", id);
        parameters.put("text", text);
        parameters.put("urgency", urgency);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("communityId", row.get("communityId"));
        parameters.put("placeId", input.placeId());
        parameters.put("clientKey", clientKey);
        neo4j.query("""
                MATCH (resident:Resident {id: $residentId}), (c:Community {id: $communityId})
                OPTIONAL MATCH (resident)-[:LIVES_IN]->(home:MicroGrid)
                OPTIONAL MATCH (given:MicroGrid {id: $placeId})
                WITH resident, c, coalesce(given, home) AS place
                CREATE (r:Request {id: $id, text: $text, urgency: $urgency, preferredFrom: $from, preferredTo: $to,
                                   state: 'SUBMITTED', submittedAt: datetime(), clientKey: $clientKey})
                CREATE (r)-[:POSTED_BY]->(resident), (r)-[:AT]->(place), (r)-[:IN_COMMUNITY]->(c)
                WITH r
                CALL (r) {
                  MATCH (k:PostCategory {id: $categoryId})
                  CREATE (r)-[:IN_CATEGORY]->(k)
                }
                CALL (r) {
                  MATCH (m:Member {id: $enteredById})
                  CREATE (r)-[:ENTERED_BY]->(m)
                }""").bindAll(parameters).run();
        history.record("Request", id, StateAction.SUBMIT, null, "SUBMITTED", actor.id(), null);
        events.publishEvent(new RequestPosted(id, text)); // classified just before this transaction commits
        return requests.request(id).orElseThrow();
    }

    /** Accepts a request into an existing open task of its community, or into a new task drafted from it. */
    Request accept(AcceptRequestInput input, Actor actor) {
        if ((input.taskId() == null) == (input.newTask() == null)) {
            throw new UserInputException(ErrorCode.TASK_OR_NEW_TASK, "请选择已有任务（taskId）或新建任务（newTask），二选一。");
        }
        return transactions.execute(status -> {
            Request request = lockSubmitted(input.requestId(), "受理");
            String taskId;
            if (input.taskId() != null) {
                // locked: a concurrent cancel or completion either comes first (and is seen here) or waits
                Task task = taskWriter.lock(input.taskId());
                if (!task.communityId().equals(request.communityId())) {
                    throw new UserInputException(ErrorCode.TASK_NOT_IN_COMMUNITY, "该任务不属于需求所在社区。");
                }
                if (!task.open()) {
                    throw new UserInputException(ErrorCode.TASK_NOT_OPEN, "该任务已结束或已取消，不能再承接需求。");
                }
                taskId = task.id();
            } else {
                NewTaskInput t = input.newTask();
                taskId = taskWriter.create(new CreateTaskInput(request.communityId(), t.title(),
                        t.description() != null ? t.description() : request.text(), t.kind(), t.difficulty(),
                        t.headcount(), t.startsAt(), t.endsAt(), t.placeId() != null ? t.placeId() : request.placeId(),
                        t.skillIds(), t.categoryId() != null || (t.skillIds() != null && !t.skillIds().isEmpty())
                                ? t.categoryId() : request.categoryId(),
                        t.audience(), t.teamIds()), actor).id();
            }
            neo4j.query("""
                    MATCH (r:Request {id: $id}), (t:Task {id: $taskId})
                    SET r.state = 'ACCEPTED', r.decidedAt = datetime()
                    CREATE (r)-[:SERVED_BY]->(t)""").bindAll(Map.of("id", request.id(), "taskId", taskId)).run();
            history.record("Request", request.id(), StateAction.ACCEPT, "SUBMITTED", "ACCEPTED", actor.id(), taskId);
            events.publishEvent(new RequestStateChanged(request.id(), "ACCEPTED", null));
            return requests.request(request.id()).orElseThrow();
        });
    }

    /** Marks a request as a duplicate of an earlier one of the same community; it is resolved with it. */
    Request merge(String requestId, String intoRequestId, Actor actor) {
        return transactions.execute(status -> {
            Request request = lockSubmitted(requestId, "合并");
            if (request.id().equals(intoRequestId)) {
                throw new UserInputException(ErrorCode.CANNOT_MERGE_INTO_ITSELF, "不能把需求合并到它自己。");
            }
            long locked = neo4j.query("MATCH (r:Request {id: $id}) " + RowLocks.lock("r") + " RETURN count(r)")
                    .bind(nonNull(intoRequestId)).to("id").fetchAs(Long.class).one().orElse(0L);
            Request target = (locked == 0 ? java.util.Optional.<Request>empty() : requests.request(intoRequestId))
                    .orElseThrow(() -> new UserInputException(ErrorCode.REQUEST_NOT_FOUND, "找不到要合并到的需求。"));
            if (!target.communityId().equals(request.communityId())) {
                throw new UserInputException(ErrorCode.REQUEST_NOT_IN_COMMUNITY, "只能合并同一社区的需求。");
            }
            if (!Set.of("SUBMITTED", "ACCEPTED").contains(target.state())) {
                throw new UserInputException(ErrorCode.INVALID_MERGE_TARGET,
                        "只能合并到待受理或已受理的需求（目标需求" + STATE_NAMES.get(target.state()) + "）。");
            }
            neo4j.query("""
                    MATCH (r:Request {id: $id}), (target:Request {id: $target})
                    SET r.state = 'MERGED', r.decidedAt = datetime()
                    CREATE (r)-[:DUPLICATE_OF]->(target)""").bindAll(Map.of("id", request.id(), "target", target.id())).run();
            history.record("Request", request.id(), StateAction.MERGE, "SUBMITTED", "MERGED", actor.id(), target.id());
            events.publishEvent(new RequestStateChanged(request.id(), "MERGED", null));
            return requests.request(request.id()).orElseThrow();
        });
    }

    Request reject(String requestId, String reason, Actor actor) {
        String why = reason == null ? "" : reason.strip();
        new Validation().require(why.length() >= 2 && why.length() <= 200 && why.chars().noneMatch(Character::isISOControl),
                "reason", ErrorCode.INVALID_REASON, "驳回理由须为2至200个字符，居民可以看到。").throwIfInvalid();
        return transactions.execute(status -> {
            Request request = lockSubmitted(requestId, "驳回");
            neo4j.query("MATCH (r:Request {id: $id}) SET r.state = 'REJECTED', r.decidedAt = datetime(), r.rejectReason = $reason")
                    .bindAll(Map.of("id", request.id(), "reason", why)).run();
            history.record("Request", request.id(), StateAction.REJECT, "SUBMITTED", "REJECTED", actor.id(), why);
            events.publishEvent(new RequestStateChanged(request.id(), "REJECTED", why));
            // the duplicates merged into it share its fate, with the same reason
            List<String> duplicates = neo4j.query("""
                    MATCH (:Request {id: $id})<-[:DUPLICATE_OF*]-(d:Request {state: 'MERGED'})
                    SET d.state = 'REJECTED', d.decidedAt = datetime(), d.rejectReason = $reason
                    RETURN d.id""").bindAll(Map.of("id", request.id(), "reason", why)).fetchAs(String.class).all().stream().toList();
            for (String duplicate : duplicates) {
                history.record("Request", duplicate, StateAction.REJECT, "MERGED", "REJECTED", actor.id(), why);
                events.publishEvent(new RequestStateChanged(duplicate, "REJECTED", why));
            }
            return requests.request(request.id()).orElseThrow();
        });
    }

    private Request lockSubmitted(String requestId, String action) {
        long locked = neo4j.query("MATCH (r:Request {id: $id}) " + RowLocks.lock("r") + " RETURN count(r)")
                .bind(nonNull(requestId)).to("id").fetchAs(Long.class).one().orElse(0L);
        if (locked == 0) {
            throw new UserInputException(ErrorCode.REQUEST_NOT_FOUND, "找不到该需求。");
        }
        Request request = requests.request(requestId).orElseThrow();
        if (!"SUBMITTED".equals(request.state())) {
            throw new UserInputException(ErrorCode.INVALID_STATE_TRANSITION,
                    "只有待受理的需求可以" + action + "（当前：" + STATE_NAMES.getOrDefault(request.state(), request.state()) + "）。");
        }
        return request;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
