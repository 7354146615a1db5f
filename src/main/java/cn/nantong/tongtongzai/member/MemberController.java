package cn.nantong.tongtongzai.member;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import java.util.stream.Collectors;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.MemberRecords.ConfirmRegistrationInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateOwnersCommitteeInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreatePropertyCompanyInput;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.member.MemberRecords.CreateResidentInput;
import cn.nantong.tongtongzai.member.MemberRecords.RegistrationFilter;
import cn.nantong.tongtongzai.member.MemberRecords.ResidentFilter;
import cn.nantong.tongtongzai.member.MemberRecords.CreateUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.ImportMembersInput;
import cn.nantong.tongtongzai.member.MemberRecords.ImportMembersPayload;
import cn.nantong.tongtongzai.member.MemberRecords.OrganisationPayload;
import cn.nantong.tongtongzai.member.MemberRecords.PairUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.ResidentPayload;
import cn.nantong.tongtongzai.member.MemberRecords.UnitCommunityInput;
import cn.nantong.tongtongzai.member.MemberRecords.UnitPayload;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateUnitInput;
import cn.nantong.tongtongzai.member.MemberRecords.PartyOrgPayload;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateOwnersCommitteeInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdatePartyOrgInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdatePropertyCompanyInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateResidentInput;
import cn.nantong.tongtongzai.member.MemberRecords.CreateMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.MemberFilter;
import cn.nantong.tongtongzai.member.MemberRecords.MemberPayload;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkill;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.member.MemberRecords.MoveMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.Pairing;
import cn.nantong.tongtongzai.member.MemberRecords.PartyOrg;
import cn.nantong.tongtongzai.member.MemberRecords.RegisterMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.RegistrationPayload;
import cn.nantong.tongtongzai.member.MemberRecords.RejectRegistrationInput;
import cn.nantong.tongtongzai.member.MemberRecords.ReportingRate;
import cn.nantong.tongtongzai.member.MemberRecords.UnitFilter;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateMemberInput;
import cn.nantong.tongtongzai.organization.FunctionalBranch;
import cn.nantong.tongtongzai.organization.FunctionalGroup;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Listing;
import cn.nantong.tongtongzai.member.MemberRecords.ListOrder;
import cn.nantong.tongtongzai.member.MemberRecords.OrderField;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

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
            OrganizationService organization, UnitWriter units, ResidentWriter residents, BatchLoaderRegistry loaders) {
        this.members = members;
        this.writer = writer;
        this.registrations = registrations;
        this.organization = organization;
        this.units = units;
        this.residents = residents;
        loaders.<NestedPage, List<Registration>>forName("memberRegistrations")
                .registerMappedBatchLoader((pages, env) -> Mono.just(members.registrationsOfMembers(pages)));
        loaders.<NestedPage, List<Registration>>forName("unitRegistrations")
                .registerMappedBatchLoader((pages, env) -> Mono.just(members.registrationsReportedTo(pages)));
        loaders.<NestedPage, List<Member>>forName("unitMembers")
                .registerMappedBatchLoader((pages, env) -> Mono.just(members.membersOfUnits(pages)));
    }

    // Queries

    @QueryMapping
    Member member(@Argument String id) {
        return members.member(id).orElse(null);
    }

    @QueryMapping
    DataFetcherResult<Window<Member>> members(@Argument MemberFilter filter, @Argument ListOrder orderBy,
            ScrollSubrange subrange, @ContextValue Actor actor, DataFetchingEnvironment env) {
        // analysts never see a member's unit, grid, functional group or skills: nor may they filter by them, or
        // twenty queries would tell every member's unit (probe finding 5) and seventy their skills (finding 7);
        // they see pseudonyms, so neither may they search or sort by the real name
        boolean revealing = filter != null && (filter.unitId() != null || filter.gridId() != null
                || filter.functionalGroupId() != null || filter.skillId() != null || filter.search() != null)
                || orderBy != null && orderBy.field() == OrderField.NAME;
        if (revealing && actor.has(Role.ANALYST) && !actor.hasAny(AccessPolicy.FIGURE_READERS)) {
            throw AccessRefusedException.forbidden("按单位、网格、功能型党小组、技能或姓名筛选、排序党员");
        }
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(members.members(filter, orderBy, page)), () -> members.countMembers(filter));
    }

    @SchemaMapping(typeName = "Member")
    int birthDecade(Member member) {
        return member.birthYear() / 10 * 10;
    }

    @QueryMapping
    Resident resident(@Argument String id) {
        return members.residents(List.of(id)).get(id);
    }

    @QueryMapping
    Registration registration(@Argument String id) {
        return members.registration(id).orElse(null);
    }

    @QueryMapping
    DataFetcherResult<Window<Registration>> registrations(@Argument RegistrationFilter filter, @Argument ListOrder orderBy,
            ScrollSubrange subrange, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(members.registrationsWithCommunity(filter, orderBy, page)),
                () -> members.countRegistrationsWithCommunity(filter));
    }

    @QueryMapping
    DataFetcherResult<Window<Resident>> residents(@Argument ResidentFilter filter, @Argument ListOrder orderBy,
            ScrollSubrange subrange, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(members.residents(filter, orderBy, page)), () -> members.countResidents(filter));
    }

    @QueryMapping
    List<PostCategory> postCategories() {
        return members.postCategories();
    }

    @QueryMapping
    Unit unit(@Argument String id) {
        return members.unit(id).orElse(null);
    }

    @QueryMapping
    DataFetcherResult<Window<Unit>> units(@Argument UnitFilter filter, @Argument ListOrder orderBy,
            ScrollSubrange subrange, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(members.units(filter, orderBy, page)), () -> members.countUnits(filter));
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

    @MutationMapping
    ResidentPayload updateResident(@Argument UpdateResidentInput input) {
        return new ResidentPayload(residents.update(input));
    }

    @MutationMapping
    PartyOrgPayload updatePartyOrg(@Argument UpdatePartyOrgInput input) {
        return new PartyOrgPayload(units.renamePartyOrg(input.id(), input.name()));
    }

    @MutationMapping
    OrganisationPayload updateOwnersCommittee(@Argument UpdateOwnersCommitteeInput input) {
        return units.updateOrganisation("OwnersCommittee", input.id(), input.name(), null, input.partyOrgName());
    }

    @MutationMapping
    OrganisationPayload updatePropertyCompany(@Argument UpdatePropertyCompanyInput input) {
        return units.updateOrganisation("PropertyCompany", input.id(), input.name(), input.compoundIds(), input.partyOrgName());
    }

    @BatchMapping(typeName = "Resident", field = "residence")
    Map<Resident, OrgNode> residentResidence(List<Resident> list) {
        return join(list, Resident::residenceId,
                organization.nodes(TreeLevel.MICRO_GRID, list.stream().map(Resident::residenceId).toList()));
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
        return joinOr(list, Member::id, members.skillsOfMembers(ids(list)), List.of());
    }

    @BatchMapping(typeName = "Member")
    Map<Member, List<PostCategory>> postCategories(List<Member> list) {
        return joinOr(list, Member::id, members.postCategoriesOfMembers(ids(list)), List.of());
    }

    @BatchMapping(typeName = "Member")
    Map<Member, Registration> registration(List<Member> list) {
        return byMember(list, members.activeRegistrations(ids(list)));
    }

    @BatchMapping(typeName = "Member")
    Map<Member, FunctionalGroup> functionalGroup(List<Member> list) {
        return byMember(list, members.functionalGroupsOfMembers(ids(list)));
    }

    @SchemaMapping(typeName = "Member")
    CompletableFuture<Window<Registration>> registrations(Member member, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Registration>> memberRegistrations) {
        Page page = Page.of(subrange);
        return memberRegistrations.load(new NestedPage(member.id(), null, page)).thenApply(page::window);
    }

    @BatchMapping(typeName = "Skill")
    Map<Skill, PostCategory> category(List<Skill> skills) {
        return join(skills, Skill::categoryId, members.categoriesOfSkills(
                skills.stream().map(Skill::categoryId).filter(Objects::nonNull).toList()));
    }

    // Registration fields

    @BatchMapping(typeName = "Registration")
    Map<Registration, Member> member(List<Registration> list) {
        return join(list, Registration::memberId, members.members(list.stream().map(Registration::memberId).toList()));
    }

    @BatchMapping(typeName = "Registration", field = "community")
    Map<Registration, OrgNode> registrationCommunity(List<Registration> list) {
        return join(list, Registration::communityId,
                organization.nodes(TreeLevel.COMMUNITY, list.stream().map(Registration::communityId).toList()));
    }

    @BatchMapping(typeName = "Registration", field = "residence")
    Map<Registration, OrgNode> registrationResidence(List<Registration> list) {
        return join(list, Registration::residenceId,
                organization.nodes(TreeLevel.MICRO_GRID, list.stream().map(Registration::residenceId).toList()));
    }

    @BatchMapping(typeName = "Registration")
    Map<Registration, PartyOrg> reportedTo(List<Registration> list) {
        return join(list, Registration::reportedToId,
                members.partyOrgs(list.stream().map(Registration::reportedToId).filter(Objects::nonNull).toList()));
    }

    // Unit fields

    @BatchMapping(typeName = "Unit", field = "partyOrg")
    Map<Unit, PartyOrg> unitPartyOrg(Collection<Unit> units) {
        return join(units, Unit::id, members.partyOrgsOfUnits(units.stream().map(Unit::id).toList()));
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, List<Pairing>> pairings(Collection<Unit> units) {
        return joinOr(units, Unit::id, members.pairingsOfUnits(units.stream().map(Unit::id).toList()), List.of());
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, List<OrgNode>> stationedIn(Collection<Unit> units) {
        Map<String, List<String>> byId = members.stationedInOfUnits(units.stream().map(Unit::id).toList());
        Map<String, OrgNode> communities = organization.nodes(TreeLevel.COMMUNITY,
                byId.values().stream().flatMap(List::stream).distinct().toList());
        return joinOr(units, Unit::id, byId, List.<String>of()).entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(communities::get).filter(Objects::nonNull).toList()));
    }

    @BatchMapping(typeName = "Unit")
    Map<Unit, ReportingRate> reportingRate(Collection<Unit> units) {
        return joinOr(units, Unit::id, members.reportingRates(units.stream().map(Unit::id).toList()),
                new ReportingRate(0, 0, 0));
    }

    @SchemaMapping(typeName = "Unit", field = "members")
    CompletableFuture<Window<Member>> unitMembers(Unit unit, @Argument String communityId, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Member>> unitMembers) {
        Page page = Page.of(subrange);
        return unitMembers.load(new NestedPage(unit.id(), communityId, page)).thenApply(page::window);
    }

    /** Report-back to the unit: its members' registrations, newest first. */
    @SchemaMapping(typeName = "Unit", field = "registrations")
    CompletableFuture<Window<Registration>> unitRegistrations(Unit unit, @Argument String state, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Registration>> unitRegistrations) {
        Page page = Page.of(subrange);
        return unitRegistrations.load(new NestedPage(unit.id(), state, page)).thenApply(page::window);
    }

    @BatchMapping(typeName = "Pairing", field = "community")
    Map<Pairing, OrgNode> pairingCommunity(Collection<Pairing> pairings) {
        return join(pairings, Pairing::communityId,
                organization.nodes(TreeLevel.COMMUNITY, pairings.stream().map(Pairing::communityId).toList()));
    }

    // Leaders on organisation types

    @BatchMapping(typeName = "FunctionalBranch")
    Map<FunctionalBranch, Member> secretary(List<FunctionalBranch> branches) {
        return join(branches, FunctionalBranch::id, members.secretaries(branches.stream().map(FunctionalBranch::id).toList()));
    }

    @BatchMapping(typeName = "FunctionalGroup")
    Map<FunctionalGroup, Member> leader(List<FunctionalGroup> groups) {
        return join(groups, FunctionalGroup::gridBranchId,
                members.deputySecretaries(groups.stream().map(FunctionalGroup::gridBranchId).toList()));
    }

    @BatchMapping(typeName = "GridBranch")
    Map<OrgNode, Member> deputySecretary(List<OrgNode> gridBranches) {
        return join(gridBranches, OrgNode::id, members.deputySecretaries(gridBranches.stream().map(OrgNode::id).toList()));
    }

    private static List<String> ids(List<Member> list) {
        return list.stream().map(Member::id).distinct().toList();
    }

    private static <V> Map<Member, V> byMember(List<Member> list, Map<String, V> byId) {
        return join(list, Member::id, byId);
    }
}
