package cn.nantong.tongtongzai.evaluation;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.PersonalTasks;
import cn.nantong.tongtongzai.task.TaskService;

/**
 * What residents may still rate (评单): the active claims of completed tasks that served them
 * ({@link PersonalTasks#TASKS_SERVING_RESIDENT}) which they have not rated, in one read transaction.
 */
@Service
@Transactional(readOnly = true)
class ResidentRatingReads {

    private final Neo4jClient neo4j;
    private final TaskService tasks;

    ResidentRatingReads(Neo4jClient neo4j, TaskService tasks) {
        this.neo4j = neo4j;
        this.tasks = tasks;
    }

    /** Latest task first, then by claim; the claims are read in one more statement for all residents. */
    Map<NestedPage, List<Claim>> toRate(Collection<NestedPage> pages) {
        Map<NestedPage, List<String>> ids = NestedPage.load(neo4j, pages, """
                MATCH (x:Resident {id: key.parentId})
                %s
                WITH DISTINCT x, t WHERE t.state = 'COMPLETED'
                MATCH (t)<-[:FOR_TASK]-(c:Claim {state: 'ACTIVE'})
                WHERE NOT EXISTS { (c)<-[:RATES]-(:Evaluation {raterRole: 'RESIDENT', raterId: x.id}) }
                WITH c ORDER BY t.endsAt DESC, t.id, c.id
                RETURN collect(c.id) AS all""".formatted(PersonalTasks.TASKS_SERVING_RESIDENT), id -> (String) id);
        Map<String, Claim> claims = tasks.claims(ids.values().stream().flatMap(List::stream).distinct().toList());
        Map<NestedPage, List<Claim>> result = new java.util.HashMap<>();
        ids.forEach((page, list) -> result.put(page, list.stream().map(claims::get).filter(java.util.Objects::nonNull).toList()));
        return result;
    }
}
