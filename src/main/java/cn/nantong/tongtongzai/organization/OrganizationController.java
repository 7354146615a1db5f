package cn.nantong.tongtongzai.organization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.platform.graphql.Page;
import reactor.core.publisher.Mono;

/** graphql/organization.graphqls */
@Controller
class OrganizationController {

    private final OrganizationService organization;

    OrganizationController(OrganizationService organization, BatchLoaderRegistry loaders) {
        this.organization = organization;
        loaders.<StreetCommunitiesKey, List<Community>>forName("streetCommunities")
                .registerMappedBatchLoader((keys, env) -> Mono.just(organization.communityPages(keys)));
    }

    @QueryMapping
    Window<Street> streets(ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(organization.streets(page));
    }

    @QueryMapping
    Street street(@Argument String id) {
        return organization.street(id).orElse(null);
    }

    @QueryMapping
    Community community(@Argument String id) {
        return organization.community(id).orElse(null);
    }

    @SchemaMapping(typeName = "Street")
    CompletableFuture<Window<Community>> communities(Street street, ScrollSubrange subrange,
            DataLoader<StreetCommunitiesKey, List<Community>> streetCommunities) {
        Page page = Page.of(subrange);
        return streetCommunities.load(new StreetCommunitiesKey(street.id(), page)).thenApply(page::window);
    }

    @BatchMapping(typeName = "Street")
    Map<Street, Integer> communityCount(List<Street> streets) {
        Map<String, Integer> counts = organization.communityCounts(streets.stream().map(Street::id).toList());
        return streets.stream().collect(Collectors.toMap(s -> s, s -> counts.getOrDefault(s.id(), 0), (a, b) -> a));
    }

    @BatchMapping(typeName = "Community")
    Map<Community, Street> street(List<Community> communities) {
        Set<String> ids = communities.stream().map(Community::streetId).collect(Collectors.toSet());
        Map<String, Street> streets = organization.streetsById(ids);
        return communities.stream()
                .collect(Collectors.toMap(c -> c, c -> streets.get(c.streetId()), (a, b) -> a));
    }
}
