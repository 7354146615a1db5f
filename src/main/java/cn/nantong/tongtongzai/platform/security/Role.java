package cn.nantong.tongtongzai.platform.security;

/**
 * What a signed-in user is to the scheme, carried in the token's {@code roles} claim. Each role sees its own slice
 * of the graph: the scope ids in the token say which slice ({@link Actor}).
 */
public enum Role {
    /** 居民: their own requests and what was done for them. Scope: {@code resident_id}. */
    RESIDENT("居民"),
    /** 在职党员: their own profile, registrations, claims and hours; their community's published tasks. */
    MEMBER("在职党员"),
    /** 网格党支部书记 / 网格长: the members living in their grid and the tasks placed there. Scope: {@code grid_id}. */
    GRID_LEADER("网格长"),
    /** 功能型党小组组长: the members of their group and the team tasks offered to it. Scope: {@code group_id}. */
    GROUP_LEADER("功能型党小组组长"),
    /** 社区书记: everything in their community. Scope: {@code community_id}. */
    COMMUNITY_SECRETARY("社区书记"),
    /** 第一书记 (secretary of the community's functional branch): the same rights as the community secretary. */
    FIRST_SECRETARY("第一书记"),
    /** 单位党组织书记: their unit's members' registrations and the report-back. Scope: {@code unit_id}. */
    UNIT_SECRETARY("单位党组织书记"),
    /** 街道管理员: the communities of their street. Scope: {@code street_id}. */
    STREET_ADMIN("街道管理员"),
    /** 市委组织部: everything, including the audit log. */
    CITY_ADMIN("市委组织部"),
    /** 分析员: aggregated figures only; no phone numbers, names only when granted. */
    ANALYST("分析员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Community secretaries and 第一书记 act for a whole community. */
    public boolean actsForCommunity() {
        return this == COMMUNITY_SECRETARY || this == FIRST_SECRETARY;
    }
}
