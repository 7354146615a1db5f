package cn.nantong.tongtongzai.member;

import java.time.LocalDate;
import java.time.LocalDate;
import java.util.List;

import cn.nantong.tongtongzai.platform.graphql.OrderDirection;

/** Small values of the member feature. */
final class MemberRecords {

    private MemberRecords() {
    }

    /** A skill a member holds: declared by the member, or read from their occupation or interests (knowledge). */
    record MemberSkill(Skill skill, int level, String source, String because) {
    }

    record PartyOrg(String id, String name) {
    }

    record Pairing(String communityId, List<String> responsibilities, LocalDate since) {
    }

    record ReportingRate(int onRoster, int registered, double rate) {
    }

    /** The members table: every filter given must hold; {@code search} is a name (platform/graphql/Search). */
    record MemberFilter(String communityId, String gridId, String skillId, String postCategoryId, String unitId,
            String registrationState, String functionalGroupId, String search) {

        static final MemberFilter NONE = new MemberFilter(null, null, null, null, null, null, null, null);
    }

    /** The registration queue of a community: registrations with it, optionally in one state or of a member's name. */
    record RegistrationFilter(String communityId, String state, String search, LocalDate from, LocalDate to) {
    }

    /** How a table of members, residents, registrations or units is sorted: by one field, then by id. */
    record ListOrder(OrderField field, OrderDirection direction) {

        ListOrder {
            direction = direction == null ? OrderDirection.ASC : direction;
        }
    }

    /** The fields those tables sort by (graphql/member.graphqls MemberOrderField etc., each a subset). */
    enum OrderField {
        ID, NAME, BUILDING, REGISTERED_AT
    }

    /** Residents living in a community, a grid or one building (三提三知: 提户知人). */
    record ResidentFilter(String communityId, String gridId, String buildingId, String search) {
    }

    record UnitFilter(String kind, String communityId, String search) {
    }

    record MemberSkillInput(String skillId, Integer level) {
    }

    record CreateMemberInput(String name, String gender, Integer birthYear, String phone, String unitId,
            String residenceId, List<MemberSkillInput> skills, List<String> postCategoryIds, List<String> interests,
            List<String> availability, List<String> roles, String occupation) {
    }

    record UpdateMemberInput(String id, String name, String gender, Integer birthYear, String phone, String unitId,
            List<MemberSkillInput> skills, List<String> postCategoryIds, List<String> interests,
            List<String> availability, List<String> roles, String occupation) {
    }

    record RegisterMemberInput(String memberId, String communityId, String residenceId, String channel) {
    }

    record ConfirmRegistrationInput(String registrationId) {
    }

    record RejectRegistrationInput(String registrationId, String reason) {
    }

    record MoveMemberInput(String memberId, String communityId, String residenceId, String channel) {
    }

    record MemberPayload(Member member) {
    }

    record ImportMembersInput(List<CreateMemberInput> members) {
    }

    record ImportMembersPayload(int imported, List<Member> members) {
    }

    record CreateUnitInput(String name, String kind, String partyOrgName) {
    }

    record UpdateUnitInput(String id, String name, String kind) {
    }

    record PairUnitInput(String unitId, String communityId, List<String> responsibilities, LocalDate since) {
    }

    record UnitCommunityInput(String unitId, String communityId) {
    }

    record CreateOwnersCommitteeInput(String compoundId, String name, String partyOrgName) {
    }

    record CreatePropertyCompanyInput(String name, List<String> compoundIds, String partyOrgName) {
    }

    record OrganisationPayload(String id, String name, PartyOrg partyOrg) {
    }

    record UnitPayload(Unit unit) {
    }

    record CreateResidentInput(String name, String phone, String residenceId) {
    }

    record ResidentPayload(Resident resident) {
    }

    record UpdateResidentInput(String id, String name, String phone, String residenceId) {
    }

    record UpdatePartyOrgInput(String id, String name) {
    }

    record PartyOrgPayload(PartyOrg partyOrg) {
    }

    record UpdateOwnersCommitteeInput(String id, String name, String partyOrgName) {
    }

    record UpdatePropertyCompanyInput(String id, String name, List<String> compoundIds, String partyOrgName) {
    }

    record RegistrationPayload(Registration registration) {
    }
}
