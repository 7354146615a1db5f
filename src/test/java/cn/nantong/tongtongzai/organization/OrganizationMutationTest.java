package cn.nantong.tongtongzai.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** Building the tree through GraphQL, and every refusal leaving the graph unchanged. */
class OrganizationMutationTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Test
    void buildsATreeFromStreetToMicroGrid() {
        String street = create("{level: STREET, id: \"320613001\", name: \"城东街道\", district: \"崇川区\"}", "Street");
        String community = create("{level: COMMUNITY, parentId: \"" + street + "\", id: \"320613001001\", name: \"德民社区\"}", "Community");
        String general = create("{level: GENERAL_BRANCH, parentId: \"" + community + "\", name: \"德民社区第一党总支\"}", "GeneralBranch");
        String gridBranch = create("{level: GRID_BRANCH, parentId: \"" + general + "\", name: \"德民社区第1网格党支部\"}", "GridBranch");
        String group = create("{level: PARTY_GROUP, parentId: \"" + gridBranch + "\", name: \"第一党小组\"}", "PartyGroup");
        String compound = graphQl.document("mutation($c: ID!) { createCompound(input: {communityId: $c, name: \"德民新村\", kind: OLD}) { compound { id kind } } }")
                .variable("c", community).execute().path("createCompound.compound.id").entity(String.class).get();
        create("{level: MICRO_GRID, parentId: \"" + group + "\", name: \"德民新村1幢\", compoundId: \"" + compound + "\", building: 1}", "MicroGrid");

        graphQl.document("query($id: ID!) { community(id: $id) { counts { generalBranches grids gridBranches partyGroups microGrids compounds } functionalBranch { name } } }")
                .variable("id", community).execute()
                .path("community.counts.generalBranches").entity(Integer.class).isEqualTo(1)
                .path("community.counts.grids").entity(Integer.class).isEqualTo(1)
                .path("community.counts.gridBranches").entity(Integer.class).isEqualTo(1)
                .path("community.counts.partyGroups").entity(Integer.class).isEqualTo(1)
                .path("community.counts.microGrids").entity(Integer.class).isEqualTo(1)
                .path("community.counts.compounds").entity(Integer.class).isEqualTo(1)
                .path("community.functionalBranch.name").entity(String.class).isEqualTo("德民社区功能型党支部");
        graphQl.document("query($id: ID!) { orgNode(id: $id) { ... on GridBranch { grid { name } } } }").variable("id", gridBranch)
                .execute().path("orgNode.grid.name").entity(String.class).isEqualTo("德民社区第1网格");
    }

    @Test
    void refusesWrongParentsNamesAndDuplicatesWithoutWriting() {
        String street = create("{level: STREET, id: \"320613001\", name: \"城东街道\"}", "Street");
        long before = nodes();

        expectError("{level: PARTY_GROUP, parentId: \"" + street + "\", name: \"第一党小组\"}", "INVALID_PARENT", "党小组须建在网格党支部之下");
        expectError("{level: COMMUNITY, parentId: \"nope\", name: \"德民社区\"}", "PARENT_NOT_FOUND", "上级");
        expectError("{level: COMMUNITY, parentId: \"" + street + "\", name: \" \"}", "INVALID_NAME", "名称");
        expectError("{level: STREET, id: \"320613001\", name: \"城东街道\"}", "DUPLICATE_ID", "已被使用");
        expectError("{level: STREET, id: \"12\", name: \"城东街道\"}", "INVALID_ID", "9位");
        assertThat(nodes()).isEqualTo(before);
    }

    @Test
    void aMicroGridMustStandInACompoundOfItsOwnCommunity() {
        String street = create("{level: STREET, id: \"320613001\", name: \"城东街道\"}", "Street");
        String a = create("{level: COMMUNITY, parentId: \"" + street + "\", name: \"甲社区\"}", "Community");
        String b = create("{level: COMMUNITY, parentId: \"" + street + "\", name: \"乙社区\"}", "Community");
        String general = create("{level: GENERAL_BRANCH, parentId: \"" + a + "\", name: \"甲第一党总支\"}", "GeneralBranch");
        String gridBranch = create("{level: GRID_BRANCH, parentId: \"" + general + "\", name: \"甲第1网格党支部\"}", "GridBranch");
        String group = create("{level: PARTY_GROUP, parentId: \"" + gridBranch + "\", name: \"第一党小组\"}", "PartyGroup");
        String otherCompound = graphQl.document("mutation($c: ID!) { createCompound(input: {communityId: $c, name: \"乙花园\", kind: NEW_COMMERCIAL}) { compound { id } } }")
                .variable("c", b).execute().path("createCompound.compound.id").entity(String.class).get();

        expectError("{level: MICRO_GRID, parentId: \"" + group + "\", name: \"乙花园1幢\", compoundId: \"" + otherCompound + "\", building: 1}",
                "COMPOUND_NOT_IN_COMMUNITY", "小区");
        expectError("{level: MICRO_GRID, parentId: \"" + group + "\", name: \"无小区楼\"}", "INVALID_INPUT", "小区");
    }

    @Test
    void renamesAndDeletesOnlyWhatHasNoDependents() {
        String street = create("{level: STREET, id: \"320613001\", name: \"城东街道\"}", "Street");
        String community = create("{level: COMMUNITY, parentId: \"" + street + "\", name: \"德民社区\"}", "Community");

        graphQl.document("mutation($id: ID!) { renameOrgNode(input: {id: $id, name: \"德民新社区\"}) { node { name } } }")
                .variable("id", community).execute().path("renameOrgNode.node.name").entity(String.class).isEqualTo("德民新社区");

        graphQl.document("mutation($id: ID!) { deleteOrgNode(input: {id: $id}) { id } }").variable("id", street).execute()
                .errors().satisfy(errors -> assertThat(errors.getFirst().getExtensions()).containsEntry("code", "HAS_DEPENDENTS"));
        graphQl.document("mutation($id: ID!) { deleteOrgNode(input: {id: $id}) { id } }").variable("id", community).execute()
                .path("deleteOrgNode.id").entity(String.class).isEqualTo(community);
        assertThat(driver.executableQuery("MATCH (n) WHERE n:Community OR n:CommunityCommittee OR n:FunctionalBranch RETURN count(n)")
                .execute().records().getFirst().get(0).asLong()).isZero();
    }

    @Test
    void changesMicroGridsCompoundsAndFunctionalGroups() {
        database.loadTiny();
        graphQl.document("""
                        mutation { updateMicroGrid(input: {id: "320613001001-W01-P1-M01", building: 99, compoundId: "320613001001-W02-X1"}) {
                          node { ... on MicroGrid { building compound { id } } } } }""")
                .execute()
                .path("updateMicroGrid.node.building").entity(Integer.class).isEqualTo(99)
                .path("updateMicroGrid.node.compound.id").entity(String.class).isEqualTo("320613001001-W02-X1");
        graphQl.document("mutation { updateCompound(input: {id: \"320613001001-W01-X1\", kind: RESETTLEMENT}) { compound { kind } } }")
                .execute().path("updateCompound.compound.kind").entity(String.class).isEqualTo("RESETTLEMENT");
        graphQl.document("mutation { updateFunctionalGroup(input: {id: \"320613001001-GN1\", name: \"法律服务功能型党小组\", gridBranchId: \"320613001001-W02-B\"}) { functionalGroup { name gridBranch { id } } } }")
                .execute()
                .path("updateFunctionalGroup.functionalGroup.name").entity(String.class).isEqualTo("法律服务功能型党小组")
                .path("updateFunctionalGroup.functionalGroup.gridBranch.id").entity(String.class).isEqualTo("320613001001-W02-B");
        graphQl.document("mutation { deleteFunctionalGroup(input: {id: \"320613001001-GN1\"}) { id } }").execute()
                .path("deleteFunctionalGroup.id").entity(String.class).isEqualTo("320613001001-GN1");
        String compound = graphQl.document("mutation { createCompound(input: {communityId: \"320613001001\", name: \"空地小区\", kind: OLD}) { compound { id } } }")
                .execute().path("createCompound.compound.id").entity(String.class).get();
        graphQl.document("mutation($id: ID!) { deleteCompound(input: {id: $id}) { id } }").variable("id", compound).execute()
                .path("deleteCompound.id").entity(String.class).isEqualTo(compound);
    }

    @Test
    void functionalGroupsAndTheirLeadersBelongToTheCommunity() {
        String street = create("{level: STREET, id: \"320613001\", name: \"城东街道\"}", "Street");
        String community = create("{level: COMMUNITY, parentId: \"" + street + "\", id: \"320613001001\", name: \"德民社区\"}", "Community");
        String general = create("{level: GENERAL_BRANCH, parentId: \"" + community + "\", name: \"第一党总支\"}", "GeneralBranch");
        String gridBranch = create("{level: GRID_BRANCH, parentId: \"" + general + "\", name: \"第1网格党支部\"}", "GridBranch");
        graphQl.document("mutation($b: ID!) { createFunctionalGroup(input: {gridBranchId: $b, name: \"法律援助功能型党小组\"}) { functionalGroup { id gridBranch { id } } } }")
                .variable("b", gridBranch).execute()
                .path("createFunctionalGroup.functionalGroup.gridBranch.id").entity(String.class).isEqualTo(gridBranch);

        database.write("""
                MATCH (c:Community {id: '320613001001'})
                CREATE (m:Member {id: 'M1', name: '王芳', gender: 'FEMALE', birthYear: 1980, phone: '13900000000',
                                  interests: [], availability: [], roles: []})
                CREATE (m)-[:REGISTERED]->(r:Registration {id: 'R1', state: 'PENDING', channel: 'ONLINE', activeMemberId: 'M1'})-[:WITH_COMMUNITY]->(c)""");
        String appoint = "mutation($b: ID!) { setGridBranchDeputySecretary(input: {id: $b, memberId: \"M1\"}) { node { id } } }";
        graphQl.document(appoint).variable("b", gridBranch).execute().errors()
                .satisfy(errors -> assertThat(errors.getFirst().getExtensions()).containsEntry("code", "MEMBER_NOT_REGISTERED_HERE"));

        database.write("MATCH (r:Registration {id: 'R1'}) SET r.state = 'CONFIRMED'");
        graphQl.document(appoint).variable("b", gridBranch).execute().path("setGridBranchDeputySecretary.node.id").hasValue();
        graphQl.document("query($id: ID!) { community(id: $id) { functionalBranch { groups { leader { name } } } } }")
                .variable("id", community).execute()
                .path("community.functionalBranch.groups[0].leader.name").entity(String.class).isEqualTo("王芳");
    }

    private String create(String input, String expectedType) {
        return graphQl.document("mutation { createOrgNode(input: " + input + ") { node { __typename id } } }")
                .execute()
                .path("createOrgNode.node.__typename").entity(String.class).isEqualTo(expectedType)
                .path("createOrgNode.node.id").entity(String.class).get();
    }

    private void expectError(String input, String code, String messagePart) {
        GraphQlTester.Response response = graphQl.document("mutation { createOrgNode(input: " + input + ") { node { id } } }").execute();
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
            assertThat(errors.getFirst().getMessage()).contains(messagePart);
        });
    }

    private long nodes() {
        return driver.executableQuery("MATCH (n) WHERE NOT n:AuditEntry RETURN count(n)").execute().records().getFirst().get(0).asLong();
    }
}
