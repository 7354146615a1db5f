package cn.nantong.tongtongzai.evaluation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CommentOnReportBackInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CompleteInterviewFollowUpInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Interview;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewPayload;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MemberStanding;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RecordInterviewInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ReportBackRow;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.UnitFeedback;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.UnitFeedbackPayload;
import cn.nantong.tongtongzai.evaluation.InterviewService.RowKey;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.member.Unit;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.security.Actor;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/** graphql/evaluation.graphqls: interviews (约谈记录) and the units' feedback (单位反馈). */
@Controller
class InterviewController {

    private final InterviewService interviews;
    private final InterviewWriter interviewWriter;
    private final UnitFeedbackWriter feedbackWriter;
    private final MemberService members;
    private final OrganizationService organization;

    InterviewController(InterviewService interviews, InterviewWriter interviewWriter, UnitFeedbackWriter feedbackWriter,
            MemberService members, OrganizationService organization, BatchLoaderRegistry loaders) {
        this.interviews = interviews;
        this.interviewWriter = interviewWriter;
        this.feedbackWriter = feedbackWriter;
        this.members = members;
        this.organization = organization;
        loaders.<NestedPage, List<UnitFeedback>>forName("communityFeedback")
                .registerMappedBatchLoader((pages, env) -> Mono.just(interviews.feedbackToCommunities(pages)));
    }

    // Mutations

    @MutationMapping
    InterviewPayload recordInterview(@Argument RecordInterviewInput input, @ContextValue Actor actor) {
        return new InterviewPayload(interviewWriter.record(input, actor));
    }

    @MutationMapping
    InterviewPayload completeInterviewFollowUp(@Argument CompleteInterviewFollowUpInput input, @ContextValue Actor actor) {
        return new InterviewPayload(interviewWriter.completeFollowUp(input, actor));
    }

    @MutationMapping
    UnitFeedbackPayload commentOnReportBack(@Argument CommentOnReportBackInput input, @ContextValue Actor actor) {
        return new UnitFeedbackPayload(feedbackWriter.comment(input, actor));
    }

    // Fields

    @BatchMapping(typeName = "MemberStanding", field = "interview")
    Map<MemberStanding, Interview> standingInterview(List<MemberStanding> list) {
        return join(list, s -> InterviewService.memberYear(s.memberId(), s.year()),
                interviews.interviewsByMemberYear(ids(list, s -> InterviewService.memberYear(s.memberId(), s.year()))));
    }

    @BatchMapping(typeName = "Member", field = "interviews")
    Map<Member, List<Interview>> memberInterviews(List<Member> list) {
        return joinOr(list, Member::id, interviews.interviewsOfMembers(ids(list, Member::id)), List.of());
    }

    @BatchMapping(typeName = "Interview", field = "member")
    Map<Interview, Member> interviewMember(List<Interview> list) {
        return join(list, Interview::memberId, members.members(ids(list, Interview::memberId)));
    }

    @BatchMapping(typeName = "ReportBackRow", field = "feedback")
    Map<ReportBackRow, List<UnitFeedback>> rowFeedback(List<ReportBackRow> list) {
        Map<RowKey, List<UnitFeedback>> byRow = interviews.feedbackOfRows(list.stream()
                .map(InterviewController::key).distinct().toList());
        return list.stream().collect(java.util.stream.Collectors.toMap(r -> r, r -> byRow.getOrDefault(key(r), List.of()),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @SchemaMapping(typeName = "Community", field = "unitFeedback")
    CompletableFuture<Window<UnitFeedback>> communityFeedback(OrgNode community, ScrollSubrange subrange,
            DataLoader<NestedPage, List<UnitFeedback>> communityFeedback) {
        Page page = Page.of(subrange);
        return communityFeedback.load(new NestedPage(community.id(), null, page)).thenApply(page::window);
    }

    @BatchMapping(typeName = "UnitFeedback", field = "unit")
    Map<UnitFeedback, Unit> feedbackUnit(Collection<UnitFeedback> list) {
        return join(list, UnitFeedback::unitId, members.units(ids(list, UnitFeedback::unitId)));
    }

    @BatchMapping(typeName = "UnitFeedback", field = "member")
    Map<UnitFeedback, Member> feedbackMember(Collection<UnitFeedback> list) {
        return join(list, UnitFeedback::memberId, members.members(ids(list, UnitFeedback::memberId)));
    }

    @BatchMapping(typeName = "UnitFeedback", field = "community")
    Map<UnitFeedback, OrgNode> feedbackCommunity(Collection<UnitFeedback> list) {
        return join(list, UnitFeedback::communityId,
                organization.nodes(TreeLevel.COMMUNITY, ids(list, UnitFeedback::communityId)));
    }

    private static RowKey key(ReportBackRow row) {
        return new RowKey(row.unitId(), row.memberId(), row.quarter());
    }
}
