package cn.nantong.tongtongzai.request;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.task.TaskCancelled;
import cn.nantong.tongtongzai.task.TaskCompleted;

/**
 * What becomes of the requests a task served when the task ends: the request feature changes its own requests,
 * inside the task's transaction (the events are published there and heard synchronously), so a task is never
 * completed without its requests resolved, nor cancelled without them back for review.
 */
@Component
class TaskOutcomes {

    private final Neo4jClient neo4j;
    private final StateChanges history;
    private final ApplicationEventPublisher events;

    TaskOutcomes(Neo4jClient neo4j, StateChanges history, ApplicationEventPublisher events) {
        this.neo4j = neo4j;
        this.history = history;
        this.events = events;
    }

    /** The requests the task served, and the duplicates merged into them, are resolved. */
    @EventListener
    void taskCompleted(TaskCompleted task) {
        List<String> resolved = neo4j.query("""
                MATCH (t:Task {id: $id})<-[:SERVED_BY]-(r:Request {state: 'ACCEPTED'})
                OPTIONAL MATCH (r)<-[:DUPLICATE_OF*]-(d:Request {state: 'MERGED'})
                WITH collect(r) + collect(d) AS all
                UNWIND all AS x
                WITH DISTINCT x
                SET x.state = 'RESOLVED', x.resolvedAt = datetime()
                RETURN x.id""").bind(task.taskId()).to("id").fetchAs(String.class).all().stream().toList();
        history.recordAll("Request", resolved, StateAction.RESOLVE, null, "RESOLVED", task.actorId(), "任务已完成：" + task.title());
        resolved.forEach(id -> events.publishEvent(new RequestStateChanged(id, "RESOLVED", null, task.taskId(), task.title())));
    }

    /** The requests the task was to serve go back to the community for review. */
    @EventListener
    void taskCancelled(TaskCancelled task) {
        List<String> reopened = neo4j.query("""
                MATCH (t:Task {id: $id})<-[s:SERVED_BY]-(r:Request {state: 'ACCEPTED'})
                SET r.state = 'SUBMITTED'
                DELETE s
                RETURN r.id""").bind(task.taskId()).to("id").fetchAs(String.class).all().stream().toList();
        history.recordAll("Request", reopened, StateAction.REOPEN, "ACCEPTED", "SUBMITTED", task.actorId(), "任务已取消：" + task.reason());
        reopened.forEach(id -> events.publishEvent(new RequestStateChanged(id, "SUBMITTED", task.reason(), task.taskId(), task.title())));
    }
}
