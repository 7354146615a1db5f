package cn.nantong.tongtongzai.organization;

/** Inputs and payloads of the organisation mutations. */
final class OrganizationInputs {

    private OrganizationInputs() {
    }

    record CreateOrgNodeInput(String level, String parentId, String name, String id, String district, String compoundId,
            Integer building) {
    }

    record RenameOrgNodeInput(String id, String name) {
    }

    record DeleteOrgNodeInput(String id) {
    }

    record CreateCompoundInput(String communityId, String name, String kind) {
    }

    record CreateFunctionalGroupInput(String gridBranchId, String name) {
    }

    record SetLeaderInput(String id, String memberId) {
    }

    record UpdateMicroGridInput(String id, String name, Integer building, String compoundId) {
    }

    record UpdateCompoundInput(String id, String name, String kind) {
    }

    record UpdateFunctionalGroupInput(String id, String name, String gridBranchId) {
    }

    record OrgNodePayload(OrgNode node) {
    }

    record DeleteOrgNodePayload(String id) {
    }

    record CompoundPayload(Compound compound) {
    }

    record FunctionalGroupPayload(FunctionalGroup functionalGroup) {
    }

    record FunctionalBranchPayload(FunctionalBranch functionalBranch) {
    }
}
