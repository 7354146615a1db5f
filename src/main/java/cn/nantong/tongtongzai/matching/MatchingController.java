package cn.nantong.tongtongzai.matching;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.Access;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.task.Task;
import cn.nantong.tongtongzai.task.TaskService;

import static cn.nantong.tongtongzai.platform.graphql.Batches.join;

/** graphql/matching.graphqls */
@Controller
class MatchingController {

    record MatchingWeightsInput(Integer proximity, Integer skillLevel, Integer postCategory, Integer fairness,
            Integer continuity, Integer satisfaction, Integer difficulty) {
    }

    record MatchScore(long hard, long medium, long soft) {
    }

    record StartMatchingInput(String communityId, String streetId, Integer seconds, Integer unimprovedSeconds,
            MatchingWeightsInput weights, Boolean streetWide, Boolean live) {
    }

    record MatchingJobInput(String jobId) {
    }

    record AcceptProposalsInput(String jobId, List<String> seatIds) {
    }

    record RejectProposalsInput(String jobId, List<String> seatIds) {
    }

    record MatchingJobPayload(MatchingJob job) {
    }

    private final Recommendations recommendations;
    private final MatchingJobs jobs;
    private final MemberService members;
    private final TaskService tasks;
    private final OrganizationService organization;
    private final Access access;

    MatchingController(Recommendations recommendations, MatchingJobs jobs, MemberService members, TaskService tasks,
            OrganizationService organization, Access access) {
        this.access = access;
        this.recommendations = recommendations;
        this.organization = organization;
        this.jobs = jobs;
        this.members = members;
        this.tasks = tasks;
    }

    @QueryMapping
    MatchingJob matchingJob(@Argument String id) {
        try {
            return jobs.job(id);
        } catch (cn.nantong.tongtongzai.platform.graphql.UserInputException unknown) {
            return null;
        }
    }

    @QueryMapping
    List<MatchingJob> matchingJobs(@ContextValue Actor actor) {
        // only the jobs of places the caller runs
        return jobs.jobs(50).stream().filter(job -> {
            var target = MatchingJobPlaces.target(job);
            return access.reaches(actor, AccessPolicy.MANAGERS, target.kind(), target.id());
        }).toList();
    }

    @MutationMapping
    MatchingJobPayload startMatching(@Argument StartMatchingInput input, @ContextValue Actor actor) {
        requireStreetRole(actor, Boolean.TRUE.equals(input.streetWide()) || input.streetId() != null);
        return new MatchingJobPayload(jobs.start(new MatchingJobs.Options(input.communityId(), input.streetId(),
                input.seconds(), input.unimprovedSeconds(), weights(input.weights()), Boolean.TRUE.equals(input.streetWide()),
                Boolean.TRUE.equals(input.live()))));
    }

    @MutationMapping
    MatchingJobPayload stopMatching(@Argument MatchingJobInput input) {
        return new MatchingJobPayload(jobs.stop(input.jobId()));
    }

    @MutationMapping
    MatchingJobs.Accepted acceptProposals(@Argument AcceptProposalsInput input, @ContextValue Actor actor) {
        return jobs.accept(input.jobId(), input.seatIds(), actor);
    }

    @MutationMapping
    MatchingJobPayload rejectProposals(@Argument RejectProposalsInput input) {
        return new MatchingJobPayload(jobs.reject(input.jobId(), input.seatIds()));
    }

    @SchemaMapping(typeName = "MatchingJob")
    MatchScore bestScore(MatchingJob job) {
        return job.hard() == null ? null : new MatchScore(job.hard(), job.medium(), job.soft());
    }

    @SchemaMapping(typeName = "MatchingJob")
    boolean feasible(MatchingJob job) {
        return job.hard() != null && job.hard() == 0;
    }

    @SchemaMapping(typeName = "MatchingJob")
    long timeSpent(MatchingJob job) {
        return job.timeSpentMillis();
    }

    @BatchMapping(typeName = "Proposal")
    Map<MatchingJob.Proposal, Task> task(List<MatchingJob.Proposal> list) {
        return join(list, MatchingJob.Proposal::taskId, tasks.tasks(list.stream().map(MatchingJob.Proposal::taskId).distinct().toList()));
    }

    @BatchMapping(typeName = "TeamProposal", field = "task")
    Map<MatchingJob.TeamProposal, Task> teamProposalTask(List<MatchingJob.TeamProposal> list) {
        return join(list, MatchingJob.TeamProposal::taskId,
                tasks.tasks(list.stream().map(MatchingJob.TeamProposal::taskId).distinct().toList()));
    }

    @BatchMapping(typeName = "TeamProposal", field = "team")
    Map<MatchingJob.TeamProposal, Object> teamProposalTeam(List<MatchingJob.TeamProposal> list) {
        return join(list, MatchingJob.TeamProposal::teamId,
                organization.functionalTeams(list.stream().map(MatchingJob.TeamProposal::teamId).distinct().toList()));
    }

    @BatchMapping(typeName = "TaskAdded", field = "task")
    Map<MatchingJob.TaskAdded, Task> addedTask(List<MatchingJob.TaskAdded> list) {
        return join(list, MatchingJob.TaskAdded::taskId,
                tasks.tasks(list.stream().map(MatchingJob.TaskAdded::taskId).distinct().toList()));
    }

    @BatchMapping(typeName = "Proposal", field = "member")
    Map<MatchingJob.Proposal, Member> proposalMember(List<MatchingJob.Proposal> list) {
        return join(list, MatchingJob.Proposal::memberId,
                members.members(list.stream().map(MatchingJob.Proposal::memberId).distinct().toList()));
    }

    @QueryMapping
    List<Recommendation> recommendMembers(@Argument String taskId, @Argument Integer first,
            @Argument MatchingWeightsInput weights, @Argument Boolean streetWide, @ContextValue Actor actor) {
        requireStreetRole(actor, Boolean.TRUE.equals(streetWide));
        return recommendations.recommend(taskId, first, weights(weights),
                Boolean.TRUE.equals(streetWide) ? CandidatePool.STREET : CandidatePool.COMMUNITY);
    }

    @SchemaMapping(typeName = "Recommendation")
    Member member(Recommendation recommendation) {
        return recommendation.member(); // read with the candidates, in the same transaction
    }

    @SchemaMapping(typeName = "Recommendation")
    MatchScore score(Recommendation recommendation) {
        return new MatchScore(recommendation.hard(), recommendation.medium(), recommendation.soft());
    }

    /** The defaults, overridden by the weights given; each 0 … 100. */
    static MatchingWeights weights(MatchingWeightsInput input) {
        MatchingWeights d = MatchingWeights.DEFAULT;
        if (input == null) {
            return d;
        }
        MatchingWeights w = new MatchingWeights(or(input.proximity(), d.proximity()), or(input.skillLevel(), d.skillLevel()),
                or(input.postCategory(), d.postCategory()), or(input.fairness(), d.fairness()),
                or(input.continuity(), d.continuity()), or(input.satisfaction(), d.satisfaction()),
                or(input.difficulty(), d.difficulty()));
        new Validation().require(List.of(w.proximity(), w.skillLevel(), w.postCategory(), w.fairness(), w.continuity(),
                        w.satisfaction(), w.difficulty()).stream().allMatch(x -> x >= 0 && x <= 100),
                "weights", ErrorCode.INVALID_WEIGHT, "权重须在0至100之间（0表示不考虑该项）。").throwIfInvalid();
        return w;
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /** Members of the whole street are the street's to propose: a community's secretaries see their own. */
    private static void requireStreetRole(Actor actor, boolean streetWide) {
        if (streetWide && !actor.hasAny(java.util.EnumSet.of(Role.STREET_ADMIN, Role.CITY_ADMIN))) {
            throw AccessRefusedException.forbidden("在全街道范围匹配党员");
        }
    }
}
