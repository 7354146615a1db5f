package cn.nantong.tongtongzai.member;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.MemberRecords.PartyOrg;
import cn.nantong.tongtongzai.organization.Compound;

import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/**
 * graphql/member.graphqls: the 业委会 (owners committees) and 物业公司 (property companies) of compounds, with
 * their party organisations — organisations the community's 大党委 unites, read by anyone signed in (no people).
 */
@Controller
@Transactional(readOnly = true)
class CompoundOrganisations {

    /** An owners committee or property company, its party organisation and the compounds it belongs to. */
    record Organisation(String id, String name, PartyOrg partyOrg, List<String> compoundIds) {
    }

    private static final String ORGANISATION = """
            x {.id, .name, compoundIds: COLLECT { MATCH (x)-[:OF_COMPOUND|MANAGES]->(c:Compound) RETURN c.id ORDER BY c.id },
               partyOrg: COLLECT { MATCH (x)-[:HAS_PARTY_ORG]->(o:PartyOrg) RETURN o {.id, .name} }[0]}""";

    private final Neo4jClient neo4j;

    CompoundOrganisations(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    @QueryMapping
    Organisation ownersCommittee(@Argument String id) {
        return one("OwnersCommittee", id);
    }

    @QueryMapping
    Organisation propertyCompany(@Argument String id) {
        return one("PropertyCompany", id);
    }

    @BatchMapping(typeName = "Compound")
    Map<Compound, Organisation> ownersCommittee(List<Compound> compounds) {
        Map<String, List<Organisation>> byCompound = ofCompounds(compounds, "(x:OwnersCommittee)-[:OF_COMPOUND]->");
        Map<Compound, Organisation> result = new HashMap<>();
        compounds.forEach(c -> byCompound.getOrDefault(c.id(), List.of()).stream().findFirst().ifPresent(o -> result.put(c, o)));
        return result;
    }

    @BatchMapping(typeName = "Compound")
    Map<Compound, List<Organisation>> propertyCompanies(List<Compound> compounds) {
        return joinOr(compounds, Compound::id, ofCompounds(compounds, "(x:PropertyCompany)-[:MANAGES]->"), List.of());
    }

    private Organisation one(String label, String id) {
        return neo4j.query("MATCH (x:" + label + " {id: $id}) RETURN " + ORGANISATION + " AS x").bind(id).to("id")
                .fetch().one().map(row -> organisation(row.get("x"))).orElse(null);
    }

    private Map<String, List<Organisation>> ofCompounds(List<Compound> compounds, String pattern) {
        Map<String, List<Organisation>> byCompound = new HashMap<>();
        neo4j.query("UNWIND $ids AS id MATCH " + pattern + "(:Compound {id: id}) WITH id, x ORDER BY x.id "
                        + "RETURN id, collect(" + ORGANISATION + ") AS list")
                .bind(compounds.stream().map(Compound::id).distinct().toList()).to("ids").fetch().all()
                .forEach(row -> byCompound.put((String) row.get("id"),
                        ((List<?>) row.get("list")).stream().map(CompoundOrganisations::organisation).toList()));
        return byCompound;
    }

    private static Organisation organisation(Object value) {
        Map<?, ?> x = (Map<?, ?>) value;
        Map<?, ?> o = (Map<?, ?>) x.get("partyOrg");
        List<String> compoundIds = ((List<?>) x.get("compoundIds")).stream().map(String::valueOf).toList();
        return new Organisation((String) x.get("id"), (String) x.get("name"),
                o == null ? null : new PartyOrg((String) o.get("id"), (String) o.get("name")), compoundIds);
    }
}
