package cn.nantong.tongtongzai.platform.security;

/** What an id names, so that {@link Places} can find where it lies in the tree and whose it is. */
public enum Kind {
    STREET, COMMUNITY,
    /** Any node of the tree or beside it: committee, branches, party group, grid, micro-grid, compound,
     *  functional branch or group. A street or community counts as itself. */
    ORG_NODE,
    /** A node below a community (never a street or community itself): renaming and deleting these is the
     *  community's business, while streets and communities belong to the street. */
    TREE_NODE,
    MEMBER, RESIDENT, REGISTRATION, UNIT, PARTY_ORG, OWNERS_COMMITTEE, PROPERTY_COMPANY,
    REQUEST, TASK, CLAIM, TEAM_CLAIM, SERVICE_RECORD, SERVICE_POST,
    JOINT_MEETING, MEETING_PROBLEM, NEGATIVE_ENTRY, MATCHING_JOB,
    /** 约谈记录: lies where its member does. */
    INTERVIEW
}
