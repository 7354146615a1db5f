package cn.nantong.tongtongzai.evaluation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CommunitySummary;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Evaluation;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.EvaluationPayload;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.JointMeeting;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.JointMeetingPayload;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MemberStanding;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListEntry;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListPayload;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RateClaimInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RecordJointMeetingInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ReportBackRow;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ResolutionRate;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ResolveProblemInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RevokeNegativeListInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Satisfaction;
import cn.nantong.tongtongzai.evaluation.EvaluationService.Scope;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.organization.FunctionalBranch;
import cn.nantong.tongtongzai.organization.FunctionalGroup;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.task.Claim;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/** graphql/evaluation.graphqls */
@Controller
@EnableConfigurationProperties(EvaluationRules.class)
class EvaluationController {

    /** One satisfaction figure: of whom, in which period. The figures of a response load together. */
    record SatisfactionKey(Scope scope, String id, Period period) {
    }

    private final EvaluationService evaluations;
    private final EvaluationWriter writer;
    private final MemberService members;
    private final OrganizationService organization;

    EvaluationController(EvaluationService evaluations, EvaluationWriter writer, MemberService members,
            OrganizationService organization, BatchLoaderRegistry loaders) {
        this.evaluations = evaluations;
        this.writer = writer;
        this.members = members;
        this.organization = organization;
        loaders.<SatisfactionKey, Satisfaction>forName("satisfaction")
                .registerMappedBatchLoader((keys, env) -> Mono.just(satisfaction(keys)));
        loaders.<ResolutionKey, ResolutionRate>forName("resolution")
                .registerMappedBatchLoader((keys, env) -> Mono.just(resolution(keys)));
    }

    // Queries

    @QueryMapping
    Window<MemberStanding> interviewList(@Argument int year, @Argument String unitId, @Argument String communityId,
            ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(evaluations.interviewList(year, unitId, communityId, page));
    }

    @QueryMapping
    Window<MemberStanding> awardList(@Argument int year, @Argument String unitId, @Argument String communityId,
            ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(evaluations.awardList(year, unitId, communityId, page));
    }

    @QueryMapping
    Window<NegativeListEntry> negativeList(@Argument String communityId, @Argument String memberId, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(evaluations.negativeList(communityId, memberId, page));
    }

    @QueryMapping
    Window<ReportBackRow> reportBack(@Argument String unitId, @Argument String quarter, ScrollSubrange subrange) {
        Period period = Period.quarter(quarter);
        Page page = Page.of(subrange);
        return page.window(evaluations.reportBack(unitId, period, page));
    }

    @QueryMapping
    JointMeeting jointMeeting(@Argument String id) {
        return evaluations.meeting(id).orElse(null);
    }

    @QueryMapping
    Window<JointMeeting> jointMeetings(@Argument String communityId, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(evaluations.meetings(communityId, page));
    }

    @QueryMapping
    CommunitySummary communitySummary(@Argument String communityId, @Argument String period, @Argument LocalDate date) {
        if (!List.of("DAY", "WEEK", "MONTH").contains(period)) {
            throw new cn.nantong.tongtongzai.platform.graphql.UserInputException(ErrorCode.INVALID_PERIOD,
                    "社区汇总按日、周或月（日汇总、周研判、月总结）。");
        }
        return evaluations.summary(communityId, Period.of(period, date));
    }

    // Mutations

    @MutationMapping
    EvaluationPayload rateClaim(@Argument RateClaimInput input, @ContextValue Actor actor) {
        return new EvaluationPayload(writer.rate(input, actor));
    }

    @MutationMapping
    NegativeListPayload addNegativeListEntry(@Argument NegativeListInput input, @ContextValue Actor actor) {
        return new NegativeListPayload(writer.addNegative(input.memberId(), input.communityId(), input.reason(), actor));
    }

    @MutationMapping
    NegativeListPayload revokeNegativeListEntry(@Argument RevokeNegativeListInput input, @ContextValue Actor actor) {
        return new NegativeListPayload(writer.revokeNegative(input.entryId(), input.reason(), actor));
    }

    @MutationMapping
    JointMeetingPayload recordJointMeeting(@Argument RecordJointMeetingInput input, @ContextValue Actor actor) {
        return new JointMeetingPayload(writer.recordMeeting(input, actor));
    }

    @MutationMapping
    JointMeetingPayload resolveMeetingProblem(@Argument ResolveProblemInput input, @ContextValue Actor actor) {
        return new JointMeetingPayload(writer.resolveProblem(input.problemId(), input.resolution(), actor));
    }

    // Fields

    @BatchMapping(typeName = "Claim")
    Map<Claim, List<Evaluation>> evaluations(List<Claim> list) {
        return joinOr(list, Claim::id, evaluations.evaluationsOfClaims(ids(list, Claim::id)), List.of());
    }

    @BatchMapping(typeName = "MemberStanding")
    Map<MemberStanding, Member> member(List<MemberStanding> list) {
        return join(list, MemberStanding::memberId, members.members(ids(list, MemberStanding::memberId)));
    }

    @BatchMapping(typeName = "NegativeListEntry", field = "member")
    Map<NegativeListEntry, Member> entryMember(List<NegativeListEntry> list) {
        return join(list, NegativeListEntry::memberId, members.members(ids(list, NegativeListEntry::memberId)));
    }

    @BatchMapping(typeName = "NegativeListEntry", field = "community")
    Map<NegativeListEntry, OrgNode> entryCommunity(List<NegativeListEntry> list) {
        return join(list, NegativeListEntry::communityId,
                organization.nodes(TreeLevel.COMMUNITY, ids(list, NegativeListEntry::communityId)));
    }

    @BatchMapping(typeName = "ReportBackRow", field = "member")
    Map<ReportBackRow, Member> rowMember(List<ReportBackRow> list) {
        return join(list, ReportBackRow::memberId, members.members(ids(list, ReportBackRow::memberId)));
    }

    @BatchMapping(typeName = "ReportBackRow", field = "community")
    Map<ReportBackRow, OrgNode> rowCommunity(List<ReportBackRow> list) {
        return join(list, ReportBackRow::communityId,
                organization.nodes(TreeLevel.COMMUNITY, ids(list, ReportBackRow::communityId)));
    }

    @BatchMapping(typeName = "JointMeeting", field = "community")
    Map<JointMeeting, OrgNode> meetingCommunity(List<JointMeeting> list) {
        return join(list, JointMeeting::communityId,
                organization.nodes(TreeLevel.COMMUNITY, ids(list, JointMeeting::communityId)));
    }

    @BatchMapping(typeName = "CommunitySummary", field = "community")
    Map<CommunitySummary, OrgNode> summaryCommunity(List<CommunitySummary> list) {
        return join(list, CommunitySummary::communityId,
                organization.nodes(TreeLevel.COMMUNITY, ids(list, CommunitySummary::communityId)));
    }

    @SchemaMapping(typeName = "Member", field = "satisfaction")
    CompletableFuture<Satisfaction> memberSatisfaction(Member member, @Argument String period, @Argument LocalDate date,
            DataLoader<SatisfactionKey, Satisfaction> satisfaction) {
        return satisfaction.load(new SatisfactionKey(Scope.MEMBER, member.id(), Period.of(period, date)));
    }

    @SchemaMapping(typeName = "FunctionalGroup", field = "satisfaction")
    CompletableFuture<Satisfaction> groupSatisfaction(FunctionalGroup group, @Argument String period,
            @Argument LocalDate date, DataLoader<SatisfactionKey, Satisfaction> satisfaction) {
        return satisfaction.load(new SatisfactionKey(Scope.FUNCTIONAL_GROUP, group.id(), Period.of(period, date)));
    }

    @SchemaMapping(typeName = "FunctionalBranch", field = "satisfaction")
    CompletableFuture<Satisfaction> branchSatisfaction(FunctionalBranch branch, @Argument String period,
            @Argument LocalDate date, DataLoader<SatisfactionKey, Satisfaction> satisfaction) {
        return satisfaction.load(new SatisfactionKey(Scope.FUNCTIONAL_BRANCH, branch.id(), Period.of(period, date)));
    }

    @SchemaMapping(typeName = "Community", field = "satisfaction")
    CompletableFuture<Satisfaction> communitySatisfaction(OrgNode community, @Argument String period,
            @Argument LocalDate date, DataLoader<SatisfactionKey, Satisfaction> satisfaction) {
        return satisfaction.load(new SatisfactionKey(Scope.COMMUNITY, community.id(), Period.of(period, date)));
    }

    @SchemaMapping(typeName = "Community", field = "jointMeetingResolution")
    CompletableFuture<ResolutionRate> jointMeetingResolution(OrgNode community, @Argument int year,
            DataLoader<ResolutionKey, ResolutionRate> resolution) {
        return resolution.load(new ResolutionKey(community.id(), Period.year(year)));
    }

    /** One community's resolution rate in one year; the communities of a response load together. */
    record ResolutionKey(String communityId, Period year) {
    }

    private Map<ResolutionKey, ResolutionRate> resolution(Collection<ResolutionKey> keys) {
        Map<ResolutionKey, ResolutionRate> result = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(ResolutionKey::year)).forEach((year, list) -> {
            Map<String, ResolutionRate> byId = evaluations.resolution(list.stream().map(ResolutionKey::communityId).toList(), year);
            list.forEach(key -> result.put(key, byId.get(key.communityId())));
        });
        return result;
    }

    private Map<SatisfactionKey, Satisfaction> satisfaction(Collection<SatisfactionKey> keys) {
        Map<SatisfactionKey, Satisfaction> result = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(k -> List.of(k.scope(), k.period()))).forEach((group, list) -> {
            Map<String, Satisfaction> byId = evaluations.satisfaction((Scope) group.get(0),
                    list.stream().map(SatisfactionKey::id).toList(), (Period) group.get(1));
            list.forEach(key -> result.put(key, byId.get(key.id())));
        });
        return result;
    }

}
