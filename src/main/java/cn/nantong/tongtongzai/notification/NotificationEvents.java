package cn.nantong.tongtongzai.notification;

import static cn.nantong.tongtongzai.notification.NotificationKind.REGISTRATION_CONFIRMED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REGISTRATION_REJECTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_ACCEPTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_MERGED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_REJECTED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_REOPENED;
import static cn.nantong.tongtongzai.notification.NotificationKind.REQUEST_RESOLVED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_ASSIGNED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_CANCELLED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TASK_PUBLISHED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TEAM_CLAIMED;
import static cn.nantong.tongtongzai.notification.NotificationKind.TEAM_TASK_OFFERED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.nantong.tongtongzai.member.RegistrationDecided;
import cn.nantong.tongtongzai.notification.Notice.About;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.request.RequestStateChanged;
import cn.nantong.tongtongzai.task.ClaimMade;
import cn.nantong.tongtongzai.task.ClaimService;
import cn.nantong.tongtongzai.task.TaskCancelled;
import cn.nantong.tongtongzai.task.TaskPublished;
import cn.nantong.tongtongzai.task.TeamClaimMade;

/**
 * Turns the writers' events into notifications, in the transaction of the event just before it commits: a
 * refused or rolled-back change leaves no notification, a committed one always has its own, and a person who was
 * offline finds it in their inbox later. Who is told is decided here, from the graph as the change leaves it.
 */
@Component
class NotificationEvents {

    /**
     * At most this many people are told of one event (a community's members, a branch's members): the inbox is
     * for the people concerned, not a broadcast. Those the task fits best come first.
     */
    static final int MAX_RECIPIENTS = 500;

    private final Neo4jClient neo4j;
    private final Inbox inbox;

    NotificationEvents(Neo4jClient neo4j, Inbox inbox) {
        this.neo4j = neo4j;
        this.inbox = inbox;
    }

    /**
     * A task for members: the members confirmed with its community who hold one of its required skills or chose
     * its post category (highest skill level first). A team task: the leaders of the branches and groups it went
     * to — a branch's 第一书记 and the leader (副书记 of the grid branch it is embedded in) of each of its groups.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void taskPublished(TaskPublished event) {
        boolean teams = "TEAMS".equals(event.audience());
        Map<String, Object> row = neo4j.query(teams ? """
                MATCH (t:Task {id: $id})-[:FOR_TEAM]->(team)
                CALL (team) {
                  MATCH (m:Member)-[:SECRETARY_OF]->(team) RETURN m
                  UNION
                  MATCH (team)-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup)-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(m:Member) RETURN m
                  UNION
                  MATCH (team:FunctionalGroup)-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(m:Member) RETURN m
                }
                WITH DISTINCT t, m ORDER BY m.id LIMIT $max
                RETURN t.title AS title, t.kind AS kind, collect(m.id) AS recipients""" : """
                MATCH (t:Task {id: $id})-[:OF_COMMUNITY]->(:Community)<-[:WITH_COMMUNITY]-(r:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
                WHERE r.activeMemberId IS NOT NULL
                WITH t, m, COLLECT { MATCH (t)-[:REQUIRES_SKILL]->(:Skill)<-[h:HAS_SKILL]-(m) RETURN coalesce(h.level, 1) } AS levels,
                     EXISTS { (t)-[:IN_CATEGORY]->(:PostCategory)<-[:CHOSE_POST]-(m) } AS chose
                WHERE size(levels) > 0 OR chose
                WITH t, m, reduce(best = 0, level IN levels | CASE WHEN level > best THEN level ELSE best END) AS best
                ORDER BY best DESC, m.id LIMIT $max
                RETURN t.title AS title, t.kind AS kind, collect(m.id) AS recipients""")
                .bindAll(Map.of("id", event.taskId(), "max", MAX_RECIPIENTS)).fetch().one().orElse(null);
        if (row == null) {
            return;
        }
        String title = Values.string(row, "title");
        String text = teams
                ? ("EMERGENCY".equals(Values.string(row, "kind")) ? "应急任务「" : "任务「") + title
                        + "」已发布给您负责的功能型党组织，请尽快组织组团认领。"
                : "社区发布了新任务「" + title + "」，与您的技能或所选岗位相符，欢迎认领。";
        inbox.deliver(Values.strings(row, "recipients").stream()
                .map(member -> Notice.toMember(member, teams ? TEAM_TASK_OFFERED : TASK_PUBLISHED, text, About.task(event.taskId())))
                .toList());
    }

    /** Put on a task by someone else — a secretary's assignment or an accepted matching proposal. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void claimMade(ClaimMade event) {
        if (event.source() != ClaimService.Source.ASSIGNED && event.source() != ClaimService.Source.MATCHING) {
            return; // the member's own claim or team confirmation: they know
        }
        String title = title(event.taskId());
        String text = (event.source() == ClaimService.Source.MATCHING ? "社区根据智能匹配安排您参加任务「" : "社区已安排您参加任务「")
                + title + "」，请按时参加；如不能参加，请及时联系社区。";
        inbox.deliver(List.of(Notice.toMember(event.memberId(), TASK_ASSIGNED, text,
                About.claim(event.taskId(), event.claimId()))));
    }

    /** The team's members who may confirm: registered with the task's community. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void teamClaimMade(TeamClaimMade event) {
        Map<String, Object> row = neo4j.query("""
                MATCH (team)-[:MADE]->(tc:TeamClaim {id: $id})-[:FOR_TASK]->(t:Task)-[:OF_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (tc)-[:SUPPORT_FROM]->(home:Community)
                // confirmed where the team confirms: the task's community, or the team's own when it came as support
                OPTIONAL MATCH (m:Member)-[:IN_FUNCTIONAL_GROUP|IN_FUNCTIONAL_BRANCH]->(team)
                WHERE EXISTS { (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(x:Community)
                               WHERE r.activeMemberId IS NOT NULL AND (x = c OR x = home) }
                WITH t, team, m ORDER BY m.id
                RETURN t.title AS title, team.name AS team, collect(DISTINCT m.id)[..$max] AS recipients""")
                .bindAll(Map.of("id", event.teamClaimId(), "max", MAX_RECIPIENTS)).fetch().one().orElse(null);
        if (row == null) {
            return;
        }
        String text = "您所在的「" + Values.string(row, "team") + "」已组团认领任务「" + Values.string(row, "title")
                + "」，请确认是否参加。";
        inbox.deliver(Values.strings(row, "recipients").stream()
                .map(member -> Notice.toMember(member, TEAM_CLAIMED, text, About.teamClaim(event.taskId(), event.teamClaimId())))
                .toList());
    }

    /** The members who lost their seat (the residents hear from their requests: {@link #requestStateChanged}). */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void taskCancelled(TaskCancelled event) {
        List<Notice> notices = new ArrayList<>();
        for (String member : event.claimHolderIds()) {
            notices.add(Notice.toMember(member, TASK_CANCELLED, "您认领的任务「" + event.title() + "」已取消：" + event.reason(),
                    About.task(event.taskId())));
        }
        inbox.deliver(notices);
    }

    /**
     * The resident who posted the request: accepted, merged or rejected (with the reason); resolved by its task, or
     * back for review because the task was cancelled.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void requestStateChanged(RequestStateChanged event) {
        for (Map<String, Object> request : posters(List.of(event.requestId()))) {
            String quoted = "您的需求「" + excerpt(Values.string(request, "text")) + "」";
            Notice notice = switch (event.to()) {
                case "ACCEPTED" -> Notice.toResident(Values.string(request, "resident"), REQUEST_ACCEPTED,
                        "社区已受理" + quoted + "，将通过任务「" + Values.string(request, "task") + "」安排党员服务。",
                        About.request(event.requestId()));
                case "MERGED" -> Notice.toResident(Values.string(request, "resident"), REQUEST_MERGED,
                        quoted + "与其他居民反映的同一问题合并处理，解决后一并告知您。", About.request(event.requestId()));
                case "REJECTED" -> Notice.toResident(Values.string(request, "resident"), REQUEST_REJECTED,
                        quoted + "未被受理：" + event.reason(), About.request(event.requestId()));
                case "RESOLVED" -> Notice.toResident(Values.string(request, "resident"), REQUEST_RESOLVED,
                        quoted + "已解决：任务「" + event.taskTitle() + "」已完成，欢迎评价。", About.request(event.requestId()));
                case "SUBMITTED" -> Notice.toResident(Values.string(request, "resident"), REQUEST_REOPENED,
                        "原定服务您需求「" + excerpt(Values.string(request, "text")) + "」的任务「" + event.taskTitle() + "」已取消，社区将重新安排。",
                        About.request(event.requestId()));
                default -> null;
            };
            if (notice != null) {
                inbox.deliver(List.of(notice));
            }
        }
    }

    /** The member whose registration the community decided. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void registrationDecided(RegistrationDecided event) {
        String community = neo4j.query("MATCH (:Registration {id: $id})-[:WITH_COMMUNITY]->(c:Community) RETURN c.name")
                .bind(event.registrationId()).to("id").fetchAs(String.class).one().orElse("社区");
        boolean confirmed = "CONFIRMED".equals(event.state());
        inbox.deliver(List.of(Notice.toMember(event.memberId(),
                confirmed ? REGISTRATION_CONFIRMED : REGISTRATION_REJECTED,
                confirmed ? community + "已确认您的报到，欢迎参加社区服务。" : community + "未通过您的报到：" + event.reason(),
                About.registration(event.registrationId()))));
    }

    private String title(String taskId) {
        return neo4j.query("MATCH (t:Task {id: $id}) RETURN t.title").bind(taskId).to("id")
                .fetchAs(String.class).one().orElse("");
    }

    /** Each request with its text, the resident who posted it and the title of the task serving it (if any). */
    private List<Map<String, Object>> posters(List<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return List.copyOf(neo4j.query("""
                UNWIND $ids AS id
                MATCH (r:Request {id: id})-[:POSTED_BY]->(x:Resident)
                RETURN r.id AS id, r.text AS text, x.id AS resident,
                       COLLECT { MATCH (r)-[:SERVED_BY]->(t:Task) RETURN t.title }[0] AS task""")
                .bind(requestIds).to("ids").fetch().all());
    }

    /** The start of a resident's words, on one line: enough to recognise their request. */
    static String excerpt(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= 20 ? line
                : line.substring(0, line.offsetByCodePoints(0, 20)) + "…";
    }
}
