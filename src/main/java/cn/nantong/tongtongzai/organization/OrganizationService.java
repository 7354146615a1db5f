package cn.nantong.tongtongzai.organization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.Page;

/**
 * Reads of the organisation tree, one level at a time with explicit projections (DESIGN.md §2). Every
 * method that serves a list of parents answers for all of them in one statement.
 */
@Service
@Transactional(readOnly = true)
public class OrganizationService {

    private final Neo4jClient neo4j;

    OrganizationService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public List<OrgNode> streets(Page page) {
        return rows("""
                MATCH (n:Street)
                RETURN n {.*} AS node ORDER BY n.id SKIP $skip LIMIT $limit""",
                Map.of("skip", page.skip(), "limit", page.fetchSize()))
                .stream().map(row -> node(TreeLevel.STREET, row.get("node"))).toList();
    }

    /** A node of any level by id. */
    public Optional<OrgNode> node(String id) {
        String union = java.util.Arrays.stream(TreeLevel.values())
                .map(level -> "MATCH (n:" + level.label() + " {id: $id}) RETURN n {.*} AS node, '" + level.name() + "' AS level")
                .collect(Collectors.joining(" UNION ALL "));
        return rows("CALL () { " + union + " } RETURN node, level", Map.of("id", id)).stream()
                .findFirst()
                .map(row -> node(TreeLevel.valueOf((String) row.get("level")), row.get("node")));
    }

    public Optional<OrgNode> node(String id, TreeLevel level) {
        return rows("MATCH (n:" + level.label() + " {id: $id}) RETURN n {.*} AS node", Map.of("id", id)).stream()
                .findFirst().map(row -> node(level, row.get("node")));
    }

    /** Nodes of one level by id, for batch lookups. */
    public Map<String, OrgNode> nodes(TreeLevel level, Collection<String> ids) {
        Map<String, OrgNode> byId = new HashMap<>();
        rows("MATCH (n:" + level.label() + ") WHERE n.id IN $ids RETURN n {.*} AS node", Map.of("ids", List.copyOf(ids)))
                .forEach(row -> {
                    OrgNode node = node(level, row.get("node"));
                    byId.put(node.id(), node);
                });
        return byId;
    }

    /** The community each micro-grid belongs to, for many micro-grids at once. */
    public Map<String, OrgNode> communitiesOfMicroGrids(Collection<String> microGridIds) {
        Map<String, OrgNode> byMicroGrid = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (c:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                      -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(:MicroGrid {id: id})
                RETURN id, c {.*} AS community""", Map.of("ids", List.copyOf(microGridIds)))
                .forEach(row -> byMicroGrid.put((String) row.get("id"), node(TreeLevel.COMMUNITY, row.get("community"))));
        return byMicroGrid;
    }

    /** Pages of children for many nodes: one statement per level among the requested nodes. */
    Map<NodePage, List<OrgNode>> children(Collection<NodePage> pages) {
        Map<NodePage, List<OrgNode>> result = new HashMap<>();
        byLevel(pages, p -> p.node().level()).forEach((level, requested) -> {
            if (level.childPattern() == null) {
                requested.forEach(p -> result.put(p, List.of()));
                return;
            }
            List<Map<String, Object>> keys = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                Page page = requested.get(i).page();
                keys.add(Map.of("i", i, "id", requested.get(i).node().id(), "skip", page.skip(), "limit", page.fetchSize()));
            }
            // SKIP/LIMIT cannot depend on a row, so slice: a node has at most a few dozen children
            rows("""
                    UNWIND $keys AS key
                    CALL (key) {
                      MATCH (n:%s {id: key.id})
                      OPTIONAL MATCH %s
                      WITH child ORDER BY child.id
                      RETURN collect(child {.*}) AS all
                    }
                    RETURN key.i AS i, all[key.skip .. key.skip + key.limit] AS children"""
                    .formatted(level.label(), level.childPattern()), Map.of("keys", keys))
                    .forEach(row -> result.put(requested.get(((Number) row.get("i")).intValue()),
                            nodes(level.childLevel(), row.get("children"))));
        });
        return result;
    }

    Map<OrgNode, Long> childCounts(List<OrgNode> nodes) {
        Map<OrgNode, Long> counts = new HashMap<>();
        byLevel(nodes, OrgNode::level).forEach((level, sameLevel) -> {
            if (level.childPattern() == null) {
                sameLevel.forEach(n -> counts.put(n, 0L));
                return;
            }
            Map<String, Long> byId = new HashMap<>();
            rows("""
                    UNWIND $ids AS id
                    MATCH (n:%s {id: id})
                    RETURN id, COUNT { %s } AS count""".formatted(level.label(), level.childPattern()),
                    Map.of("ids", ids(sameLevel)))
                    .forEach(row -> byId.put((String) row.get("id"), ((Number) row.get("count")).longValue()));
            sameLevel.forEach(n -> counts.put(n, byId.getOrDefault(n.id(), 0L)));
        });
        return counts;
    }

    Map<OrgNode, OrgNode> parents(List<OrgNode> nodes) {
        Map<OrgNode, OrgNode> parents = new HashMap<>();
        byLevel(nodes, OrgNode::level).forEach((level, sameLevel) -> {
            TreeLevel parentLevel = level.parentLevel();
            if (parentLevel == null) {
                return;
            }
            Map<String, OrgNode> byId = new HashMap<>();
            String pattern = parentLevel.childPattern().replace("(child:" + level.label() + ")",
                    "(child:" + level.label() + " {id: id})");
            rows("""
                    UNWIND $ids AS id
                    MATCH %s
                    RETURN id, n {.*} AS parent""".formatted(pattern), Map.of("ids", ids(sameLevel)))
                    .forEach(row -> byId.put((String) row.get("id"), node(parentLevel, row.get("parent"))));
            sameLevel.forEach(n -> parents.put(n, byId.get(n.id())));
        });
        return parents;
    }

    /** For each key, the counts it asks of its community, all in one statement (the union of what is asked). */
    Map<CommunityCounts.Asked, CommunityCounts> communityCounts(Set<CommunityCounts.Asked> asked) {
        Set<CommunityCount> counts = EnumSet.noneOf(CommunityCount.class);
        asked.forEach(a -> counts.addAll(a.counts()));
        Map<String, Map<CommunityCount, Long>> byCommunity = new HashMap<>();
        if (!counts.isEmpty()) {
            String columns = counts.stream().map(c -> c.expression() + " AS " + c.field()).collect(Collectors.joining(",\n       "));
            rows("UNWIND $ids AS id MATCH (c:Community {id: id}) RETURN id,\n       " + columns,
                    Map.of("ids", asked.stream().map(CommunityCounts.Asked::communityId).distinct().toList()))
                    .forEach(row -> {
                        Map<CommunityCount, Long> counted = new EnumMap<>(CommunityCount.class);
                        counts.forEach(c -> counted.put(c, num(row, c.field())));
                        byCommunity.put((String) row.get("id"), counted);
                    });
        }
        Map<CommunityCounts.Asked, CommunityCounts> answers = new HashMap<>();
        for (CommunityCounts.Asked a : asked) {
            Map<CommunityCount, Long> counted = byCommunity.get(a.communityId());
            if (counted != null || a.counts().isEmpty()) {
                Map<CommunityCount, Long> mine = new EnumMap<>(CommunityCount.class);
                a.counts().forEach(c -> mine.put(c, counted.get(c)));
                answers.put(a, new CommunityCounts(mine));
            }
        }
        return answers;
    }

    /** Functional branches and groups by id, each as its own record (the GraphQL union FunctionalTeam). */
    public Map<String, Object> functionalTeams(Collection<String> ids) {
        Map<String, Object> teams = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                OPTIONAL MATCH (c:Community)-[:HAS_FUNCTIONAL_BRANCH]->(f:FunctionalBranch {id: id})
                OPTIONAL MATCH (b:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup {id: id})-[:EMBEDDED_IN]->(x:GridBranch)
                WITH id, c, f, b, g, x WHERE f IS NOT NULL OR g IS NOT NULL
                RETURN id, f IS NOT NULL AS branch, coalesce(f.name, g.name) AS name, c.id AS communityId,
                       b.id AS branchId, x.id AS gridBranchId""", Map.of("ids", List.copyOf(ids)))
                .forEach(row -> teams.put((String) row.get("id"), Boolean.TRUE.equals(row.get("branch"))
                        ? new FunctionalBranch((String) row.get("id"), (String) row.get("name"), (String) row.get("communityId"))
                        : new FunctionalGroup((String) row.get("id"), (String) row.get("name"), (String) row.get("branchId"),
                                (String) row.get("gridBranchId"))));
        return teams;
    }

    Map<String, FunctionalBranch> functionalBranches(List<String> communityIds) {
        Map<String, FunctionalBranch> byCommunity = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (:Community {id: id})-[:HAS_FUNCTIONAL_BRANCH]->(f:FunctionalBranch)
                RETURN id, f.id AS branchId, f.name AS name""", Map.of("ids", communityIds))
                .forEach(row -> byCommunity.put((String) row.get("id"), new FunctionalBranch(
                        (String) row.get("branchId"), (String) row.get("name"), (String) row.get("id"))));
        return byCommunity;
    }

    Map<String, List<FunctionalGroup>> functionalGroups(List<String> functionalBranchIds) {
        Map<String, List<FunctionalGroup>> byBranch = new LinkedHashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (:FunctionalBranch {id: id})-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup)-[:EMBEDDED_IN]->(b:GridBranch)
                RETURN id, g.id AS groupId, g.name AS name, b.id AS gridBranchId ORDER BY groupId""",
                Map.of("ids", functionalBranchIds))
                .forEach(row -> byBranch.computeIfAbsent((String) row.get("id"), k -> new ArrayList<>())
                        .add(new FunctionalGroup((String) row.get("groupId"), (String) row.get("name"),
                                (String) row.get("id"), (String) row.get("gridBranchId"))));
        return byBranch;
    }

    Map<String, Long> functionalGroupMemberCounts(List<String> groupIds) {
        Map<String, Long> counts = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (g:FunctionalGroup {id: id})
                RETURN id, COUNT { (g)<-[:IN_FUNCTIONAL_GROUP]-(:Member) } AS count""", Map.of("ids", groupIds))
                .forEach(row -> counts.put((String) row.get("id"), num(row, "count")));
        return counts;
    }

    Map<String, Grid> gridsOfBranches(List<String> gridBranchIds) {
        Map<String, Grid> grids = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (:GridBranch {id: id})-[:SERVES_GRID]->(w:Grid)
                RETURN id, w.id AS gridId, w.name AS name""", Map.of("ids", gridBranchIds))
                .forEach(row -> grids.put((String) row.get("id"), new Grid((String) row.get("gridId"), (String) row.get("name"))));
        return grids;
    }

    /** The compounds (小区) of each community, by id; a community has a handful. */
    Map<String, List<Compound>> compoundsOfCommunities(List<String> communityIds) {
        Map<String, List<Compound>> compounds = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (:Community {id: id})
                RETURN id, COLLECT { MATCH (:Community {id: id})-[:HAS_COMPOUND]->(x:Compound)
                                     RETURN x {.id, .name, .kind} AS x ORDER BY x.id } AS compounds""", Map.of("ids", communityIds))
                .forEach(row -> compounds.put((String) row.get("id"), ((List<?>) row.get("compounds")).stream()
                        .map(x -> (Map<?, ?>) x)
                        .map(x -> new Compound((String) x.get("id"), (String) x.get("name"), (String) x.get("kind"))).toList()));
        return compounds;
    }

    Map<String, Compound> compoundsOfMicroGrids(List<String> microGridIds) {
        Map<String, Compound> compounds = new HashMap<>();
        rows("""
                UNWIND $ids AS id
                MATCH (:MicroGrid {id: id})-[:IN_COMPOUND]->(x:Compound)
                RETURN id, x.id AS compoundId, x.name AS name, x.kind AS kind""", Map.of("ids", microGridIds))
                .forEach(row -> compounds.put((String) row.get("id"), new Compound(
                        (String) row.get("compoundId"), (String) row.get("name"), (String) row.get("kind"))));
        return compounds;
    }

    private Collection<Map<String, Object>> rows(String cypher, Map<String, Object> parameters) {
        return neo4j.query(cypher).bindAll(parameters).fetch().all();
    }

    private static <T> Map<TreeLevel, List<T>> byLevel(Collection<T> items, java.util.function.Function<T, TreeLevel> level) {
        return items.stream().collect(Collectors.groupingBy(level, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<String> ids(List<OrgNode> nodes) {
        return nodes.stream().map(OrgNode::id).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static OrgNode node(TreeLevel level, Object map) {
        return OrgNode.of(level, (Map<String, Object>) map);
    }

    @SuppressWarnings("unchecked")
    private static List<OrgNode> nodes(TreeLevel level, Object maps) {
        return ((List<Map<String, Object>>) maps).stream().map(m -> OrgNode.of(level, m)).toList();
    }

    private static long num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }
}
