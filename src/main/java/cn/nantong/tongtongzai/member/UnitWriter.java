package cn.nantong.tongtongzai.member;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.member.MemberRecords.CreateOwnersCommitteeInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreatePropertyCompanyInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.OrganisationPayload;
import cn.nantong.tongtongzai.member.MemberRecords.PairUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.PartyOrg;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateUnitInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/** Units and their links to communities (结对共建, 驻区), owners committees and property companies. */
@Service
public class UnitWriter {

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final MemberService members;

    UnitWriter(Neo4jClient neo4j, MemberService members, WriteTransactions transactions) {
        this.transactions = transactions;
        this.neo4j = neo4j;
        this.members = members;
    }

    public Unit create(CreateUnitInput input) {
        return transactions.execute(status -> {
            String name = name(input.name(), "name");
            String partyOrgName = input.partyOrgName() == null ? name + "党委" : name(input.partyOrgName(), "partyOrgName");
            String id = "U-" + UUID.randomUUID();
            neo4j.query("""
                    CREATE (u:Unit {id: $id, name: $name, kind: $kind})
                    CREATE (u)-[:HAS_PARTY_ORG]->(:PartyOrg:UnitPartyOrg {id: $id + '-PO', name: $partyOrgName})""")
                    .bindAll(Map.of("id", id, "name", name, "kind", input.kind(), "partyOrgName", partyOrgName)).run();
            return members.unit(id).orElseThrow();
        });
    }

    public Unit update(UpdateUnitInput input) {
        return transactions.execute(status -> {
            requireUnit(input.id());
            Map<String, Object> changes = new HashMap<>();
            if (input.name() != null) {
                changes.put("name", name(input.name(), "name"));
            }
            if (input.kind() != null) {
                changes.put("kind", input.kind());
            }
            neo4j.query("MATCH (u:Unit {id: $id}) SET u += $changes").bindAll(Map.of("id", input.id(), "changes", changes)).run();
            return members.unit(input.id()).orElseThrow();
        });
    }

    public Unit pair(PairUnitInput input) {
        return transactions.execute(status -> {
            Validation validation = new Validation()
                    .require(input.responsibilities() != null && !input.responsibilities().isEmpty(), "responsibilities",
                            ErrorCode.RESPONSIBILITY_REQUIRED, "结对共建须至少选择一项共建内容（人力、智力、资金、帮扶）。");
            LocalDate since = input.since() != null ? input.since() : LocalDate.now(Period.ZONE);
            validation.throwIfInvalid();
            requireUnitAndCommunity(input.unitId(), input.communityId());
            neo4j.query("""
                    MATCH (u:Unit {id: $unitId}), (c:Community {id: $communityId})
                    MERGE (u)-[p:PAIRED_WITH]->(c)
                    SET p.responsibilities = $responsibilities, p.since = $since""")
                    .bindAll(Map.of("unitId", input.unitId(), "communityId", input.communityId(),
                            "responsibilities", List.copyOf(new java.util.LinkedHashSet<>(input.responsibilities())),
                            "since", since))
                    .run();
            return members.unit(input.unitId()).orElseThrow();
        });
    }

    public Unit link(String unitId, String communityId, String type, boolean present) {
        return transactions.execute(status -> {
            requireUnitAndCommunity(unitId, communityId);
            String cypher = present
                    ? "MATCH (u:Unit {id: $unitId}), (c:Community {id: $communityId}) MERGE (u)-[:" + type + "]->(c)"
                    : "MATCH (:Unit {id: $unitId})-[r:" + type + "]->(:Community {id: $communityId}) DELETE r";
            neo4j.query(cypher).bindAll(Map.of("unitId", unitId, "communityId", communityId)).run();
            return members.unit(unitId).orElseThrow();
        });
    }

    public OrganisationPayload createOwnersCommittee(CreateOwnersCommitteeInput input) {
        return transactions.execute(status -> {
            String name = name(input.name(), "name");
            String partyOrgName = input.partyOrgName() == null ? null : name(input.partyOrgName(), "partyOrgName");
            if (!exists("MATCH (x:Compound {id: $id}) RETURN count(x) > 0", input.compoundId())) {
                throw new UserInputException(ErrorCode.COMPOUND_NOT_FOUND, "找不到该小区。");
            }
            String id = "OC-" + UUID.randomUUID();
            Map<String, Object> p = new HashMap<>(Map.of("id", id, "name", name, "compoundId", input.compoundId()));
            p.put("partyOrgName", partyOrgName);
            neo4j.query("""
                    MATCH (x:Compound {id: $compoundId})
                    CREATE (o:OwnersCommittee {id: $id, name: $name})-[:OF_COMPOUND]->(x)
                    FOREACH (n IN CASE WHEN $partyOrgName IS NULL THEN [] ELSE [$partyOrgName] END |
                      CREATE (o)-[:HAS_PARTY_ORG]->(:PartyOrg {id: $id + '-PO', name: n}))""").bindAll(p).run();
            return new OrganisationPayload(id, name, partyOrgName == null ? null : new PartyOrg(id + "-PO", partyOrgName));
        });
    }

    public OrganisationPayload createPropertyCompany(CreatePropertyCompanyInput input) {
        return transactions.execute(status -> {
            String name = name(input.name(), "name");
            String partyOrgName = input.partyOrgName() == null ? null : name(input.partyOrgName(), "partyOrgName");
            List<String> compounds = input.compoundIds() == null ? List.of() : input.compoundIds().stream().distinct().toList();
            long found = neo4j.query("MATCH (x:Compound) WHERE x.id IN $ids RETURN count(x)").bind(compounds).to("ids")
                    .fetchAs(Long.class).one().orElse(0L);
            if (compounds.isEmpty() || found != compounds.size()) {
                throw new UserInputException(ErrorCode.COMPOUND_NOT_FOUND, "物业公司须管理至少一个已登记的小区。");
            }
            String id = "PC-" + UUID.randomUUID();
            Map<String, Object> p = new HashMap<>(Map.of("id", id, "name", name, "compoundIds", compounds));
            p.put("partyOrgName", partyOrgName);
            neo4j.query("""
                    CREATE (c:PropertyCompany {id: $id, name: $name})
                    WITH c
                    CALL (c) { MATCH (x:Compound) WHERE x.id IN $compoundIds CREATE (c)-[:MANAGES]->(x) }
                    FOREACH (n IN CASE WHEN $partyOrgName IS NULL THEN [] ELSE [$partyOrgName] END |
                      CREATE (c)-[:HAS_PARTY_ORG]->(:PartyOrg {id: $id + '-PO', name: n}))""").bindAll(p).run();
            return new OrganisationPayload(id, name, partyOrgName == null ? null : new PartyOrg(id + "-PO", partyOrgName));
        });
    }

    public PartyOrg renamePartyOrg(String id, String newName) {
        return transactions.execute(status -> {
            String name = name(newName, "name");
            return neo4j.query("MATCH (o:PartyOrg {id: $id}) SET o.name = $name RETURN o.id AS id, o.name AS name")
                    .bindAll(Map.of("id", id == null ? "" : id, "name", name))
                    .fetchAs(PartyOrg.class).mappedBy((types, r) -> new PartyOrg(r.get("id").asString(), r.get("name").asString()))
                    .one().orElseThrow(() -> new UserInputException(ErrorCode.PARTY_ORG_NOT_FOUND, "找不到该党组织。"));
        });
    }

    /** Renames an owners committee or property company, replaces a company's compounds, founds or renames its party org. */
    public OrganisationPayload updateOrganisation(String label, String id, String newName, List<String> compoundIds,
            String newPartyOrgName) {
        return transactions.execute(status -> {
            String name = newName == null ? null : name(newName, "name");
            String partyOrgName = newPartyOrgName == null ? null : name(newPartyOrgName, "partyOrgName");
            boolean exists = neo4j.query("MATCH (o:" + label + " {id: $id}) RETURN count(o) > 0").bind(id == null ? "" : id)
                    .to("id").fetchAs(Boolean.class).one().orElse(false);
            if (!exists) {
                throw new UserInputException(label.equals("OwnersCommittee") ? ErrorCode.OWNERS_COMMITTEE_NOT_FOUND : ErrorCode.PROPERTY_COMPANY_NOT_FOUND,
                        label.equals("OwnersCommittee") ? "找不到该业委会。" : "找不到该物业公司。");
            }
            if (compoundIds != null) {
                List<String> distinct = compoundIds.stream().distinct().toList();
                long found = neo4j.query("MATCH (x:Compound) WHERE x.id IN $ids RETURN count(x)").bind(distinct).to("ids")
                        .fetchAs(Long.class).one().orElse(0L);
                if (distinct.isEmpty() || found != distinct.size()) {
                    throw new UserInputException(ErrorCode.COMPOUND_NOT_FOUND, "物业公司须管理至少一个已登记的小区。");
                }
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("name", name);
            p.put("compoundIds", compoundIds == null ? null : compoundIds.stream().distinct().toList());
            p.put("partyOrgName", partyOrgName);
            neo4j.query("""
                    MATCH (o:%s {id: $id})
                    SET o.name = coalesce($name, o.name)
                    WITH o
                    CALL (o) {
                      WITH o WHERE $compoundIds IS NOT NULL
                      OPTIONAL MATCH (o)-[old:MANAGES]->()
                      DELETE old
                      WITH DISTINCT o
                      MATCH (x:Compound) WHERE x.id IN $compoundIds
                      CREATE (o)-[:MANAGES]->(x)
                    }
                    CALL (o) {
                      WITH o WHERE $partyOrgName IS NOT NULL
                      MERGE (o)-[:HAS_PARTY_ORG]->(p:PartyOrg {id: $id + '-PO'})
                      SET p.name = $partyOrgName
                    }""".formatted(label)).bindAll(p).run();
            return neo4j.query("""
                    MATCH (o:%s {id: $id})
                    OPTIONAL MATCH (o)-[:HAS_PARTY_ORG]->(p:PartyOrg)
                    RETURN o.name AS name, p.id AS partyOrgId, p.name AS partyOrgName""".formatted(label))
                    .bind(id).to("id").fetch().one()
                    .map(row -> new OrganisationPayload(id, (String) row.get("name"), row.get("partyOrgId") == null ? null
                            : new PartyOrg((String) row.get("partyOrgId"), (String) row.get("partyOrgName"))))
                    .orElseThrow();
        });
    }

    private void requireUnit(String unitId) {
        if (!exists("MATCH (u:Unit {id: $id}) RETURN count(u) > 0", unitId)) {
            throw new UserInputException(ErrorCode.UNIT_NOT_FOUND, "找不到该单位。");
        }
    }

    private void requireUnitAndCommunity(String unitId, String communityId) {
        new Validation()
                .require(exists("MATCH (u:Unit {id: $id}) RETURN count(u) > 0", unitId), "unitId", ErrorCode.UNIT_NOT_FOUND, "找不到该单位。")
                .require(exists("MATCH (c:Community {id: $id}) RETURN count(c) > 0", communityId), "communityId",
                        ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                .throwIfInvalid();
    }

    private boolean exists(String cypher, String id) {
        return neo4j.query(cypher).bind(id == null ? "" : id).to("id").fetchAs(Boolean.class).one().orElse(false);
    }

    private static String name(String name, String field) {
        return Validation.name(name, field, 60);
    }
}
