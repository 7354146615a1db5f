package cn.nantong.tongtongzai.task;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
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

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.member.PostCategory;
import cn.nantong.tongtongzai.member.Skill;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.security.Access;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.graphql.Batches;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Listing;
import cn.nantong.tongtongzai.task.TaskRecords.TaskOrder;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges.StateChange;
import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.task.TaskRecords.CancelTaskInput;
import cn.nantong.tongtongzai.task.TaskRecords.CheckInput;
import cn.nantong.tongtongzai.task.TaskRecords.ClaimPayload;
import cn.nantong.tongtongzai.task.TaskRecords.ClaimTaskInput;
import cn.nantong.tongtongzai.task.TaskRecords.ConfirmTeamClaimInput;
import cn.nantong.tongtongzai.task.TaskRecords.CorrectHoursInput;
import cn.nantong.tongtongzai.task.TaskRecords.CreateServicePostInput;
import cn.nantong.tongtongzai.task.TaskRecords.CreateTaskInput;
import cn.nantong.tongtongzai.task.TaskRecords.PostCheckInput;
import cn.nantong.tongtongzai.task.TaskRecords.PostMemberInput;
import cn.nantong.tongtongzai.task.TaskRecords.ServiceHours;
import cn.nantong.tongtongzai.task.TaskRecords.ServicePostPayload;
import cn.nantong.tongtongzai.task.TaskRecords.ServiceRecordPayload;
import cn.nantong.tongtongzai.task.TaskRecords.TaskFilter;
import cn.nantong.tongtongzai.task.TaskRecords.TaskIdInput;
import cn.nantong.tongtongzai.task.TaskRecords.TaskPayload;
import cn.nantong.tongtongzai.task.TaskRecords.TeamClaimInput;
import cn.nantong.tongtongzai.task.TaskRecords.TeamClaimPayload;
import cn.nantong.tongtongzai.task.TaskRecords.UpdateServicePostInput;
import cn.nantong.tongtongzai.task.TaskRecords.UpdateTaskInput;
import cn.nantong.tongtongzai.task.TaskRecords.WithdrawClaimInput;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/** graphql/task.graphqls */
@Controller
class TaskController {

    private static final int HISTORY = 100;

    private final TaskService tasks;
    private final TaskWriter writer;
    private final ClaimService claims;
    private final ServiceRecords records;
    private final ServicePosts posts;
    private final MemberService members;
    private final OrganizationService organization;
    private final StateChanges history;
    private final Access access;

    TaskController(TaskService tasks, TaskWriter writer, ClaimService claims, ServiceRecords records,
            ServicePosts posts, MemberService members, OrganizationService organization, StateChanges history,
            Access access, BatchLoaderRegistry loaders) {
        this.access = access;
        this.tasks = tasks;
        this.writer = writer;
        this.claims = claims;
        this.records = records;
        this.posts = posts;
        this.members = members;
        this.organization = organization;
        this.history = history;
        loaders.<NestedPage, List<Claim>>forName("memberClaims")
                .registerMappedBatchLoader((pages, env) -> Mono.just(tasks.claimsOfMembers(pages)));
        loaders.<String, List<Claim>>forName("taskClaimsLoader")
                .registerMappedBatchLoader((ids, env) -> Mono.just(tasks.claimsOfTasks(ids, false)));
        loaders.<String, List<Claim>>forName("taskAllClaimsLoader")
                .registerMappedBatchLoader((ids, env) -> Mono.just(tasks.claimsOfTasks(ids, true)));
        loaders.<HoursKey, ServiceHours>forName("memberHours")
                .registerMappedBatchLoader((keys, env) -> Mono.just(hours(keys)));
        loaders.<NestedPage, List<ServiceRecord>>forName("memberRecords")
                .registerMappedBatchLoader((pages, env) -> Mono.just(tasks.recordsOfMembers(pages)));
    }

    // Queries

    @QueryMapping
    Task task(@Argument String id) {
        return tasks.task(id).orElse(null);
    }

    @QueryMapping
    DataFetcherResult<Window<Task>> tasks(@Argument TaskFilter filter, @Argument TaskOrder orderBy, ScrollSubrange subrange,
            @ContextValue Actor actor, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        // members see their community's tasks once published; drafts are for those who run the community
        String community = filter == null ? null : filter.communityId();
        boolean drafts = community == null ? actor.isCityAdmin()
                : access.reaches(actor, AccessPolicy.MANAGERS, Kind.COMMUNITY, community);
        return Listing.of(env, page.window(tasks.tasks(filter, orderBy, page, drafts)), () -> tasks.countTasks(filter, drafts));
    }

    @QueryMapping
    Claim claim(@Argument String id) {
        return tasks.claim(id).orElse(null);
    }

    @QueryMapping
    ServiceRecord serviceRecord(@Argument String id) {
        return tasks.record(id).orElse(null);
    }

    @QueryMapping
    ServicePost servicePost(@Argument String id) {
        return tasks.post(id).orElse(null);
    }

    @QueryMapping
    Window<ServicePost> servicePosts(@Argument String communityId, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(tasks.postsOfCommunity(communityId, page));
    }

    // Mutations

    @MutationMapping
    TaskPayload createTask(@Argument CreateTaskInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.create(input, actor));
    }

    @MutationMapping
    TaskPayload updateTask(@Argument UpdateTaskInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.update(input, actor));
    }

    @MutationMapping
    TaskPayload publishTask(@Argument TaskIdInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.publish(input.taskId(), actor));
    }

    @MutationMapping
    TaskPayload startTask(@Argument TaskIdInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.start(input.taskId(), actor));
    }

    @MutationMapping
    TaskPayload completeTask(@Argument TaskIdInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.complete(input.taskId(), actor));
    }

    @MutationMapping
    TaskPayload closeTaskEvaluation(@Argument TaskIdInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.closeEvaluation(input.taskId(), actor));
    }

    @MutationMapping
    TaskPayload cancelTask(@Argument CancelTaskInput input, @ContextValue Actor actor) {
        return new TaskPayload(writer.cancel(input.taskId(), input.reason(), actor));
    }

    @MutationMapping
    ClaimPayload claimTask(@Argument ClaimTaskInput input, @ContextValue Actor actor) {
        return new ClaimPayload(claims.claim(input.taskId(), input.memberId(), ClaimService.Source.SELF, actor));
    }

    @MutationMapping
    ClaimPayload assignTask(@Argument ClaimTaskInput input, @ContextValue Actor actor) {
        return new ClaimPayload(claims.assign(input.taskId(), input.memberId(), actor));
    }

    @MutationMapping
    ClaimPayload withdrawClaim(@Argument WithdrawClaimInput input, @ContextValue Actor actor) {
        return new ClaimPayload(claims.withdraw(input.claimId(), actor));
    }

    @MutationMapping
    TeamClaimPayload claimTaskAsTeam(@Argument TeamClaimInput input, @ContextValue Actor actor) {
        return new TeamClaimPayload(claims.claimAsTeam(input.taskId(), input.teamId(), actor));
    }

    @MutationMapping
    ClaimPayload confirmTeamClaim(@Argument ConfirmTeamClaimInput input, @ContextValue Actor actor) {
        return new ClaimPayload(claims.confirmTeamClaim(input.teamClaimId(), input.memberId(), actor));
    }

    @MutationMapping
    ServiceRecordPayload checkIn(@Argument CheckInput input, @ContextValue Actor actor) {
        return new ServiceRecordPayload(records.checkIn(input.claimId(), input.verificationCode(), actor));
    }

    @MutationMapping
    ServiceRecordPayload checkOut(@Argument CheckInput input, @ContextValue Actor actor) {
        return new ServiceRecordPayload(records.checkOut(input.claimId(), input.verificationCode(), actor));
    }

    @MutationMapping
    ServiceRecordPayload correctServiceHours(@Argument CorrectHoursInput input, @ContextValue Actor actor) {
        return new ServiceRecordPayload(records.correct(input.recordId(), input.hours(), input.reason(), actor));
    }

    @MutationMapping
    ServicePostPayload createServicePost(@Argument CreateServicePostInput input, @ContextValue Actor actor) {
        return new ServicePostPayload(posts.create(input, actor));
    }

    @MutationMapping
    ServicePostPayload updateServicePost(@Argument UpdateServicePostInput input, @ContextValue Actor actor) {
        return new ServicePostPayload(posts.update(input, actor));
    }

    @MutationMapping
    ServicePostPayload choosePost(@Argument PostMemberInput input, @ContextValue Actor actor) {
        return new ServicePostPayload(posts.choose(input.postId(), input.memberId(), actor));
    }

    @MutationMapping
    ServicePostPayload leavePost(@Argument PostMemberInput input) {
        return new ServicePostPayload(posts.leave(input.postId(), input.memberId()));
    }

    @MutationMapping
    ServiceRecordPayload checkInAtPost(@Argument PostCheckInput input, @ContextValue Actor actor) {
        return new ServiceRecordPayload(records.checkInAtPost(input.postId(), input.memberId(), input.verificationCode(), actor));
    }

    @MutationMapping
    ServiceRecordPayload checkOutAtPost(@Argument PostCheckInput input, @ContextValue Actor actor) {
        return new ServiceRecordPayload(records.checkOutAtPost(input.postId(), input.memberId(), input.verificationCode(), actor));
    }

    // Task fields

    @BatchMapping(typeName = "Task")
    Map<Task, OrgNode> community(List<Task> list) {
        return join(list, Task::communityId, organization.nodes(TreeLevel.COMMUNITY, ids(list, Task::communityId)));
    }

    @BatchMapping(typeName = "Task")
    Map<Task, OrgNode> place(List<Task> list) {
        return join(list, Task::placeId, organization.nodes(TreeLevel.MICRO_GRID, ids(list, Task::placeId)));
    }

    @BatchMapping(typeName = "Task")
    Map<Task, List<Skill>> skills(List<Task> list) {
        Map<String, Skill> byId = members.skills(list.stream().flatMap(t -> t.skillIds().stream()).distinct().toList());
        return joinOr(list, Task::id, Map.of(), List.<Skill>of()).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getKey().skillIds().stream().map(byId::get).filter(Objects::nonNull).toList(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @BatchMapping(typeName = "Task")
    Map<Task, PostCategory> category(List<Task> list) {
        return join(list, Task::categoryId, members.categoriesOfSkills(ids(list, Task::categoryId)));
    }

    @BatchMapping(typeName = "Task")
    Map<Task, List<Object>> teams(List<Task> list) {
        Map<String, Object> byId = organization.functionalTeams(list.stream().flatMap(t -> t.teamIds().stream()).distinct().toList());
        Map<Task, List<Object>> result = new java.util.LinkedHashMap<>();
        list.forEach(t -> result.put(t, t.teamIds().stream().map(byId::get).filter(Objects::nonNull).toList()));
        return result;
    }

    @SchemaMapping(typeName = "Task")
    CompletableFuture<List<Claim>> claims(Task task, @Argument Boolean includeWithdrawn,
            DataLoader<String, List<Claim>> taskClaimsLoader, DataLoader<String, List<Claim>> taskAllClaimsLoader) {
        return (Boolean.TRUE.equals(includeWithdrawn) ? taskAllClaimsLoader : taskClaimsLoader).load(task.id())
                .thenApply(claims -> claims == null ? List.of() : claims);
    }

    @BatchMapping(typeName = "Task")
    Map<Task, List<TeamClaim>> teamClaims(List<Task> list) {
        return joinOr(list, Task::id, tasks.teamClaimsOfTasks(ids(list, Task::id)), List.of());
    }

    @BatchMapping(typeName = "Task", field = "history")
    Map<Task, List<StateChange>> taskHistory(List<Task> list) {
        return joinOr(list, Task::id, history.histories("Task", ids(list, Task::id), HISTORY), List.of());
    }

    // Claim fields

    @BatchMapping(typeName = "Claim")
    Map<Claim, Task> task(List<Claim> list) {
        return join(list, Claim::taskId, tasks.tasks(ids(list, Claim::taskId)));
    }

    @BatchMapping(typeName = "Claim")
    Map<Claim, Member> member(List<Claim> list) {
        return join(list, Claim::memberId, members.members(ids(list, Claim::memberId)));
    }

    @BatchMapping(typeName = "Claim")
    Map<Claim, TeamClaim> teamClaim(List<Claim> list) {
        return join(list, Claim::teamClaimId, tasks.teamClaims(ids(list, Claim::teamClaimId)));
    }

    @BatchMapping(typeName = "Claim")
    Map<Claim, OrgNode> supportFrom(List<Claim> list) {
        return join(list, Claim::supportFromId, organization.nodes(TreeLevel.COMMUNITY, ids(list, Claim::supportFromId)));
    }

    @BatchMapping(typeName = "Claim")
    Map<Claim, List<ServiceRecord>> serviceRecords(List<Claim> list) {
        return joinOr(list, Claim::id, tasks.recordsOfClaims(ids(list, Claim::id)), List.of());
    }

    @BatchMapping(typeName = "Claim", field = "history")
    Map<Claim, List<StateChange>> claimHistory(List<Claim> list) {
        return joinOr(list, Claim::id, history.histories("Claim", ids(list, Claim::id), HISTORY), List.of());
    }

    // TeamClaim fields

    @BatchMapping(typeName = "TeamClaim", field = "task")
    Map<TeamClaim, Task> teamClaimTask(List<TeamClaim> list) {
        return join(list, TeamClaim::taskId, tasks.tasks(ids(list, TeamClaim::taskId)));
    }

    @BatchMapping(typeName = "TeamClaim")
    Map<TeamClaim, Object> team(List<TeamClaim> list) {
        return join(list, TeamClaim::teamId, organization.functionalTeams(ids(list, TeamClaim::teamId)));
    }

    @BatchMapping(typeName = "TeamClaim", field = "supportFrom")
    Map<TeamClaim, OrgNode> teamSupportFrom(List<TeamClaim> list) {
        return join(list, TeamClaim::supportFromId, organization.nodes(TreeLevel.COMMUNITY, ids(list, TeamClaim::supportFromId)));
    }

    @BatchMapping(typeName = "TeamClaim")
    Map<TeamClaim, List<Claim>> members(List<TeamClaim> list) {
        Map<String, List<Claim>> byTask = tasks.claimsOfTasks(ids(list, TeamClaim::taskId), false);
        Map<TeamClaim, List<Claim>> result = new java.util.LinkedHashMap<>();
        list.forEach(tc -> result.put(tc, byTask.getOrDefault(tc.taskId(), List.of()).stream()
                .filter(c -> tc.id().equals(c.teamClaimId())).toList()));
        return result;
    }

    // ServiceRecord fields

    @BatchMapping(typeName = "ServiceRecord", field = "member")
    Map<ServiceRecord, Member> recordMember(List<ServiceRecord> list) {
        return join(list, ServiceRecord::memberId, members.members(ids(list, ServiceRecord::memberId)));
    }

    @BatchMapping(typeName = "ServiceRecord", field = "claim")
    Map<ServiceRecord, Claim> recordClaim(List<ServiceRecord> list) {
        return join(list, ServiceRecord::claimId, tasks.claims(ids(list, ServiceRecord::claimId)));
    }

    @BatchMapping(typeName = "ServiceRecord", field = "post")
    Map<ServiceRecord, ServicePost> recordPost(List<ServiceRecord> list) {
        return join(list, ServiceRecord::postId, tasks.posts(ids(list, ServiceRecord::postId)));
    }

    @BatchMapping(typeName = "ServiceRecord", field = "history")
    Map<ServiceRecord, List<StateChange>> recordHistory(List<ServiceRecord> list) {
        return joinOr(list, ServiceRecord::id, history.histories("ServiceRecord", ids(list, ServiceRecord::id), HISTORY), List.of());
    }

    // ServicePost fields

    @BatchMapping(typeName = "ServicePost", field = "category")
    Map<ServicePost, PostCategory> postCategory(List<ServicePost> list) {
        return join(list, ServicePost::categoryId, members.categoriesOfSkills(ids(list, ServicePost::categoryId)));
    }

    @BatchMapping(typeName = "ServicePost", field = "community")
    Map<ServicePost, OrgNode> postCommunity(List<ServicePost> list) {
        return join(list, ServicePost::communityId, organization.nodes(TreeLevel.COMMUNITY, ids(list, ServicePost::communityId)));
    }

    @BatchMapping(typeName = "ServicePost")
    Map<ServicePost, List<Member>> holders(List<ServicePost> list) {
        Map<String, List<String>> holderIds = tasks.holdersOfPosts(ids(list, ServicePost::id));
        Map<String, Member> byId = members.members(holderIds.values().stream().flatMap(List::stream).distinct().toList());
        Map<ServicePost, List<Member>> result = new java.util.LinkedHashMap<>();
        list.forEach(p -> result.put(p, holderIds.getOrDefault(p.id(), List.of()).stream().map(byId::get)
                .filter(Objects::nonNull).toList()));
        return result;
    }

    // Member fields (graphql/task.graphqls extends Member)

    @SchemaMapping(typeName = "Member", field = "claims")
    CompletableFuture<Window<Claim>> memberClaims(Member member, @Argument String state, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Claim>> memberClaims) {
        Page page = Page.of(subrange);
        return memberClaims.load(new NestedPage(member.id(), state, page)).thenApply(page::window);
    }

    @SchemaMapping(typeName = "Member", field = "serviceRecords")
    CompletableFuture<Window<ServiceRecord>> memberRecords(Member member, ScrollSubrange subrange,
            DataLoader<NestedPage, List<ServiceRecord>> memberRecords) {
        Page page = Page.of(subrange);
        return memberRecords.load(new NestedPage(member.id(), null, page)).thenApply(page::window);
    }

    @SchemaMapping(typeName = "Member", field = "serviceHours")
    CompletableFuture<ServiceHours> serviceHours(Member member, @Argument String period, @Argument LocalDate date,
            DataLoader<HoursKey, ServiceHours> memberHours) {
        return memberHours.load(new HoursKey(member.id(), Period.of(period, date)));
    }

    /** One member's hours in one period: the members of a response are read together, per period. */
    record HoursKey(String memberId, Period period) {
    }

    private Map<HoursKey, ServiceHours> hours(Collection<HoursKey> keys) {
        return Batches.perPeriod(keys, HoursKey::period, HoursKey::memberId, tasks::hours);
    }

    @BatchMapping(typeName = "Member", field = "servicePosts")
    Map<Member, List<ServicePost>> memberPosts(List<Member> list) {
        return joinOr(list, Member::id, tasks.postsOfMembers(ids(list, Member::id)), List.of());
    }
}
