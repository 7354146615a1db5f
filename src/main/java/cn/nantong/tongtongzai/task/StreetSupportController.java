package cn.nantong.tongtongzai.task;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.platform.graphql.Batches;
import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.task.TaskRecords.StreetSupport;
import reactor.core.publisher.Mono;

/** graphql/task.graphqls: Community.streetSupport — 下沉一线支援 given and received. */
@Controller
class StreetSupportController {

    /** One community's support in one period: the communities of a response are read together, per period. */
    record SupportKey(String communityId, Period period) {
    }

    StreetSupportController(TaskService tasks, BatchLoaderRegistry loaders) {
        loaders.<SupportKey, StreetSupport>forName("streetSupport").registerMappedBatchLoader((keys, env) -> Mono.just(
                Batches.perPeriod(keys, SupportKey::period, SupportKey::communityId, tasks::streetSupport)));
    }

    @SchemaMapping(typeName = "Community", field = "streetSupport")
    CompletableFuture<StreetSupport> streetSupport(OrgNode community, @Argument String period, @Argument LocalDate date,
            DataLoader<SupportKey, StreetSupport> streetSupport) {
        return streetSupport.load(new SupportKey(community.id(), Period.of(period, date)));
    }
}
