package cn.nantong.tongtongzai.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.Resident;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import reactor.core.publisher.Mono;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;

/** graphql/task.graphqls: Resident.services and Member.teamClaimsToConfirm. */
@Controller
class PersonalTasksController {

    private final PersonalTasks personal;

    PersonalTasksController(PersonalTasks personal, BatchLoaderRegistry loaders) {
        this.personal = personal;
        loaders.<NestedPage, List<Task>>forName("residentServices")
                .registerMappedBatchLoader((pages, env) -> Mono.just(personal.servicesOfResidents(pages)));
    }

    @SchemaMapping(typeName = "Resident", field = "services")
    CompletableFuture<Window<Task>> services(Resident resident, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Task>> residentServices) {
        Page page = Page.of(subrange);
        return residentServices.load(new NestedPage(resident.id(), null, page)).thenApply(page::window);
    }

    @BatchMapping(typeName = "Member", field = "teamClaimsToConfirm")
    Map<Member, List<TeamClaim>> teamClaimsToConfirm(List<Member> members) {
        return joinOr(members, Member::id, personal.teamClaimsToConfirm(ids(members, Member::id)), List.of());
    }
}
