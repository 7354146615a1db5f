package cn.nantong.tongtongzai.organization;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.Page;

/** Reads of the organisation tree, level by level with explicit projections (DESIGN.md §2). */
@Service
@Transactional(readOnly = true)
public class OrganizationService {

    private final Neo4jClient neo4j;

    OrganizationService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public List<Street> streets(Page page) {
        return neo4j.query("""
                        MATCH (s:Street)
                        RETURN s.id AS id, s.name AS name, s.district AS district
                        ORDER BY s.id SKIP $skip LIMIT $limit""")
                .bindAll(Map.of("skip", page.skip(), "limit", page.fetchSize()))
                .fetchAs(Street.class).mappedBy((types, r) -> street(r))
                .all().stream().toList();
    }

    public Optional<Street> street(String id) {
        return neo4j.query("""
                        MATCH (s:Street {id: $id})
                        RETURN s.id AS id, s.name AS name, s.district AS district""")
                .bind(id).to("id")
                .fetchAs(Street.class).mappedBy((types, r) -> street(r))
                .one();
    }

    public Map<String, Street> streetsById(Collection<String> ids) {
        Map<String, Street> byId = new HashMap<>();
        neo4j.query("""
                        MATCH (s:Street) WHERE s.id IN $ids
                        RETURN s.id AS id, s.name AS name, s.district AS district""")
                .bind(List.copyOf(ids)).to("ids")
                .fetchAs(Street.class).mappedBy((types, r) -> street(r))
                .all().forEach(s -> byId.put(s.id(), s));
        return byId;
    }

    public Optional<Community> community(String id) {
        return neo4j.query("""
                        MATCH (s:Street)-[:HAS_COMMUNITY]->(c:Community {id: $id})
                        RETURN c.id AS id, c.name AS name, s.id AS streetId""")
                .bind(id).to("id")
                .fetchAs(Community.class).mappedBy((types, r) -> community(r))
                .one();
    }

    /** Pages of communities for many streets in one query; row i answers key i. */
    Map<StreetCommunitiesKey, List<Community>> communityPages(Collection<StreetCommunitiesKey> keys) {
        List<StreetCommunitiesKey> ordered = List.copyOf(keys);
        List<Map<String, Object>> params = ordered.stream()
                .map(k -> Map.<String, Object>of("streetId", k.streetId(), "skip", k.page().skip(),
                        "limit", k.page().fetchSize()))
                .toList();
        Map<StreetCommunitiesKey, List<Community>> pages = new HashMap<>();
        neo4j.query("""
                        UNWIND range(0, size($keys) - 1) AS i
                        WITH i, $keys[i] AS key
                        CALL (key) {
                          OPTIONAL MATCH (:Street {id: key.streetId})-[:HAS_COMMUNITY]->(c:Community)
                          WITH c ORDER BY c.id
                          RETURN collect(c {.id, .name}) AS all
                        }
                        // SKIP/LIMIT cannot depend on a row, so slice: a street has tens of communities
                        RETURN i, all[key.skip .. key.skip + key.limit] AS communities""")
                .bind(params).to("keys")
                .fetch().all()
                .forEach(row -> {
                    StreetCommunitiesKey key = ordered.get(((Number) row.get("i")).intValue());
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rows = (List<Map<String, Object>>) row.get("communities");
                    pages.put(key, rows.stream()
                            .map(c -> new Community((String) c.get("id"), (String) c.get("name"), key.streetId()))
                            .toList());
                });
        return pages;
    }

    public Map<String, Integer> communityCounts(Collection<String> streetIds) {
        Map<String, Integer> counts = new HashMap<>();
        neo4j.query("""
                        MATCH (s:Street) WHERE s.id IN $ids
                        RETURN s.id AS id, COUNT { (s)-[:HAS_COMMUNITY]->(:Community) } AS communities""")
                .bind(List.copyOf(streetIds)).to("ids")
                .fetch().all()
                .forEach(row -> counts.put((String) row.get("id"), ((Number) row.get("communities")).intValue()));
        return counts;
    }

    private static Street street(org.neo4j.driver.Record r) {
        return new Street(r.get("id").asString(), r.get("name").asString(), r.get("district").asString(null));
    }

    private static Community community(org.neo4j.driver.Record r) {
        return new Community(r.get("id").asString(), r.get("name").asString(), r.get("streetId").asString());
    }
}
