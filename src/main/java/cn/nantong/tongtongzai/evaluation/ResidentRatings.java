package cn.nantong.tongtongzai.evaluation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.Resident;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.task.Claim;
import reactor.core.publisher.Mono;

/**
 * graphql/evaluation.graphqls: Resident.toRate — what a resident may still rate (评单); see {@link ResidentRatingReads}.
 */
@Controller
class ResidentRatings {

    ResidentRatings(ResidentRatingReads reads, BatchLoaderRegistry loaders) {
        loaders.<NestedPage, List<Claim>>forName("residentToRate")
                .registerMappedBatchLoader((pages, env) -> Mono.just(reads.toRate(pages)));
    }

    @SchemaMapping(typeName = "Resident", field = "toRate")
    CompletableFuture<Window<Claim>> toRate(Resident resident, ScrollSubrange subrange,
            DataLoader<NestedPage, List<Claim>> residentToRate) {
        Page page = Page.of(subrange);
        return residentToRate.load(new NestedPage(resident.id(), null, page)).thenApply(page::window);
    }
}
