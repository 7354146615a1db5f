package cn.nantong.tongtongzai.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * Every refusal of the organisation and member mutations: the typed code comes back, and not one
 * node, relationship or property of the graph changed.
 */
class RefusalsTest extends IntegrationTest {


    @Autowired
    Driver driver;

    @BeforeEach
    void tinyWithAnUnregisteredMember() {
        database.loadTiny();
        database.write("""
                MATCH (u:Unit {id: 'U0001'})-[:HAS_PARTY_ORG]->(o), (home:MicroGrid {id: '320613001001-W01-P1-M01'})
                CREATE (m:Member {id: 'M-UNREGISTERED', name: '新党员', gender: 'MALE', birthYear: 1990, phone: '13911112222',
                                  interests: [], availability: [], roles: []})
                CREATE (m)-[:WORKS_AT]->(u), (m)-[:MEMBER_OF]->(o), (m)-[:LIVES_IN]->(home)""");
    }

    static Stream<Arguments> refusals() {
        String member = "name: \"陈晓东\", gender: MALE, birthYear: 1985, unitId: \"U0001\", residenceId: \"320613001001-W01-P1-M01\"";
        return Stream.of(
                Arguments.of("INVALID_NAME", "mutation { createMember(input: {" + member.replace("陈晓东", "1") + ", phone: \"13900001111\"}) { member { id } } }"),
                Arguments.of("INVALID_PHONE", "mutation { createMember(input: {" + member + ", phone: \"1390000\"}) { member { id } } }"),
                Arguments.of("INVALID_BIRTH_YEAR", "mutation { createMember(input: {" + member.replace("1985", "1900") + ", phone: \"13900001111\"}) { member { id } } }"),
                Arguments.of("INVALID_SKILL_LEVEL", "mutation { createMember(input: {" + member + ", phone: \"13900001111\", skills: [{skillId: \"cleaning\", level: 0}]}) { member { id } } }"),
                Arguments.of("DUPLICATE_SKILL", "mutation { createMember(input: {" + member + ", phone: \"13900001111\", skills: [{skillId: \"cleaning\", level: 1}, {skillId: \"cleaning\", level: 2}]}) { member { id } } }"),
                Arguments.of("INVALID_INTERESTS", "mutation { createMember(input: {" + member + ", phone: \"13900001111\", interests: [\"\"]}) { member { id } } }"),
                Arguments.of("UNIT_NOT_FOUND", "mutation { createMember(input: {" + member.replace("U0001", "U9") + ", phone: \"13900001111\"}) { member { id } } }"),
                Arguments.of("RESIDENCE_NOT_FOUND", "mutation { createMember(input: {" + member.replace("320613001001-W01-P1-M01", "x") + ", phone: \"13900001111\"}) { member { id } } }"),
                Arguments.of("SKILL_NOT_FOUND", "mutation { createMember(input: {" + member + ", phone: \"13900001111\", skills: [{skillId: \"x\", level: 1}]}) { member { id } } }"),
                Arguments.of("POST_CATEGORY_NOT_FOUND", "mutation { createMember(input: {" + member + ", phone: \"13900001111\", postCategoryIds: [\"x\"]}) { member { id } } }"),
                Arguments.of("MEMBER_NOT_FOUND", "mutation { updateMember(input: {id: \"x\", name: \"王五\"}) { member { id } } }"),
                Arguments.of("INVALID_IMPORT_SIZE", "mutation { importMembers(input: {members: []}) { imported } }"),
                Arguments.of("REGISTRATION_NOT_FOUND", "mutation { confirmRegistration(input: {registrationId: \"x\"}) { registration { id } } }"),
                Arguments.of("INVALID_REASON", "mutation { rejectRegistration(input: {registrationId: \"REG-M000001-1\", reason: \"\"}) { registration { id } } }"),
                Arguments.of("RESIDENCE_NOT_IN_COMMUNITY", "mutation { registerMember(input: {memberId: \"M000001\", communityId: \"320613001002\", residenceId: \"320613001001-W01-P1-M01\", channel: ONLINE}) { registration { id } } }"),
                Arguments.of("NOT_REGISTERED", "mutation { moveMember(input: {memberId: \"M-UNREGISTERED\", communityId: \"320613001002\", residenceId: \"320613001002-W01-P1-M01\", channel: ONLINE}) { registration { id } } }"),
                Arguments.of("NODE_NOT_FOUND", "mutation { renameOrgNode(input: {id: \"x\", name: \"新名字\"}) { node { id } } }"),
                Arguments.of("HAS_DEPENDENTS", "mutation { deleteOrgNode(input: {id: \"320613001001-W01-P1-M01\"}) { id } }"),
                Arguments.of("PARENT_NOT_FOUND", "mutation { createOrgNode(input: {level: GENERAL_BRANCH, parentId: \"x\", name: \"第一党总支\"}) { node { id } } }"),
                Arguments.of("INVALID_PARENT", "mutation { createOrgNode(input: {level: GENERAL_BRANCH, parentId: \"320613001\", name: \"第一党总支\"}) { node { id } } }"),
                Arguments.of("INVALID_ID", "mutation { createOrgNode(input: {level: GENERAL_BRANCH, id: \"G1\", parentId: \"320613001001\", name: \"第一党总支\"}) { node { id } } }"),
                Arguments.of("DUPLICATE_ID", "mutation { createOrgNode(input: {level: COMMUNITY, id: \"320613001001\", parentId: \"320613001\", name: \"德民社区\"}) { node { id } } }"),
                Arguments.of("INVALID_BUILDING", "mutation { createOrgNode(input: {level: MICRO_GRID, parentId: \"320613001001-W01-P1\", name: \"1幢\", compoundId: \"320613001001-W01-X1\", building: 0}) { node { id } } }"),
                Arguments.of("COMPOUND_REQUIRED", "mutation { createOrgNode(input: {level: MICRO_GRID, parentId: \"320613001001-W01-P1\", name: \"1幢\", building: 1}) { node { id } } }"),
                Arguments.of("COMPOUND_NOT_IN_COMMUNITY", "mutation { createOrgNode(input: {level: MICRO_GRID, parentId: \"320613001001-W01-P1\", name: \"1幢\", compoundId: \"320613001002-W01-X1\", building: 1}) { node { id } } }"),
                Arguments.of("COMMUNITY_NOT_FOUND", "mutation { createCompound(input: {communityId: \"x\", name: \"某小区\", kind: OLD}) { compound { id } } }"),
                Arguments.of("GRID_BRANCH_NOT_FOUND", "mutation { createFunctionalGroup(input: {gridBranchId: \"x\", name: \"某党小组\"}) { functionalGroup { id } } }"),
                Arguments.of("FUNCTIONAL_BRANCH_NOT_FOUND", "mutation { setFunctionalBranchSecretary(input: {id: \"x\", memberId: \"M000001\"}) { functionalBranch { id } } }"),
                Arguments.of("MEMBER_NOT_REGISTERED_HERE", "mutation { setFunctionalBranchSecretary(input: {id: \"320613001002-GN\", memberId: \"nobody\"}) { functionalBranch { id } } }"),
                Arguments.of("RESPONSIBILITY_REQUIRED", "mutation { pairUnit(input: {unitId: \"U0001\", communityId: \"320613001001\", responsibilities: []}) { unit { id } } }"),
                Arguments.of("INVALID_DATE", "mutation { pairUnit(input: {unitId: \"U0001\", communityId: \"320613001001\", responsibilities: [FUNDS], since: \"去年\"}) { unit { id } } }"),
                Arguments.of("UNIT_NOT_FOUND", "mutation { updateUnit(input: {id: \"x\", name: \"某单位\"}) { unit { id } } }"),
                Arguments.of("COMPOUND_NOT_FOUND", "mutation { createOwnersCommittee(input: {compoundId: \"x\", name: \"某业委会\"}) { id } }"),
                Arguments.of("INVALID_PAGE", "{ members(first: 1000) { edges { node { id } } } }"),
                Arguments.of("INVALID_PAGE", "{ streets(first: -1) { edges { node { id } } } }"),
                Arguments.of("NODE_NOT_FOUND", "mutation { updateMicroGrid(input: {id: \"x\", building: 3}) { node { id } } }"),
                Arguments.of("COMPOUND_NOT_IN_COMMUNITY", "mutation { updateMicroGrid(input: {id: \"320613001001-W01-P1-M01\", compoundId: \"320613001002-W01-X1\"}) { node { id } } }"),
                Arguments.of("COMPOUND_NOT_FOUND", "mutation { updateCompound(input: {id: \"x\", kind: OLD}) { compound { id } } }"),
                Arguments.of("HAS_DEPENDENTS", "mutation { deleteCompound(input: {id: \"320613001001-W01-X1\"}) { id } }"),
                Arguments.of("FUNCTIONAL_GROUP_NOT_FOUND", "mutation { updateFunctionalGroup(input: {id: \"x\", name: \"某党小组\"}) { functionalGroup { id } } }"),
                Arguments.of("GRID_BRANCH_NOT_FOUND", "mutation { updateFunctionalGroup(input: {id: \"320613001001-GN1\", gridBranchId: \"320613001002-W01-B\"}) { functionalGroup { id } } }"),
                Arguments.of("FUNCTIONAL_GROUP_NOT_FOUND", "mutation { deleteFunctionalGroup(input: {id: \"x\"}) { id } }"),
                Arguments.of("RESIDENT_NOT_FOUND", "mutation { updateResident(input: {id: \"x\", name: \"张阿姨\"}) { resident { id } } }"),
                Arguments.of("INVALID_PHONE", "mutation { updateResident(input: {id: \"R000001\", phone: \"123\"}) { resident { id } } }"),
                Arguments.of("PARTY_ORG_NOT_FOUND", "mutation { updatePartyOrg(input: {id: \"x\", name: \"某党支部\"}) { partyOrg { id } } }"),
                Arguments.of("OWNERS_COMMITTEE_NOT_FOUND", "mutation { updateOwnersCommittee(input: {id: \"x\", name: \"某业委会\"}) { id } }"),
                Arguments.of("PROPERTY_COMPANY_NOT_FOUND", "mutation { updatePropertyCompany(input: {id: \"x\", name: \"某物业\"}) { id } }"),
                Arguments.of("COMPOUND_NOT_FOUND", "mutation { updatePropertyCompany(input: {id: \"PC0001\", compoundIds: []}) { id } }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithItsCodeAndChangesNothing(String code, String document) {
        String before = database.fingerprint();
        graphQl.document(document).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
            assertThat(errors.getFirst().getMessage()).isNotBlank().doesNotContain("Exception");
        });
        assertThat(database.fingerprint()).isEqualTo(before);
    }
}
