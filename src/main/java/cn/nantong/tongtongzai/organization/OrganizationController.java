package cn.nantong.tongtongzai.organization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import org.dataloader.DataLoader;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.organization.OrganizationInputs.CompoundPayload;
import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateCompoundInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateFunctionalGroupInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.CreateOrgNodeInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.DeleteOrgNodeInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.DeleteOrgNodePayload;
import cn.nantong.tongtongzai.organization.OrganizationInputs.FunctionalBranchPayload;
import cn.nantong.tongtongzai.organization.OrganizationInputs.FunctionalGroupPayload;
import cn.nantong.tongtongzai.organization.OrganizationInputs.OrgNodePayload;
import cn.nantong.tongtongzai.organization.OrganizationInputs.RenameOrgNodeInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.SetLeaderInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateCompoundInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateFunctionalGroupInput;
import cn.nantong.tongtongzai.organization.OrganizationInputs.UpdateMicroGridInput;
import cn.nantong.tongtongzai.platform.graphql.Page;

import static cn.nantong.tongtongzai.platform.graphql.Batches.join;
import static cn.nantong.tongtongzai.platform.graphql.Batches.joinOr;
import reactor.core.publisher.Mono;

/** graphql/organization.graphqls */
@Controller
class OrganizationController {

    private final OrganizationService organization;
    private final OrganizationWriter writer;

    OrganizationController(OrganizationService organization, OrganizationWriter writer, BatchLoaderRegistry loaders) {
        this.organization = organization;
        this.writer = writer;
        loaders.<NodePage, List<OrgNode>>forName("children")
                .registerMappedBatchLoader((pages, env) -> Mono.just(organization.children(pages)));
        loaders.<CommunityCounts.Asked, CommunityCounts>forName("communityCounts")
                .registerMappedBatchLoader((asked, env) -> Mono.just(organization.communityCounts(asked)));
    }

    @QueryMapping
    Window<OrgNode> streets(ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(organization.streets(page));
    }

    @QueryMapping
    OrgNode street(@Argument String id) {
        return organization.node(id, TreeLevel.STREET).orElse(null);
    }

    @QueryMapping
    OrgNode community(@Argument String id) {
        return organization.node(id, TreeLevel.COMMUNITY).orElse(null);
    }

    @QueryMapping
    OrgNode orgNode(@Argument String id) {
        return organization.node(id).orElse(null);
    }

    @MutationMapping
    OrgNodePayload createOrgNode(@Argument CreateOrgNodeInput input) {
        return new OrgNodePayload(writer.create(input));
    }

    @MutationMapping
    OrgNodePayload renameOrgNode(@Argument RenameOrgNodeInput input) {
        return new OrgNodePayload(writer.rename(input.id(), input.name()));
    }

    @MutationMapping
    DeleteOrgNodePayload deleteOrgNode(@Argument DeleteOrgNodeInput input) {
        return new DeleteOrgNodePayload(writer.delete(input.id()));
    }

    @MutationMapping
    CompoundPayload createCompound(@Argument CreateCompoundInput input) {
        return new CompoundPayload(writer.createCompound(input));
    }

    @MutationMapping
    FunctionalGroupPayload createFunctionalGroup(@Argument CreateFunctionalGroupInput input) {
        return new FunctionalGroupPayload(writer.createFunctionalGroup(input));
    }

    @MutationMapping
    FunctionalBranchPayload setFunctionalBranchSecretary(@Argument SetLeaderInput input) {
        return new FunctionalBranchPayload(writer.setSecretary(input.id(), input.memberId()));
    }

    @MutationMapping
    OrgNodePayload setGridBranchDeputySecretary(@Argument SetLeaderInput input) {
        return new OrgNodePayload(writer.setDeputySecretary(input.id(), input.memberId()));
    }

    @MutationMapping
    OrgNodePayload updateMicroGrid(@Argument UpdateMicroGridInput input) {
        return new OrgNodePayload(writer.updateMicroGrid(input));
    }

    @MutationMapping
    CompoundPayload updateCompound(@Argument UpdateCompoundInput input) {
        return new CompoundPayload(writer.updateCompound(input));
    }

    @MutationMapping
    DeleteOrgNodePayload deleteCompound(@Argument DeleteOrgNodeInput input) {
        return new DeleteOrgNodePayload(writer.deleteCompound(input.id()));
    }

    @MutationMapping
    FunctionalGroupPayload updateFunctionalGroup(@Argument UpdateFunctionalGroupInput input) {
        return new FunctionalGroupPayload(writer.updateFunctionalGroup(input));
    }

    @MutationMapping
    DeleteOrgNodePayload deleteFunctionalGroup(@Argument DeleteOrgNodeInput input) {
        return new DeleteOrgNodePayload(writer.deleteFunctionalGroup(input.id()));
    }

    @SchemaMapping(typeName = "OrgNode")
    CompletableFuture<Window<OrgNode>> children(OrgNode node, ScrollSubrange subrange,
            DataLoader<NodePage, List<OrgNode>> children) {
        Page page = Page.of(subrange);
        return children.load(new NodePage(node, page)).thenApply(page::window);
    }

    @SchemaMapping(typeName = "Street")
    CompletableFuture<Window<OrgNode>> communities(OrgNode street, ScrollSubrange subrange,
            DataLoader<NodePage, List<OrgNode>> children) {
        return children(street, subrange, children);
    }

    @BatchMapping(typeName = "OrgNode")
    Map<OrgNode, Integer> childCount(List<OrgNode> nodes) {
        return organization.childCounts(nodes).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue()));
    }

    @BatchMapping(typeName = "Street")
    Map<OrgNode, Integer> communityCount(List<OrgNode> streets) {
        return childCount(streets);
    }

    @BatchMapping(typeName = "OrgNode")
    Map<OrgNode, OrgNode> parent(List<OrgNode> nodes) {
        return organization.parents(nodes);
    }

    @BatchMapping(typeName = "Community")
    Map<OrgNode, OrgNode> street(List<OrgNode> communities) {
        return organization.parents(communities);
    }

    @SchemaMapping(typeName = "Street")
    Object district(OrgNode street) {
        return street.property("district");
    }

    @SchemaMapping(typeName = "Street", field = "derived")
    boolean streetDerived(OrgNode street) {
        return Boolean.TRUE.equals(street.property("derived"));
    }

    @SchemaMapping(typeName = "Community", field = "derived")
    boolean communityDerived(OrgNode community) {
        return Boolean.TRUE.equals(community.property("derived"));
    }

    @SchemaMapping(typeName = "MicroGrid")
    Object building(OrgNode microGrid) {
        return microGrid.property("building");
    }

    @BatchMapping(typeName = "Community")
    Map<OrgNode, List<Compound>> compounds(List<OrgNode> communities) {
        return joinOr(communities, OrgNode::id, organization.compoundsOfCommunities(ids(communities)), List.of());
    }

    /** Only the counts the query selects, batched over the communities of a request. */
    @SchemaMapping(typeName = "Community")
    CompletableFuture<CommunityCounts> counts(OrgNode community, DataFetchingFieldSelectionSet selection,
            DataLoader<CommunityCounts.Asked, CommunityCounts> communityCounts) {
        Set<String> fields = selection.getImmediateFields().stream().map(SelectedField::getName).collect(Collectors.toSet());
        return communityCounts.load(new CommunityCounts.Asked(community.id(), CommunityCount.ofFields(fields)));
    }

    @BatchMapping(typeName = "Community")
    Map<OrgNode, FunctionalBranch> functionalBranch(List<OrgNode> communities) {
        return byNode(communities, organization.functionalBranches(ids(communities)));
    }

    @BatchMapping(typeName = "FunctionalBranch")
    Map<FunctionalBranch, List<FunctionalGroup>> groups(List<FunctionalBranch> branches) {
        return joinOr(branches, FunctionalBranch::id,
                organization.functionalGroups(branches.stream().map(FunctionalBranch::id).toList()), List.of());
    }

    @BatchMapping(typeName = "FunctionalGroup")
    Map<FunctionalGroup, OrgNode> gridBranch(List<FunctionalGroup> groups) {
        return join(groups, FunctionalGroup::gridBranchId, organization.nodes(TreeLevel.GRID_BRANCH,
                groups.stream().map(FunctionalGroup::gridBranchId).distinct().toList()));
    }

    @BatchMapping(typeName = "FunctionalGroup")
    Map<FunctionalGroup, Integer> memberCount(List<FunctionalGroup> groups) {
        Map<String, Long> counts = organization.functionalGroupMemberCounts(groups.stream().map(FunctionalGroup::id).toList());
        return joinOr(groups, FunctionalGroup::id, counts, 0L).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue()));
    }

    @BatchMapping(typeName = "GridBranch")
    Map<OrgNode, Grid> grid(List<OrgNode> gridBranches) {
        return byNode(gridBranches, organization.gridsOfBranches(ids(gridBranches)));
    }

    @BatchMapping(typeName = "MicroGrid")
    Map<OrgNode, Compound> compound(List<OrgNode> microGrids) {
        return byNode(microGrids, organization.compoundsOfMicroGrids(ids(microGrids)));
    }

    private static List<String> ids(List<OrgNode> nodes) {
        return nodes.stream().map(OrgNode::id).distinct().toList();
    }

    private static <V> Map<OrgNode, V> byNode(List<OrgNode> nodes, Map<String, V> byId) {
        return join(nodes, OrgNode::id, byId);
    }
}
