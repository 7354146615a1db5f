package cn.nantong.tongtongzai.organization;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateCompoundInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateFunctionalGroupInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateOrgNodeInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateCompoundInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateFunctionalGroupInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateMicroGridInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * Changes to the organisation tree and what hangs on it. Each mutation is one transaction; every check
 * runs before the first write, so a refused mutation leaves the graph as it was.
 */
@Service
public class OrganizationWriter {

    private static final Map<String, String> LEVEL_NAMES = Map.of("STREET", "街道", "COMMUNITY", "社区",
            "GENERAL_BRANCH", "党总支", "GRID_BRANCH", "网格党支部", "PARTY_GROUP", "党小组", "MICRO_GRID", "微网格");

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final OrganizationService organization;

    OrganizationWriter(Neo4jClient neo4j, OrganizationService organization, WriteTransactions transactions) {
        this.transactions = transactions;
        this.neo4j = neo4j;
        this.organization = organization;
    }

    public OrgNode create(CreateOrgNodeInput input) {
        return transactions.execute(status -> {
            TreeLevel level = TreeLevel.valueOf(input.level());
            String name = name(input.name());
            Validation validation = new Validation();
            if (level == TreeLevel.STREET) {
                validation.require(input.parentId() == null, "parentId", ErrorCode.INVALID_PARENT, "街道没有上级节点。")
                        .require(input.id() != null && input.id().matches("\\d{9}"), "id", ErrorCode.INVALID_ID,
                                "街道须填写9位统计用区划代码。");
            } else if (level == TreeLevel.COMMUNITY) {
                validation.require(input.id() == null || input.id().matches("\\d{12}"), "id", ErrorCode.INVALID_ID,
                        "社区的统计用区划代码须为12位数字。");
            } else {
                validation.require(input.id() == null, "id", ErrorCode.INVALID_ID, "该层级的编号由系统生成，请勿填写。");
            }
            if (level == TreeLevel.MICRO_GRID) {
                validation.require(input.compoundId() != null, "compoundId", ErrorCode.COMPOUND_REQUIRED, "微网格须指定所在小区。")
                        .require(input.building() != null && input.building() > 0 && input.building() < 10_000, "building",
                                ErrorCode.INVALID_BUILDING, "楼栋号须为1至9999。");
            }
            validation.throwIfInvalid();

            OrgNode parent = null;
            if (level != TreeLevel.STREET) {
                parent = organization.node(input.parentId() == null ? "" : input.parentId()).orElseThrow(() ->
                        new UserInputException(ErrorCode.PARENT_NOT_FOUND, "找不到上级节点。"));
                if (parent.level() != level.parentLevel()) {
                    throw new UserInputException(ErrorCode.INVALID_PARENT, LEVEL_NAMES.get(level.name()) + "须建在"
                            + LEVEL_NAMES.get(level.parentLevel().name()) + "之下，不能建在" + LEVEL_NAMES.get(parent.level().name()) + "之下。");
                }
            }
            String id = switch (level) {
                case STREET -> input.id();
                case COMMUNITY -> input.id() != null ? input.id() : parent.id() + "-C" + shortId();
                default -> parent.id() + "-" + level.name().charAt(0) + shortId();
            };
            if (organization.node(id).isPresent()) {
                throw new UserInputException(ErrorCode.DUPLICATE_ID, "编号" + id + "已被使用。");
            }
            if (level == TreeLevel.MICRO_GRID) {
                requireCompoundInCommunityOf(input.compoundId(), parent.id());
            }

            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("name", name);
            p.put("parentId", parent == null ? null : parent.id());
            p.put("district", input.district());
            p.put("compoundId", input.compoundId());
            p.put("building", input.building());
            neo4j.query(switch (level) {
                case STREET -> "CREATE (:Street {id: $id, name: $name, district: $district, derived: false})";
                case COMMUNITY -> """
                        MATCH (s:Street {id: $parentId})
                        CREATE (s)-[:HAS_COMMUNITY]->(c:Community {id: $id, name: $name, derived: false})
                        CREATE (c)-[:HAS_COMMITTEE]->(:CommunityCommittee {id: $id + '-DW', name: $name + '大党委'})
                        CREATE (c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch {id: $id + '-GN', name: $name + '功能型党支部'})""";
                case GENERAL_BRANCH -> """
                        MATCH (:Community {id: $parentId})-[:HAS_COMMITTEE]->(k:CommunityCommittee)
                        CREATE (k)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch {id: $id, name: $name})""";
                case GRID_BRANCH -> """
                        MATCH (g:GeneralBranch {id: $parentId})<-[:HAS_GENERAL_BRANCH]-(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community)
                        CREATE (g)-[:HAS_GRID_BRANCH]->(b:GridBranch {id: $id, name: $name})
                        CREATE (c)-[:HAS_GRID]->(w:Grid {id: $id + '-W', name: replace($name, '党支部', '')})
                        CREATE (b)-[:SERVES_GRID]->(w)""";
                case PARTY_GROUP -> """
                        MATCH (b:GridBranch {id: $parentId})
                        CREATE (b)-[:HAS_PARTY_GROUP]->(:PartyGroup {id: $id, name: $name})""";
                case MICRO_GRID -> """
                        MATCH (p:PartyGroup {id: $parentId}), (x:Compound {id: $compoundId})
                        CREATE (p)-[:HAS_MICRO_GRID]->(m:MicroGrid {id: $id, name: $name, building: $building})
                        CREATE (m)-[:IN_COMPOUND]->(x)""";
            }).bindAll(p).run();
            return organization.node(id, level).orElseThrow();
        });
    }

    public OrgNode rename(String id, String newName) {
        return transactions.execute(status -> {
            String name = name(newName);
            OrgNode node = organization.node(id == null ? "" : id).orElseThrow(() ->
                    new UserInputException(ErrorCode.NODE_NOT_FOUND, "找不到该节点。"));
            neo4j.query("MATCH (n:" + node.level().label() + " {id: $id}) SET n.name = $name")
                    .bindAll(Map.of("id", id, "name", name)).run();
            return organization.node(id, node.level()).orElseThrow();
        });
    }

    public String delete(String id) {
        return transactions.execute(status -> {
            OrgNode node = organization.node(id == null ? "" : id).orElseThrow(() ->
                    new UserInputException(ErrorCode.NODE_NOT_FOUND, "找不到该节点。"));
            boolean dependents = neo4j.query("""
                    MATCH (n:%s {id: $id})
                    RETURN %s
                        OR EXISTS { (n)<-[:LIVES_IN|FOR_RESIDENCE|WITH_COMMUNITY|EMBEDDED_IN|DEPUTY_SECRETARY_OF]-() }
                        OR EXISTS { (n)-[:HAS_COMPOUND]->() }
                        OR EXISTS { (n)-[:HAS_FUNCTIONAL_BRANCH]->()-[:HAS_FUNCTIONAL_GROUP|SECRETARY_OF]-() }
                        OR EXISTS { (n)<-[:PAIRED_WITH|STATIONED_IN]-() }
                        // the 四单 flow: requests and tasks placed here, posts, meetings, problems owned
                        OR EXISTS { (n)<-[:AT|IN_COMMUNITY|OF_COMMUNITY|BY_COMMUNITY|OWNED_BY]-() }
                        OR EXISTS { (n)-[:HAS_POST|HELD]->() }
                        OR EXISTS { (n)-[:HAS_FUNCTIONAL_BRANCH]->()-[:MADE]->() }
                        OR EXISTS { (n)-[:HAS_FUNCTIONAL_BRANCH]->()<-[:FOR_TEAM|OWNED_BY]-() } AS dependents"""
                            .formatted(node.level().label(),
                                    node.level().childPattern() == null ? "false" : "EXISTS { " + node.level().childPattern() + " }"))
                    .bind(id).to("id").fetchAs(Boolean.class).one().orElse(false);
            if (dependents) {
                throw new UserInputException(ErrorCode.HAS_DEPENDENTS,
                        "该节点下仍有下级、住户、报到记录、小区、结对单位或需求、任务、岗位、会议记录，不能删除；请先迁移或删除它们。");
            }
            neo4j.query("""
                    MATCH (n:%s {id: $id})
                    OPTIONAL MATCH (n)-[:HAS_COMMITTEE|HAS_FUNCTIONAL_BRANCH|SERVES_GRID]->(own)
                    DETACH DELETE n, own""".formatted(node.level().label())).bind(id).to("id").run();
            return id;
        });
    }

    public Compound createCompound(CreateCompoundInput input) {
        return transactions.execute(status -> {
            String name = name(input.name());
            organization.node(input.communityId() == null ? "" : input.communityId(), TreeLevel.COMMUNITY)
                    .orElseThrow(() -> new UserInputException(ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。"));
            String id = input.communityId() + "-X" + shortId();
            neo4j.query("""
                    MATCH (c:Community {id: $communityId})
                    CREATE (c)-[:HAS_COMPOUND]->(:Compound {id: $id, name: $name, kind: $kind})""")
                    .bindAll(Map.of("communityId", input.communityId(), "id", id, "name", name, "kind", input.kind())).run();
            return new Compound(id, name, input.kind());
        });
    }

    public FunctionalGroup createFunctionalGroup(CreateFunctionalGroupInput input) {
        return transactions.execute(status -> {
            String name = name(input.name());
            String branchId = neo4j.query("""
                    MATCH (:GridBranch {id: $id})<-[:HAS_GRID_BRANCH]-(:GeneralBranch)<-[:HAS_GENERAL_BRANCH]-(:CommunityCommittee)
                          <-[:HAS_COMMITTEE]-(:Community)-[:HAS_FUNCTIONAL_BRANCH]->(f:FunctionalBranch)
                    RETURN f.id""").bind(input.gridBranchId() == null ? "" : input.gridBranchId()).to("id")
                    .fetchAs(String.class).one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.GRID_BRANCH_NOT_FOUND, "找不到该网格党支部（或其社区没有功能型党支部）。"));
            String id = branchId + "-" + shortId();
            neo4j.query("""
                    MATCH (f:FunctionalBranch {id: $branchId}), (b:GridBranch {id: $gridBranchId})
                    CREATE (f)-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup {id: $id, name: $name})-[:EMBEDDED_IN]->(b)""")
                    .bindAll(Map.of("branchId", branchId, "gridBranchId", input.gridBranchId(), "id", id, "name", name)).run();
            return new FunctionalGroup(id, name, branchId, input.gridBranchId());
        });
    }

    public FunctionalBranch setSecretary(String functionalBranchId, String memberId) {
        return transactions.execute(status -> {
            String communityId = neo4j.query("MATCH (c:Community)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch {id: $id}) RETURN c.id")
                    .bind(functionalBranchId == null ? "" : functionalBranchId).to("id").fetchAs(String.class).one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.FUNCTIONAL_BRANCH_NOT_FOUND, "找不到该功能型党支部。"));
            requireConfirmedIn(memberId, communityId);
            neo4j.query("""
                    MATCH (f:FunctionalBranch {id: $id}), (m:Member {id: $memberId})
                    OPTIONAL MATCH (f)<-[old:SECRETARY_OF]-()
                    DELETE old
                    CREATE (m)-[:SECRETARY_OF]->(f)""").bindAll(Map.of("id", functionalBranchId, "memberId", memberId)).run();
            return organization.functionalBranches(java.util.List.of(communityId)).get(communityId);
        });
    }

    public OrgNode setDeputySecretary(String gridBranchId, String memberId) {
        return transactions.execute(status -> {
            String communityId = neo4j.query("""
                    MATCH (c:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                          -[:HAS_GRID_BRANCH]->(:GridBranch {id: $id})
                    RETURN c.id""").bind(gridBranchId == null ? "" : gridBranchId).to("id").fetchAs(String.class).one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.GRID_BRANCH_NOT_FOUND, "找不到该网格党支部。"));
            requireConfirmedIn(memberId, communityId);
            neo4j.query("""
                    MATCH (b:GridBranch {id: $id}), (m:Member {id: $memberId})
                    OPTIONAL MATCH (b)<-[old:DEPUTY_SECRETARY_OF]-()
                    DELETE old
                    CREATE (m)-[:DEPUTY_SECRETARY_OF]->(b)""").bindAll(Map.of("id", gridBranchId, "memberId", memberId)).run();
            return organization.node(gridBranchId, TreeLevel.GRID_BRANCH).orElseThrow();
        });
    }

    public OrgNode updateMicroGrid(UpdateMicroGridInput input) {
        return transactions.execute(status -> {
            OrgNode microGrid = organization.node(input.id() == null ? "" : input.id(), TreeLevel.MICRO_GRID)
                    .orElseThrow(() -> new UserInputException(ErrorCode.NODE_NOT_FOUND, "找不到该微网格。"));
            Map<String, Object> changes = new HashMap<>();
            if (input.name() != null) {
                changes.put("name", name(input.name()));
            }
            if (input.building() != null) {
                new Validation().require(input.building() > 0 && input.building() < 10_000, "building", ErrorCode.INVALID_BUILDING,
                        "楼栋号须为1至9999。").throwIfInvalid();
                changes.put("building", input.building());
            }
            if (input.compoundId() != null) {
                String partyGroupId = organization.parents(java.util.List.of(microGrid)).get(microGrid).id();
                requireCompoundInCommunityOf(input.compoundId(), partyGroupId);
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", microGrid.id());
            p.put("changes", changes);
            p.put("compoundId", input.compoundId());
            neo4j.query("""
                    MATCH (m:MicroGrid {id: $id})
                    SET m += $changes
                    WITH m
                    CALL (m) {
                      WITH m WHERE $compoundId IS NOT NULL
                      MATCH (m)-[old:IN_COMPOUND]->()
                      DELETE old
                      WITH DISTINCT m
                      MATCH (x:Compound {id: $compoundId})
                      CREATE (m)-[:IN_COMPOUND]->(x)
                    }""").bindAll(p).run();
            return organization.node(microGrid.id(), TreeLevel.MICRO_GRID).orElseThrow();
        });
    }

    public Compound updateCompound(UpdateCompoundInput input) {
        return transactions.execute(status -> {
            Map<String, Object> changes = new HashMap<>();
            if (input.name() != null) {
                changes.put("name", name(input.name()));
            }
            if (input.kind() != null) {
                changes.put("kind", input.kind());
            }
            return neo4j.query("MATCH (x:Compound {id: $id}) SET x += $changes RETURN x.id AS id, x.name AS name, x.kind AS kind")
                    .bindAll(Map.of("id", input.id() == null ? "" : input.id(), "changes", changes))
                    .fetchAs(Compound.class).mappedBy((types, r) -> new Compound(r.get("id").asString(), r.get("name").asString(),
                            r.get("kind").asString()))
                    .one().orElseThrow(() -> new UserInputException(ErrorCode.COMPOUND_NOT_FOUND, "找不到该小区。"));
        });
    }

    public String deleteCompound(String id) {
        return transactions.execute(status -> {
            Boolean used = neo4j.query("""
                    MATCH (x:Compound {id: $id})
                    RETURN EXISTS { (x)<-[:IN_COMPOUND|OF_COMPOUND|MANAGES]-() } AS used""")
                    .bind(id == null ? "" : id).to("id").fetchAs(Boolean.class).one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.COMPOUND_NOT_FOUND, "找不到该小区。"));
            if (used) {
                throw new UserInputException(ErrorCode.HAS_DEPENDENTS, "该小区仍有楼栋、业委会或物业公司，不能删除。");
            }
            neo4j.query("MATCH (x:Compound {id: $id}) DETACH DELETE x").bind(id).to("id").run();
            return id;
        });
    }

    public FunctionalGroup updateFunctionalGroup(UpdateFunctionalGroupInput input) {
        return transactions.execute(status -> {
            Map<String, Object> current = neo4j.query("""
                    MATCH (f:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup {id: $id})-[:EMBEDDED_IN]->(b:GridBranch),
                          (c:Community)-[:HAS_FUNCTIONAL_BRANCH]->(f)
                    RETURN f.id AS branchId, b.id AS gridBranchId, c.id AS communityId""")
                    .bind(input.id() == null ? "" : input.id()).to("id").fetch().one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.FUNCTIONAL_GROUP_NOT_FOUND, "找不到该功能型党小组。"));
            String name = input.name() == null ? null : name(input.name());
            if (input.gridBranchId() != null) {
                boolean sameCommunity = neo4j.query("""
                        RETURN EXISTS { (:Community {id: $communityId})-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->
                                        (:GeneralBranch)-[:HAS_GRID_BRANCH]->(:GridBranch {id: $gridBranchId}) }""")
                        .bindAll(Map.of("communityId", current.get("communityId"), "gridBranchId", input.gridBranchId()))
                        .fetchAs(Boolean.class).one().orElse(false);
                if (!sameCommunity) {
                    throw new UserInputException(ErrorCode.GRID_BRANCH_NOT_FOUND, "功能型党小组只能嵌入本社区的网格党支部。");
                }
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", input.id());
            p.put("name", name);
            p.put("gridBranchId", input.gridBranchId());
            neo4j.query("""
                    MATCH (g:FunctionalGroup {id: $id})
                    SET g.name = coalesce($name, g.name)
                    WITH g
                    CALL (g) {
                      WITH g WHERE $gridBranchId IS NOT NULL
                      MATCH (g)-[old:EMBEDDED_IN]->()
                      DELETE old
                      WITH DISTINCT g
                      MATCH (b:GridBranch {id: $gridBranchId})
                      CREATE (g)-[:EMBEDDED_IN]->(b)
                    }""").bindAll(p).run();
            return neo4j.query("MATCH (g:FunctionalGroup {id: $id})-[:EMBEDDED_IN]->(b) RETURN g.name AS name, b.id AS gridBranchId")
                    .bind(input.id()).to("id").fetch().one()
                    .map(row -> new FunctionalGroup(input.id(), (String) row.get("name"), (String) current.get("branchId"),
                            (String) row.get("gridBranchId")))
                    .orElseThrow();
        });
    }

    /** Members placed in the group stay in the functional branch. A group that took or was given tasks stays. */
    public String deleteFunctionalGroup(String id) {
        return transactions.execute(status -> {
            boolean inTasks = neo4j.query("MATCH (g:FunctionalGroup {id: $id}) RETURN EXISTS { (g)-[:MADE]->() } OR EXISTS { (g)<-[:FOR_TEAM|OWNED_BY]-() }")
                    .bind(id == null ? "" : id).to("id").fetchAs(Boolean.class).one().orElse(false);
            if (inTasks) {
                throw new UserInputException(ErrorCode.HAS_DEPENDENTS, "该功能型党小组承接过任务或负责联席会议问题，不能删除。");
            }
            long deleted = neo4j.query("MATCH (g:FunctionalGroup {id: $id}) DETACH DELETE g RETURN count(*) AS deleted")
                    .bind(id == null ? "" : id).to("id").fetchAs(Long.class).one().orElse(0L);
            if (deleted == 0) {
                throw new UserInputException(ErrorCode.FUNCTIONAL_GROUP_NOT_FOUND, "找不到该功能型党小组。");
            }
            return id;
        });
    }

    private void requireConfirmedIn(String memberId, String communityId) {
        boolean confirmed = neo4j.query("""
                RETURN EXISTS { (:Member {id: $memberId})-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})
                                -[:WITH_COMMUNITY]->(:Community {id: $communityId}) } AS confirmed""")
                .bindAll(Map.of("memberId", memberId == null ? "" : memberId, "communityId", communityId))
                .fetchAs(Boolean.class).one().orElse(false);
        if (!confirmed) {
            throw new UserInputException(ErrorCode.MEMBER_NOT_REGISTERED_HERE, "只能任命已在本社区报到（已确认）的党员。");
        }
    }

    private void requireCompoundInCommunityOf(String compoundId, String partyGroupId) {
        boolean sameCommunity = neo4j.query("""
                RETURN EXISTS { (:PartyGroup {id: $partyGroupId})<-[:HAS_PARTY_GROUP]-(:GridBranch)<-[:HAS_GRID_BRANCH]-(:GeneralBranch)
                                <-[:HAS_GENERAL_BRANCH]-(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:HAS_COMPOUND]->(:Compound {id: $compoundId}) }""")
                .bindAll(Map.of("partyGroupId", partyGroupId, "compoundId", compoundId))
                .fetchAs(Boolean.class).one().orElse(false);
        if (!sameCommunity) {
            throw new UserInputException(ErrorCode.COMPOUND_NOT_IN_COMMUNITY, "所选小区不属于该党小组所在的社区。");
        }
    }

    private static String name(String name) {
        return Validation.name(name, "name", 40);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
