package cn.nantong.tongtongzai.member;

import static cn.nantong.tongtongzai.member.RegistrationTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** Units with pairings and stationing, owners committees, property companies, residents, roster import. */
class UnitAndImportTest extends IntegrationTest {

    static final String COMMUNITY = "320613001001";


    @Autowired
    Driver driver;

    @BeforeEach
    void tiny() {
        database.loadTiny();
    }

    @Test
    void createsAUnitPairsItAndStationsIt() {
        String unit = graphQl.document("mutation { createUnit(input: {name: \"南通市司法局\", kind: GOVERNMENT_ORGAN}) { unit { id partyOrg { name } } } }")
                .execute()
                .path("createUnit.unit.partyOrg.name").entity(String.class).isEqualTo("南通市司法局党委")
                .path("createUnit.unit.id").entity(String.class).get();

        graphQl.document("""
                        mutation($u: ID!, $c: ID!) { pairUnit(input: {unitId: $u, communityId: $c, responsibilities: [EXPERTISE, FUNDS], since: "2024-03-01"}) {
                          unit { pairings { community { id } responsibilities since } } } }""")
                .variable("u", unit).variable("c", COMMUNITY).execute()
                .path("pairUnit.unit.pairings[0].community.id").entity(String.class).isEqualTo(COMMUNITY)
                .path("pairUnit.unit.pairings[0].responsibilities").entityList(String.class).containsExactly("EXPERTISE", "FUNDS")
                .path("pairUnit.unit.pairings[0].since").entity(String.class).isEqualTo("2024-03-01");
        graphQl.document("mutation($u: ID!, $c: ID!) { stationUnit(input: {unitId: $u, communityId: $c}) { unit { stationedIn { id } } } }")
                .variable("u", unit).variable("c", COMMUNITY).execute()
                .path("stationUnit.unit.stationedIn[0].id").entity(String.class).isEqualTo(COMMUNITY);
        graphQl.document("{ units(filter: {communityId: \"320613001001\", kind: GOVERNMENT_ORGAN}, first: 100) { edges { node { id } } } }")
                .execute().path("units.edges[*].node.id").entityList(String.class).contains(unit);

        graphQl.document("mutation($u: ID!, $c: ID!) { unpairUnit(input: {unitId: $u, communityId: $c}) { unit { pairings { since } } } }")
                .variable("u", unit).variable("c", COMMUNITY).execute()
                .path("unpairUnit.unit.pairings").entityList(Object.class).hasSize(0);
    }

    @Test
    void listsOfUnitsAndMembersWithNestedListsRunTheSameStatementsHoweverLong() {
        String units = """
                { units(first: %d) { edges { node { name partyOrg { name } pairings { community { name } } stationedIn { name }
                    reportingRate { rate } registrations(first: 3) { edges { node { state community { name } member { name } } } }
                    members(first: 3) { edges { node { name skills { level skill { name } } registrations { edges { node { state } } }
                      registration { state } residence { name } community { name } functionalGroup { name } } } } } } } }""";
        int[] statementsFor = new int[5];
        for (int n : new int[] {2, 4}) {
            statements.reset();
            graphQl.document(units.formatted(n)).execute()
                    .path("units.edges[*].node.members.edges[*].node.name").entityList(String.class).hasSizeGreaterThan(n);
            statementsFor[n] = statements.count();
        }
        assertThat(statementsFor[4]).isEqualTo(statementsFor[2]);
        graphQl.document("{ unit(id: \"U0001\") { members(communityId: \"320613001002\", first: 100) { edges { node { community { id } } } } } }")
                .execute().path("unit.members.edges[*].node.community.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly("320613001002"));
    }

    @Test
    void refusesPairingsWithoutResponsibilityOrUnknownParties() {
        expectError(graphQl.document("mutation { pairUnit(input: {unitId: \"U0001\", communityId: \"320613001001\", responsibilities: []}) { unit { id } } }")
                .execute(), "RESPONSIBILITY_REQUIRED", "共建内容");
        graphQl.document("mutation { stationUnit(input: {unitId: \"U9\", communityId: \"C9\"}) { unit { id } } }").execute()
                .errors().satisfy(errors -> assertThat(errors.getFirst().getExtensions().get("problems").toString())
                        .contains("UNIT_NOT_FOUND", "COMMUNITY_NOT_FOUND"));
    }

    @Test
    void ownersCommitteesAndPropertyCompaniesHangOnCompounds() {
        graphQl.document("mutation { createOwnersCommittee(input: {compoundId: \"320613001001-W01-X1\", name: \"德民业主委员会\", partyOrgName: \"德民业委会党支部\"}) { id partyOrg { name } } }")
                .execute().path("createOwnersCommittee.partyOrg.name").entity(String.class).isEqualTo("德民业委会党支部");
        graphQl.document("mutation { createPropertyCompany(input: {name: \"南通濠河物业服务有限公司\", compoundIds: [\"320613001001-W01-X1\", \"320613001001-W02-X1\"]}) { id partyOrg { name } } }")
                .execute().path("createPropertyCompany.partyOrg").valueIsNull();
        assertThat(driver.executableQuery("MATCH (:PropertyCompany {name: '南通濠河物业服务有限公司'})-[:MANAGES]->(x:Compound) RETURN count(x)")
                .execute().records().getFirst().get(0).asLong()).isEqualTo(2);
        expectError(graphQl.document("mutation { createPropertyCompany(input: {name: \"空壳物业\", compoundIds: [\"nope\"]}) { id } }").execute(),
                "COMPOUND_NOT_FOUND", "小区");
    }

    @Test
    void changesOwnersCommitteesPropertyCompaniesPartyOrgsAndResidents() {
        graphQl.document("mutation { updateOwnersCommittee(input: {id: \"OC0001\", name: \"新业主委员会\", partyOrgName: \"新业委会党支部\"}) { name partyOrg { id name } } }")
                .execute()
                .path("updateOwnersCommittee.name").entity(String.class).isEqualTo("新业主委员会")
                .path("updateOwnersCommittee.partyOrg.name").entity(String.class).isEqualTo("新业委会党支部");
        graphQl.document("mutation { updatePropertyCompany(input: {id: \"PC0001\", compoundIds: [\"320613001002-W01-X1\"]}) { id } }").execute()
                .path("updatePropertyCompany.id").hasValue();
        assertThat(driver.executableQuery("MATCH (:PropertyCompany {id: 'PC0001'})-[:MANAGES]->(x) RETURN collect(x.id)").execute()
                .records().getFirst().get(0).asList()).containsExactly("320613001002-W01-X1");
        graphQl.document("mutation { updatePartyOrg(input: {id: \"U0001-PO\", name: \"改名后的党委\"}) { partyOrg { name } } }").execute()
                .path("updatePartyOrg.partyOrg.name").entity(String.class).isEqualTo("改名后的党委");
        graphQl.document("mutation { updateResident(input: {id: \"R000001\", phone: \"13500000000\", residenceId: \"320613001002-W01-P1-M01\"}) { resident { phone residence { id } } } }")
                .execute()
                // the city administrator is not the resident's secretary: the number comes back masked
                .path("updateResident.resident.phone").entity(String.class).isEqualTo("135****0000")
                .path("updateResident.resident.residence.id").entity(String.class).isEqualTo("320613001002-W01-P1-M01");
        assertThat(driver.executableQuery("MATCH (r:Resident {id: 'R000001'}) RETURN r.phone").execute()
                .records().getFirst().get(0).asString()).isEqualTo("13500000000");
    }

    @Test
    void createsResidentsWithValidatedPhones() {
        graphQl.document("mutation { createResident(input: {name: \"张阿姨\", phone: \"13812345678\", residenceId: \"320613001001-W01-P1-M01\"}) { resident { id residence { name } } } }")
                .execute().path("createResident.resident.residence.name").hasValue();
        var response = graphQl.document("mutation { createResident(input: {name: \"张阿姨\", phone: \"0513-1234\", residenceId: \"320613001001-W01-P1-M01\"}) { resident { id } } }").execute();
        expectError(response, "INVALID_PHONE", "手机号");
        response.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage()).doesNotContain("0513-1234"));
    }

    @Test
    void importsARosterAllOrNothingWithRowNumbers() {
        long before = count();
        List<Map<String, Object>> rows = List.of(
                row("周明", "13700000001"), row("吴芳", "123"), row("郑强", "13700000003"), row("王丽", "13700000003"));
        graphQl.document("mutation($rows: [CreateMemberInput!]!) { importMembers(input: {members: $rows}) { imported } }")
                .variable("rows", rows).execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getMessage()).contains("第2行", "第4行").doesNotContain("第1行", "第3行");
                });
        assertThat(count()).isEqualTo(before);

        statements.reset();
        graphQl.document("mutation($rows: [CreateMemberInput!]!) { importMembers(input: {members: $rows}) { imported members { unit { id } } } }")
                .variable("rows", List.of(row("周明", "13700000001"), row("郑强", "13700000003"))).execute()
                .path("importMembers.imported").entity(Integer.class).isEqualTo(2);
        int forTwo = statements.count();
        assertThat(count()).isEqualTo(before + 2);

        // the number of statements does not grow with the number of rows
        statements.reset();
        graphQl.document("mutation($rows: [CreateMemberInput!]!) { importMembers(input: {members: $rows}) { imported members { unit { id } } } }")
                .variable("rows", java.util.stream.IntStream.range(10, 30).mapToObj(i -> row("王丽", "137000000" + i)).toList())
                .execute().path("importMembers.imported").entity(Integer.class).isEqualTo(20);
        assertThat(statements.count()).isEqualTo(forTwo);
    }

    private static Map<String, Object> row(String name, String phone) {
        return Map.of("name", name, "gender", "MALE", "birthYear", 1980, "phone", phone, "unitId", "U0001",
                "residenceId", "320613001001-W01-P1-M01");
    }

    private long count() {
        return driver.executableQuery("MATCH (m:Member) RETURN count(m)").execute().records().getFirst().get(0).asLong();
    }
}
