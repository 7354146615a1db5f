package cn.nantong.tongtongzai.task;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.task.TaskRecords.CreateServicePostInput;
import cn.nantong.tongtongzai.task.TaskRecords.UpdateServicePostInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * 岗位式报到: a community defines standing posts in the eight categories (法律援助岗, 政策宣传岗 …), each
 * with a secret its check-in codes derive from (PostCodes); members registered there choose the posts that fit them.
 */
@Service
public class ServicePosts {

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final TaskService tasks;
    private final StateChanges history;

    ServicePosts(Neo4jClient neo4j, WriteTransactions transactions, TaskService tasks, StateChanges history) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.tasks = tasks;
        this.history = history;
    }

    public ServicePost create(CreateServicePostInput input, Actor actor) {
        String name = Validation.name(input.name(), "name", 50);
        String description = description(input.description());
        return transactions.execute(status -> {
            Map<String, Object> row = neo4j.query("""
                    OPTIONAL MATCH (c:Community {id: $communityId})
                    OPTIONAL MATCH (k:PostCategory {id: $categoryId})
                    RETURN c IS NOT NULL AS community, k IS NOT NULL AS category""")
                    .bindAll(Map.of("communityId", nonNull(input.communityId()), "categoryId", nonNull(input.categoryId())))
                    .fetch().one().orElseThrow();
            new Validation()
                    .require(Values.bool(row, "community"), "communityId", ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                    .require(Values.bool(row, "category"), "categoryId", ErrorCode.POST_CATEGORY_NOT_FOUND, "找不到该岗位类别。")
                    .throwIfInvalid();
            String id = "P-" + UUID.randomUUID();
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", id);
            parameters.put("name", name);
            parameters.put("description", description);
            parameters.put("communityId", input.communityId());
            parameters.put("categoryId", input.categoryId());
            parameters.put("secret", PostCodes.newSecret());
            neo4j.query("""
                    MATCH (c:Community {id: $communityId}), (k:PostCategory {id: $categoryId})
                    CREATE (c)-[:HAS_POST]->(p:ServicePost {id: $id, name: $name, description: $description,
                                                           codeSecret: $secret, active: true})-[:IN_CATEGORY]->(k)""")
                    .bindAll(parameters).run();
            history.record("ServicePost", id, StateAction.CREATE, null, "ACTIVE", actor.id(), null);
            return tasks.post(id).orElseThrow();
        });
    }

    /** Renames, re-describes, or (de)activates a post; an inactive post takes no new holders or check-ins. */
    public ServicePost update(UpdateServicePostInput input, Actor actor) {
        String name = input.name() == null ? null : Validation.name(input.name(), "name", 50);
        String description = description(input.description());
        return transactions.execute(status -> {
            ServicePost post = tasks.post(nonNull(input.id()))
                    .orElseThrow(() -> new UserInputException(ErrorCode.POST_NOT_FOUND, "找不到该岗位。"));
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", post.id());
            parameters.put("name", name != null ? name : post.name());
            parameters.put("description", input.description() != null ? description : post.description());
            parameters.put("active", input.active() != null ? input.active() : post.active());
            neo4j.query("MATCH (p:ServicePost {id: $id}) SET p.name = $name, p.description = $description, p.active = $active")
                    .bindAll(parameters).run();
            if (input.active() != null && input.active() != post.active()) {
                history.record("ServicePost", post.id(), input.active() ? StateAction.ACTIVATE : StateAction.DEACTIVATE,
                        post.active() ? "ACTIVE" : "INACTIVE", input.active() ? "ACTIVE" : "INACTIVE", actor.id(), null);
            }
            return tasks.post(post.id()).orElseThrow();
        });
    }

    /** A member registered (confirmed) with the post's community takes it up; choosing again changes nothing. */
    public ServicePost choose(String postId, String memberId, Actor actor) {
        return transactions.execute(status -> {
            Map<String, Object> row = situation(postId, memberId);
            if (!Values.bool(row, "active")) {
                throw new UserInputException(ErrorCode.POST_INACTIVE, "该岗位已停用。");
            }
            if (!Values.bool(row, "registered")) {
                throw new UserInputException(ErrorCode.NOT_IN_COMMUNITY, "该党员未在岗位所在社区报到。");
            }
            neo4j.query("""
                    MATCH (p:ServicePost {id: $postId}), (m:Member {id: $memberId})
                    MERGE (m)-[h:HOLDS_POST]->(p) ON CREATE SET h.since = date(), h.by = $actor""")
                    .bindAll(Map.of("postId", postId, "memberId", memberId, "actor", actor.id())).run();
            return tasks.post(postId).orElseThrow();
        });
    }

    public ServicePost leave(String postId, String memberId) {
        return transactions.execute(status -> {
            situation(postId, memberId);
            neo4j.query("MATCH (:Member {id: $memberId})-[h:HOLDS_POST]->(:ServicePost {id: $postId}) DELETE h")
                    .bindAll(Map.of("postId", postId, "memberId", memberId)).run();
            return tasks.post(postId).orElseThrow();
        });
    }

    private Map<String, Object> situation(String postId, String memberId) {
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (p:ServicePost {id: $postId})
                OPTIONAL MATCH (m:Member {id: $memberId})
                RETURN p IS NOT NULL AS post, m IS NOT NULL AS member, coalesce(p.active, true) AS active,
                       EXISTS { (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community)-[:HAS_POST]->(p)
                                WHERE r.activeMemberId IS NOT NULL } AS registered""")
                .bindAll(Map.of("postId", nonNull(postId), "memberId", nonNull(memberId))).fetch().one().orElseThrow();
        new Validation()
                .require(Values.bool(row, "post"), "postId", ErrorCode.POST_NOT_FOUND, "找不到该岗位。")
                .require(Values.bool(row, "member"), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                .throwIfInvalid();
        return row;
    }

    private static String description(String value) {
        String trimmed = value == null ? null : value.strip();
        new Validation().require(trimmed == null || trimmed.length() <= 500, "description", ErrorCode.INVALID_DESCRIPTION,
                "说明最多500个字符。").throwIfInvalid();
        return trimmed;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
