package cn.nantong.tongtongzai.task;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.NestedPage;

/**
 * Tasks as one person meets them in their day: the services a resident received, and the team claims a member
 * is asked to confirm. Batched like every nested list: one statement for all parents of a response.
 */
@Service
@Transactional(readOnly = true)
public class PersonalTasks {

    /**
     * The tasks that serve resident {@code x}: those that took one of their requests (or a request theirs was
     * merged into), and those done at the building where they live. The same residents may rate these tasks'
     * claims (evaluation) and see who served them (platform/security/Places).
     */
    public static final String TASKS_SERVING_RESIDENT = """
            CALL (x) {
              MATCH (x)<-[:POSTED_BY]-(:Request)-[:SERVED_BY]->(t:Task) RETURN t
              UNION MATCH (x)<-[:POSTED_BY]-(:Request)-[:DUPLICATE_OF]->(:Request)-[:SERVED_BY]->(t:Task) RETURN t
              UNION MATCH (x)-[:LIVES_IN]->(:MicroGrid)<-[:AT]-(t:Task) RETURN t
            }""";

    private final Neo4jClient neo4j;

    PersonalTasks(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** Completed services each resident received (requests of theirs, their building), latest first. */
    Map<NestedPage, List<Task>> servicesOfResidents(Collection<NestedPage> pages) {
        return NestedPage.load(neo4j, pages, """
                MATCH (x:Resident {id: key.parentId})
                %s
                WITH DISTINCT t WHERE t.state IN ['COMPLETED', 'EVALUATED']
                WITH t ORDER BY t.endsAt DESC, t.id
                RETURN collect(%s) AS all""".formatted(TASKS_SERVING_RESIDENT, TaskService.TASK), TaskService::task);
    }

    /**
     * Team claims each member is asked to confirm: made by their functional group or branch on a task still open
     * for claims, which they have not joined yet; soonest first. Bounded: a member belongs to one group.
     */
    Map<String, List<TeamClaim>> teamClaimsToConfirm(Collection<String> memberIds) {
        Map<String, List<TeamClaim>> byMember = new java.util.HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id
                MATCH (m:Member {id: id})
                RETURN id, COLLECT {
                  MATCH (m)-[:IN_FUNCTIONAL_GROUP|IN_FUNCTIONAL_BRANCH]->(team)-[:MADE]->(tc:TeamClaim)-[:FOR_TASK]->(t:Task)
                  WHERE (t.state = 'PUBLISHED' OR (t.state = 'IN_PROGRESS' AND t.kind = 'EMERGENCY')) AND t.endsAt > datetime()
                    AND NOT EXISTS { (m)-[:MADE]->(c:Claim)-[:FOR_TASK]->(t) WHERE c.activeKey IS NOT NULL }
                  WITH DISTINCT tc, t ORDER BY t.startsAt, tc.id LIMIT 50
                  RETURN %s
                } AS value""".formatted(TaskService.TEAM_CLAIM))
                .bind(List.copyOf(memberIds)).to("ids").fetch().all()
                .forEach(row -> byMember.put((String) row.get("id"),
                        ((List<?>) row.get("value")).stream().map(TaskService::teamClaim).toList()));
        return byMember;
    }
}
