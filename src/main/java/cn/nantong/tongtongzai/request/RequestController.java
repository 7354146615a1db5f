package cn.nantong.tongtongzai.request;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
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
import cn.nantong.tongtongzai.member.Resident;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Listing;
import cn.nantong.tongtongzai.request.RequestRecords.RequestOrder;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges.StateChange;
import cn.nantong.tongtongzai.request.RequestRecords.AcceptRequestInput;
import cn.nantong.tongtongzai.request.RequestRecords.MergeRequestInput;
import cn.nantong.tongtongzai.request.RequestRecords.PostRequestInput;
import cn.nantong.tongtongzai.request.RequestRecords.RejectRequestInput;
import cn.nantong.tongtongzai.request.RequestRecords.RequestFilter;
import cn.nantong.tongtongzai.request.RequestRecords.RequestPayload;
import cn.nantong.tongtongzai.task.Task;
import cn.nantong.tongtongzai.task.TaskService;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/** graphql/request.graphqls */
@Controller
class RequestController {

    private final RequestService requests;
    private final RequestWriter writer;
    private final MemberService members;
    private final OrganizationService organization;
    private final TaskService tasks;
    private final StateChanges history;

    RequestController(RequestService requests, RequestWriter writer, MemberService members,
            OrganizationService organization, TaskService tasks, StateChanges history, BatchLoaderRegistry loaders) {
        this.requests = requests;
        this.writer = writer;
        this.members = members;
        this.organization = organization;
        this.tasks = tasks;
        this.history = history;
        loaders.<NestedPage, List<Request>>forName("residentRequests")
                .registerMappedBatchLoader((pages, env) -> Mono.just(requests.requestsOfResidents(pages)));
    }

    @QueryMapping
    Request request(@Argument String id) {
        return requests.request(id).orElse(null);
    }

    @QueryMapping
    DataFetcherResult<Window<Request>> requests(@Argument RequestFilter filter, @Argument RequestOrder orderBy,
            ScrollSubrange subrange, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(requests.requests(filter, orderBy, page)), () -> requests.countRequests(filter));
    }

    @MutationMapping
    RequestPayload postRequest(@Argument PostRequestInput input, @ContextValue Actor actor) {
        return new RequestPayload(writer.post(input, actor));
    }

    @MutationMapping
    RequestPayload acceptRequest(@Argument AcceptRequestInput input, @ContextValue Actor actor) {
        return new RequestPayload(writer.accept(input, actor));
    }

    @MutationMapping
    RequestPayload mergeRequest(@Argument MergeRequestInput input, @ContextValue Actor actor) {
        return new RequestPayload(writer.merge(input.requestId(), input.intoRequestId(), actor));
    }

    @MutationMapping
    RequestPayload rejectRequest(@Argument RejectRequestInput input, @ContextValue Actor actor) {
        return new RequestPayload(writer.reject(input.requestId(), input.reason(), actor));
    }

    // Request fields

    @BatchMapping(typeName = "Request")
    Map<Request, Resident> resident(List<Request> list) {
        return join(list, Request::residentId, members.residents(ids(list, Request::residentId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, Member> enteredBy(List<Request> list) {
        return join(list, Request::enteredById, members.members(ids(list, Request::enteredById)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, OrgNode> place(List<Request> list) {
        return join(list, Request::placeId, organization.nodes(TreeLevel.MICRO_GRID, ids(list, Request::placeId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, OrgNode> community(List<Request> list) {
        return join(list, Request::communityId, organization.nodes(TreeLevel.COMMUNITY, ids(list, Request::communityId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, PostCategory> category(List<Request> list) {
        return join(list, Request::categoryId, members.categoriesOfSkills(ids(list, Request::categoryId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, Task> task(List<Request> list) {
        return join(list, Request::taskId, tasks.tasks(ids(list, Request::taskId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, Request> duplicateOf(List<Request> list) {
        return join(list, Request::duplicateOfId, requests.requests(ids(list, Request::duplicateOfId)));
    }

    @BatchMapping(typeName = "Request")
    Map<Request, List<Request>> duplicates(List<Request> list) {
        return joinOr(list, Request::id, requests.duplicatesOf(ids(list, Request::id)), List.of());
    }

    @BatchMapping(typeName = "Request", field = "history")
    Map<Request, List<StateChange>> requestHistory(List<Request> list) {
        return joinOr(list, Request::id, history.histories("Request", ids(list, Request::id), 100), List.of());
    }

    // Task.requests and Resident.requests (graphql/request.graphqls extends them)

    @BatchMapping(typeName = "Task", field = "requests")
    Map<Task, List<Request>> requestsOfTasks(List<Task> list) {
        return joinOr(list, Task::id, requests.requestsOfTasks(ids(list, Task::id)), List.of());
    }

    @SchemaMapping(typeName = "Resident", field = "requests")
    CompletableFuture<Window<Request>> residentRequests(Resident resident, @Argument Boolean openOnly,
            ScrollSubrange subrange, DataLoader<NestedPage, List<Request>> residentRequests) {
        Page page = Page.of(subrange);
        String open = Boolean.TRUE.equals(openOnly) ? "OPEN" : null;
        return residentRequests.load(new NestedPage(resident.id(), open, page)).thenApply(page::window);
    }

}
