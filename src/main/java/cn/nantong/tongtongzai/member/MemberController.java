package cn.nantong.tongtongzai.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.MemberRecords.ConfirmRegistrationInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateOwnersCommitteeInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreatePropertyCompanyInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateResidentInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.ImportMembersInput;
import cn.nantong.tongtongzai.member.MemberRecords.ImportMembersPayload;
import cn.nantong.tongtongzai.member.MemberRecords.OrganisationPayload;
import cn.nantong.tongtongzai.member.MemberRecords.PairUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.Resident;
import cn.nantong.tongtongzai.member.MemberRecords.ResidentPayload;
import cn.nantong.tongtongzai.member.MemberRecords.UnitCommunityInput;
import cn.nantong.tongtongzai.member.MemberRecords.UnitPayload;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.MemberFilter;
import cn.nantong.tongtongzai.member.MemberRecords.MemberPayload;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkill;
import cn.nantong.tongtongzai.member.MemberRecords.MoveMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.Pairing;
import cn.nantong.tongtongzai.member.MemberRecords.PartyOrg;
import cn.nantong.tongtongzai.member.MemberRecords.PostCategory;
import cn.nantong.tongtongzai.member.MemberRecords.RegisterMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.RegistrationPayload;
import cn.nantong.tongtongzai.member.MemberRecords.RejectRegistrationInput;
import cn.nantong.tongtongzai.member.MemberRecords.ReportingRate;
import cn.nantong.tongtongzai.member.MemberRecords.Skill;
import cn.nantong.tongtongzai.member.MemberRecords.Unit;
import cn.nantong.tongtongzai.member.MemberRecords.UnitFilter;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateMemberInput;
import cn.nantong.tongtongzai.organization.FunctionalBranch;
import cn.nantong.tongtongzai.organization.FunctionalGroup;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.graphql.Page;

/** graphql/member.graphqls */
@Controller
class MemberController {

    private final MemberService members;
    private final MemberWriter writer;
    private final RegistrationService registrations;
    private final OrganizationService organization;
    private final UnitWriter units;
    private final ResidentWriter residents;

    MemberController(MemberService members, MemberWriter writer, RegistrationService registrations,
            OrganizationService organization, UnitWriter units, ResidentWriter residents) {
        this.members = members;
        this.writer = writer;
        this.registrations = registrations;
        this.organization = organization;
        this.units = units;
        this.residents = residents;
    }

    // Queries

    @QueryMapping
    Member member(@Argument String id) {
        return members.member(id).orElse(null);
    }

    @QueryMapping
    Window<Member> members(@Argument MemberFilter filter, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(members.members(filter, page));
    }

    @QueryMapping
    Registration registration(@Argument String id) {
        return members.registration(id).orElse(null);
    }

    @QueryMapping
    Unit unit(@Argument String id) {
        return members.unit(id).orElse(null);
    }

    @QueryMapping
    Window<Unit> units(@Argument UnitFilter filter, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(members.units(filter, page));
    }

    // Mutations

    @MutationMapping
    MemberPayload createMember(@Argument CreateMemberInput input) {
        return new MemberPayload(writer.create(input));
    }

    @MutationMapping
    MemberPayload updateMember(@Argument UpdateMemberInput input) {
        return new MemberPayload(writer.update(input));
    }

    @MutationMapping
    RegistrationPayload registerMember(@Argument RegisterMemberInput input) {
        return new RegistrationPayload(registrations.register(input));
    }

    @MutationMapping
    RegistrationPayload confirmRegistration(@Argument ConfirmRegistrationInput input) {
        return new RegistrationPayload(registrations.confirm(input.registrationId()));
    }

    @MutationMapping
    RegistrationPayload rejectRegistration(@Argument RejectRegistrationInput input) {
        return new RegistrationPayload(registrations.reject(input.registrationId(), input.reason()));
    }

    @MutationMapping
    RegistrationPayload moveMember(@Argument MoveMemberInput input) {
        return new RegistrationPayload(registrations.move(input));
    }

    @MutationMapping
    ImportMembersPayload importMembers(@Argument ImportMembersInput input) {
        List<Member> imported = writer.importAll(input.members());
        return new ImportMembersPayload(imported.size(), imported);
    }

    @MutationMapping
    UnitPayload createUnit(@Argument CreateUnitInput input) {
        return new UnitPayload(units.create(input));
    }

    @MutationMapping
    UnitPayload updateUnit(@Argument UpdateUnitInput input) {
        return new UnitPayload(units.update(input));
    }

    @MutationMapping
    UnitPayload pairUnit(@Argument PairUnitInput input) {
        return new UnitPayload(units.pair(input));
    }

    @MutationMapping
    UnitPayload unpairUnit(@Argument UnitCommunityInput input) {
        return new UnitPayload(units.link(input.unitId(), input.communityId(), "PAIRED_WITH", false));
    }

    @MutationMapping
    UnitPayload stationUnit(@Argument UnitCommunityInput input) {
        return new UnitPayload(units.link(input.unitId(), input.communityId(), "STATIONED_IN", true));
    }

    @MutationMapping
    UnitPayload unstationUnit(@Argument UnitCommunityInput input) {
        return new UnitPayload(units.link(input.unitId(), input.communityId(), "STATIONED_IN", false));
    }

    @MutationMapping
    OrganisationPayload createOwnersCommittee(@Argument CreateOwnersCommitteeInput input) {
        return units.createOwnersCommittee(input);
    }

    @MutationMapping
    OrganisationPayload createPropertyCompany(@Argument CreatePropertyCompanyInput input) {
        return units.createPropertyCompany(input);
    }

    @MutationMapping
    ResidentPayload createResident(@Argument CreateResidentInput input) {
        return new ResidentPayload(residents.create(input));
    }

    @BatchMapping(typeName = "Resident", field = "residence")
    Map<Resident, OrgNode> residentResidence(List<Resident> list) {
        Map<String, OrgNode> byId = organization.nodes(TreeLevel.MICRO_GRID, list.stream().map(Resident::residenceId).toList());
        return list.stream().distinct().filter(r -> byId.containsKey(r.residenceId()))
                .collect(Collectors.toMap(Function.identity(), r -> byId.get(r.residenceId())));
    }

    // Member fields, each batched over all members of a response

    @BatchMapping(typeName = "Member")
    Map<Member, Unit> unit(List<Member> list) {
        return byMember(list, members.unitsOfMembers(ids(list)));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, PartyOrg> partyOrg(List<Member> list) {
        return byMember(list, members.partyOrgsOfMembers(ids(list)));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, OrgNode> residence(List<Member> list) {
        Map<String, String> residences = members.residencesOfMembers(ids(list));
        Map<String, OrgNode> nodes = organization.nodes(TreeLevel.MICRO_GRID, residences.values());
        return byMember(list, residences.entrySet().stream().filter(e -> nodes.containsKey(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> nodes.get(e.getValue()))));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, OrgNode> community(List<Member> list) {
        Map<String, String> residences = members.residencesOfMembers(ids(list));
        Map<String, OrgNode> communities = organization.communitiesOfMicroGrids(residences.values());
        return byMember(list, residences.entrySet().stream().filter(e -> communities.containsKey(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> communities.get(e.getValue()))));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, List<MemberSkill>> skills(List<Member> list) {
        Map<String, List<MemberSkill>> skills = members.skillsOfMembers(ids(list));
        return list.stream().distinct().collect(Collectors.toMap(Function.identity(),
                m -> skills.getOrDefault(m.id(), List.of())));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, List<PostCategory>> postCategories(List<Member> list) {
        Map<String, List<PostCategory>> categories = members.postCategoriesOfMembers(ids(list));
        return list.stream().distinct().collect(Collectors.toMap(Function.identity(),
                m -> categories.getOrDefault(m.id(), List.of())));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, Registration> registration(List<Member> list) {
        return byMember(list, members.activeRegistrations(ids(list)));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, FunctionalGroup> functionalGroup(List<Member> list) {
        return byMember(list, members.functionalGroupsOfMembers(ids(list)));
    }

    /** History of one member; asked for one member at a time (a profile page), so not batched. */
    @SchemaMapping(typeName = "Member")
    Window<Registration> registrations(Member member, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(members.registrationsOfMember(member.id(), page));
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, PostCategory> category(List<Skill> skills) {
        Map<String, PostCategory> categories = members.categoriesOfSkills(
                skills.stream().map(Skill::categoryId).filter(java.util.Objects::nonNull).toList());
        return skills.stream().distinct().filter(s -> categories.containsKey(s.categoryId()))
                .collect(Collectors.toMap(Function.identity(), s -> categories.get(s.categoryId())));
    }

    // Registration fields

    @BatchMapping(typeName = "Registration")
    Map<Registration, Member> member(List<Registration> list) {
        Map<String, Member> byId = members.members(list.stream().map(Registration::memberId).toList());
        return list.stream().distinct().filter(r -> byId.containsKey(r.memberId()))
                .collect(Collectors.toMap(Function.identity(), r -> byId.get(r.memberId())));
    }

    @BatchMapping(typeName = "Registration", field = "community")
    Map<Registration, OrgNode> registrationCommunity(List<Registration> list) {
        Map<String, OrgNode> byId = organization.nodes(TreeLevel.COMMUNITY, list.stream().map(Registration::communityId).toList());
        return list.stream().distinct().filter(r -> byId.containsKey(r.communityId()))
                .collect(Collectors.toMap(Function.identity(), r -> byId.get(r.communityId())));
    }

    @BatchMapping(typeName = "Registration", field = "residence")
    Map<Registration, OrgNode> registrationResidence(List<Registration> list) {
        Map<String, OrgNode> byId = organization.nodes(TreeLevel.MICRO_GRID, list.stream().map(Registration::residenceId).toList());
        return list.stream().distinct().filter(r -> byId.containsKey(r.residenceId()))
                .collect(Collectors.toMap(Function.identity(), r -> byId.get(r.residenceId())));
    }

    @BatchMapping(typeName = "Registration")
    Map<Registration, PartyOrg> reportedTo(List<Registration> list) {
        Map<String, PartyOrg> byId = members.partyOrgs(list.stream().map(Registration::reportedToId)
                .filter(java.util.Objects::nonNull).toList());
        return list.stream().distinct().filter(r -> byId.containsKey(r.reportedToId()))
                .collect(Collectors.toMap(Function.identity(), r -> byId.get(r.reportedToId())));
    }

    // Unit fields

    @BatchMapping(typeName = "Unit", field = "partyOrg")
    Map<Unit, PartyOrg> unitPartyOrg(Collection<Unit> units) {
        Map<String, PartyOrg> byId = members.partyOrgsOfUnits(units.stream().map(Unit::id).toList());
        return units.stream().distinct().filter(u -> byId.containsKey(u.id()))
                .collect(Collectors.toMap(Function.identity(), u -> byId.get(u.id())));
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, List<Pairing>> pairings(Collection<Unit> units) {
        Map<String, List<Pairing>> byId = members.pairingsOfUnits(units.stream().map(Unit::id).toList());
        return units.stream().distinct().collect(Collectors.toMap(Function.identity(), u -> byId.getOrDefault(u.id(), List.of())));
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, List<OrgNode>> stationedIn(Collection<Unit> units) {
        Map<String, List<String>> byId = members.stationedInOfUnits(units.stream().map(Unit::id).toList());
        Map<String, OrgNode> communities = organization.nodes(TreeLevel.COMMUNITY,
                byId.values().stream().flatMap(List::stream).distinct().toList());
        return units.stream().distinct().collect(Collectors.toMap(Function.identity(), u -> byId.getOrDefault(u.id(), List.of())
                .stream().map(communities::get).filter(java.util.Objects::nonNull).toList()));
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, ReportingRate> reportingRate(Collection<Unit> units) {
        Map<String, ReportingRate> byId = members.reportingRates(units.stream().map(Unit::id).toList());
        return units.stream().distinct().collect(Collectors.toMap(Function.identity(),
                u -> byId.getOrDefault(u.id(), new ReportingRate(0, 0, 0))));
    }

    /** A unit's roster page; asked for one unit at a time (the unit secretary's view), so not batched. */
    @SchemaMapping(typeName = "Unit", field = "members")
    Window<Member> unitMembers(Unit unit, @Argument String communityId, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(members.members(new MemberFilter(communityId, null, null, null, unit.id(), null), page));
    }

    /** Report-back to the unit: its members' registrations, newest first; one unit at a time. */
    @SchemaMapping(typeName = "Unit", field = "registrations")
    Window<Registration> unitRegistrations(Unit unit, @Argument String state, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(members.registrationsReportedTo(unit.id(), state, page));
    }

    @BatchMapping(typeName = "Pairing", field = "community")
    Map<Pairing, OrgNode> pairingCommunity(Collection<Pairing> pairings) {
        Map<String, OrgNode> byId = organization.nodes(TreeLevel.COMMUNITY, pairings.stream().map(Pairing::communityId).toList());
        return pairings.stream().distinct().filter(p -> byId.containsKey(p.communityId()))
                .collect(Collectors.toMap(Function.identity(), p -> byId.get(p.communityId())));
    }

    // Leaders on organisation types

    @BatchMapping(typeName = "FunctionalBranch")
    Map<FunctionalBranch, Member> secretary(List<FunctionalBranch> branches) {
        Map<String, Member> byId = members.secretaries(branches.stream().map(FunctionalBranch::id).toList());
        return branches.stream().distinct().filter(b -> byId.containsKey(b.id()))
                .collect(Collectors.toMap(Function.identity(), b -> byId.get(b.id())));
    }

    @BatchMapping(typeName = "FunctionalGroup")
    Map<FunctionalGroup, Member> leader(List<FunctionalGroup> groups) {
        Map<String, Member> byBranch = members.deputySecretaries(groups.stream().map(FunctionalGroup::gridBranchId).toList());
        return groups.stream().distinct().filter(g -> byBranch.containsKey(g.gridBranchId()))
                .collect(Collectors.toMap(Function.identity(), g -> byBranch.get(g.gridBranchId())));
    }

    @BatchMapping(typeName = "GridBranch")
    Map<OrgNode, Member> deputySecretary(List<OrgNode> gridBranches) {
        Map<String, Member> byId = members.deputySecretaries(gridBranches.stream().map(OrgNode::id).toList());
        return gridBranches.stream().distinct().filter(b -> byId.containsKey(b.id()))
                .collect(Collectors.toMap(Function.identity(), b -> byId.get(b.id())));
    }

    private static List<String> ids(List<Member> list) {
        return list.stream().map(Member::id).distinct().toList();
    }

    private static <V> Map<Member, V> byMember(List<Member> list, Map<String, V> byId) {
        return list.stream().distinct().filter(m -> byId.containsKey(m.id()))
                .collect(Collectors.toMap(Function.identity(), m -> byId.get(m.id())));
    }
}
