package cn.nantong.tongtongzai.platform.security;

import static cn.nantong.tongtongzai.platform.security.Role.ANALYST;
import static cn.nantong.tongtongzai.platform.security.Role.CITY_ADMIN;
import static cn.nantong.tongtongzai.platform.security.Role.COMMUNITY_SECRETARY;
import static cn.nantong.tongtongzai.platform.security.Role.FIRST_SECRETARY;
import static cn.nantong.tongtongzai.platform.security.Role.GRID_LEADER;
import static cn.nantong.tongtongzai.platform.security.Role.GROUP_LEADER;
import static cn.nantong.tongtongzai.platform.security.Role.MEMBER;
import static cn.nantong.tongtongzai.platform.security.Role.RESIDENT;
import static cn.nantong.tongtongzai.platform.security.Role.STREET_ADMIN;
import static cn.nantong.tongtongzai.platform.security.Role.UNIT_SECRETARY;
import static cn.nantong.tongtongzai.platform.security.Rule.Target.arg;
import static cn.nantong.tongtongzai.platform.security.Rule.Target.source;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may fetch which field, in one table: every field of Query, Mutation and Subscription (the service refuses to start
 * when one is missing), and the nested fields that lead to someone's personal data. A rule names the roles and
 * the things their scope must reach (see {@link Rule}); the city administrator reaches everything. Analysts
 * appear only in rules over aggregated figures and pseudonymised members, which they read everywhere.
 */
public final class AccessPolicy {

    /** Those who run a community: its secretary and 第一书记, its street, the city. */
    public static final Set<Role> MANAGERS = EnumSet.of(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN, CITY_ADMIN);
    /** Managers and the leaders of grids and functional groups (their grid's, their group's people and tasks). */
    public static final Set<Role> LEADERS = with(MANAGERS, GRID_LEADER, GROUP_LEADER);
    /** Who reads figures within their scope (analysts read them everywhere). */
    public static final Set<Role> FIGURE_READERS = with(LEADERS, UNIT_SECRETARY);
    /** Who reads members within their scope (besides analysts, who read them pseudonymised). */
    public static final Set<Role> MEMBER_READERS = with(LEADERS, UNIT_SECRETARY, MEMBER);
    /** Everyone signed in. */
    public static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    /** Who sees a member's or resident's phone number in full, besides the person: the responsible secretaries. */
    public static final Set<Role> RESPONSIBLE = EnumSet.of(COMMUNITY_SECRETARY, FIRST_SECRETARY, UNIT_SECRETARY);
    /** Member and resident fields anyone who can reach the object may see: its id and name. */
    public static final Set<String> PUBLIC_PERSON_FIELDS = Set.of("id", "name", "__typename");

    /**
     * Member fields that identify or locate a person, or hold their own words: never pseudonymised, so never for
     * analysts; nor the birth year and the skills, which with gender and community single members out (probe
     * finding 7): analysts read birthDecade, and no member's skills (docs/security.md, "k-anonymity").
     */
    public static final Set<String> ANALYSTS_NEVER_SEE = Set.of("phone", "residence", "occupation", "interests",
            "birthYear", "skills", "registration", "registrations", "claims", "serviceRecords", "recognisedOccupation",
            "unit", "partyOrg", "functionalGroup", "roles", "servicePosts");

    /** Member fields about their life in the community, which their unit's secretary does not need. */
    public static final Set<String> UNIT_SECRETARIES_NEVER_SEE = Set.of("residence", "claims", "serviceRecords",
            "servicePosts", "availability", "interests", "functionalGroup");

    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        // platform and reference data
        root("about", Rule.of(EVERYONE));
        root("me", Rule.of(EVERYONE));
        root("skills", Rule.of(EVERYONE));
        root("occupations", Rule.of(EVERYONE));
        root("classifyText", Rule.of(EVERYONE));
        root("auditLog", Rule.of(EnumSet.of(CITY_ADMIN)));

        // the tree: structure is not personal data; the people in it are guarded below
        root("streets", Rule.of(EVERYONE));
        root("street", Rule.of(EVERYONE));
        root("community", Rule.of(EVERYONE));
        root("orgNode", Rule.of(EVERYONE));
        for (String field : new String[] {"createOrgNode"}) {
            root(field, Rule.of(MANAGERS, arg("input.parentId", Kind.ORG_NODE)));
        }
        for (String field : new String[] {"renameOrgNode", "deleteOrgNode"}) {
            root(field, Rule.of(MANAGERS, arg("input.id", Kind.TREE_NODE)));
        }
        root("createCompound", Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY)));
        root("createFunctionalGroup", Rule.of(MANAGERS, arg("input.gridBranchId", Kind.ORG_NODE)));
        for (String field : new String[] {"setFunctionalBranchSecretary", "setGridBranchDeputySecretary"}) {
            root(field, Rule.of(MANAGERS, arg("input.id", Kind.ORG_NODE), arg("input.memberId", Kind.MEMBER)));
        }
        root("updateMicroGrid", Rule.of(MANAGERS, arg("input.id", Kind.ORG_NODE), arg("input.compoundId", Kind.ORG_NODE)));
        for (String field : new String[] {"updateCompound", "deleteCompound", "deleteFunctionalGroup"}) {
            root(field, Rule.of(MANAGERS, arg("input.id", Kind.ORG_NODE)));
        }
        root("updateFunctionalGroup", Rule.of(MANAGERS, arg("input.id", Kind.ORG_NODE),
                arg("input.gridBranchId", Kind.ORG_NODE)));

        // members, units, residents, 双报到
        Set<Role> seeMembers = MEMBER_READERS;
        // analysts read members pseudonymised, anywhere: no name (a pseudonym), phone, address or free text
        root("member", Rule.of(with(seeMembers, ANALYST), arg("id", Kind.MEMBER)));
        root("members", Rule.anyOf(with(LEADERS, UNIT_SECRETARY, ANALYST), arg("filter.communityId", Kind.COMMUNITY),
                arg("filter.gridId", Kind.ORG_NODE), arg("filter.unitId", Kind.UNIT),
                arg("filter.functionalGroupId", Kind.ORG_NODE)));
        // 三提三知: a grid leader lists the residents of their grid (or one of its buildings), secretaries their community
        root("residents", Rule.anyOf(with(MANAGERS, GRID_LEADER), arg("filter.communityId", Kind.COMMUNITY).by(MANAGERS),
                arg("filter.gridId", Kind.ORG_NODE), arg("filter.buildingId", Kind.ORG_NODE)));
        root("postCategories", Rule.of(EVERYONE));
        // organisations of compounds, like units: no people in them
        root("ownersCommittee", Rule.of(EVERYONE));
        root("propertyCompany", Rule.of(EVERYONE));
        root("resident", Rule.of(EnumSet.of(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN, CITY_ADMIN, GRID_LEADER,
                RESIDENT), arg("id", Kind.RESIDENT)));
        root("registration", Rule.of(with(MANAGERS, UNIT_SECRETARY, MEMBER), arg("id", Kind.REGISTRATION)));
        root("registrations", Rule.of(MANAGERS, arg("filter.communityId", Kind.COMMUNITY)));
        root("unit", Rule.of(EVERYONE));
        root("units", Rule.of(EVERYONE));
        root("createMember", Rule.anyOf(with(MANAGERS, UNIT_SECRETARY), arg("input.unitId", Kind.UNIT).by(
                EnumSet.of(UNIT_SECRETARY)), arg("input.residenceId", Kind.ORG_NODE).by(MANAGERS)));
        // a new unit is the new unit's secretary's (or the city's) to give
        root("updateMember", Rule.of(with(MANAGERS, UNIT_SECRETARY, MEMBER), arg("input.id", Kind.MEMBER),
                arg("input.unitId", Kind.UNIT).by(EnumSet.of(UNIT_SECRETARY))));
        // the caller must already reach the member (the member, their unit, the community where they live or
        // are registered): naming one's own community is not enough to take someone in
        root("registerMember", Rule.of(with(MANAGERS, UNIT_SECRETARY, MEMBER), arg("input.memberId", Kind.MEMBER)));
        root("moveMember", Rule.of(with(MANAGERS, MEMBER), arg("input.memberId", Kind.MEMBER)));
        for (String field : new String[] {"confirmRegistration", "rejectRegistration"}) {
            root(field, Rule.of(MANAGERS, arg("input.registrationId", Kind.REGISTRATION)));
        }
        root("importMembers", Rule.of(EnumSet.of(CITY_ADMIN)));
        root("createUnit", Rule.of(EnumSet.of(STREET_ADMIN, CITY_ADMIN)));
        root("updateUnit", Rule.of(EnumSet.of(UNIT_SECRETARY, CITY_ADMIN), arg("input.id", Kind.UNIT)));
        for (String field : new String[] {"pairUnit", "unpairUnit", "stationUnit", "unstationUnit"}) {
            root(field, Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY)));
        }
        root("createOwnersCommittee", Rule.of(MANAGERS, arg("input.compoundId", Kind.ORG_NODE)));
        root("createPropertyCompany", Rule.of(MANAGERS, arg("input.compoundIds", Kind.ORG_NODE)));
        root("updateOwnersCommittee", Rule.of(MANAGERS, arg("input.id", Kind.OWNERS_COMMITTEE)));
        root("updatePropertyCompany", Rule.of(MANAGERS, arg("input.id", Kind.PROPERTY_COMPANY),
                arg("input.compoundIds", Kind.ORG_NODE)));
        root("updatePartyOrg", Rule.of(with(MANAGERS, UNIT_SECRETARY), arg("input.id", Kind.PARTY_ORG)));
        root("createResident", Rule.of(with(MANAGERS, GRID_LEADER), arg("input.residenceId", Kind.ORG_NODE)));
        root("updateResident", Rule.of(with(MANAGERS, GRID_LEADER, RESIDENT), arg("input.id", Kind.RESIDENT),
                arg("input.residenceId", Kind.ORG_NODE).by(with(MANAGERS, GRID_LEADER, RESIDENT))));

        // 点单
        root("request", Rule.of(with(MANAGERS, GRID_LEADER, RESIDENT), arg("id", Kind.REQUEST)));
        // a grid leader lists their grid's requests (提人知事); residents their own; secretaries their community's
        root("requests", Rule.anyOf(with(MANAGERS, GRID_LEADER, RESIDENT), arg("filter.communityId", Kind.COMMUNITY).by(MANAGERS),
                arg("filter.residentId", Kind.RESIDENT), arg("filter.gridId", Kind.ORG_NODE).by(with(MANAGERS, GRID_LEADER)),
                arg("filter.buildingId", Kind.ORG_NODE).by(with(MANAGERS, GRID_LEADER))));
        // residents post for themselves, at home; who entered it and where are for those who enter requests
        root("postRequest", Rule.of(with(MANAGERS, GRID_LEADER, RESIDENT), arg("input.residentId", Kind.RESIDENT),
                arg("input.enteredById", Kind.MEMBER).by(with(MANAGERS, GRID_LEADER)),
                arg("input.placeId", Kind.ORG_NODE).by(with(MANAGERS, GRID_LEADER))));
        for (String field : new String[] {"acceptRequest", "rejectRequest", "correctRequestClassification"}) {
            root(field, Rule.of(MANAGERS, arg("input.requestId", Kind.REQUEST), arg("input.taskId", Kind.TASK)));
        }
        root("mergeRequest", Rule.of(MANAGERS, arg("input.requestId", Kind.REQUEST),
                arg("input.intoRequestId", Kind.REQUEST)));

        // 下单, 接单, hours, posts
        root("task", Rule.of(with(LEADERS, MEMBER), arg("id", Kind.TASK)));
        // both, when both are named: a member lists their community's tasks or their own claims, not another's
        // a group leader lists what was offered to their group, a grid leader what happens in their grid
        root("tasks", Rule.of(with(MANAGERS, MEMBER, GROUP_LEADER, GRID_LEADER),
                arg("filter.communityId", Kind.COMMUNITY).by(with(MANAGERS, MEMBER)),
                arg("filter.memberId", Kind.MEMBER).by(with(MANAGERS, MEMBER)), arg("filter.teamId", Kind.ORG_NODE),
                arg("filter.gridId", Kind.ORG_NODE)));
        root("claim", Rule.of(with(LEADERS, MEMBER, RESIDENT), arg("id", Kind.CLAIM)));
        root("serviceRecord", Rule.of(with(MANAGERS, MEMBER), arg("id", Kind.SERVICE_RECORD)));
        root("servicePost", Rule.of(with(MANAGERS, MEMBER), arg("id", Kind.SERVICE_POST)));
        root("servicePosts", Rule.of(with(MANAGERS, MEMBER), arg("communityId", Kind.COMMUNITY)));
        root("createTask", Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY),
                arg("input.placeId", Kind.ORG_NODE)));
        root("updateTask", Rule.of(MANAGERS, arg("input.id", Kind.TASK), arg("input.placeId", Kind.ORG_NODE)));
        for (String field : new String[] {"publishTask", "startTask", "completeTask", "closeTaskEvaluation",
                "cancelTask"}) {
            root(field, Rule.of(MANAGERS, arg("input.taskId", Kind.TASK)));
        }
        root("claimTask", Rule.of(with(MANAGERS, MEMBER), arg("input.taskId", Kind.TASK),
                arg("input.memberId", Kind.MEMBER)));
        root("assignTask", Rule.of(MANAGERS, arg("input.taskId", Kind.TASK), arg("input.memberId", Kind.MEMBER)));
        root("withdrawClaim", Rule.of(with(MANAGERS, MEMBER), arg("input.claimId", Kind.CLAIM)));
        root("claimTaskAsTeam", Rule.of(with(MANAGERS, GROUP_LEADER), arg("input.taskId", Kind.TASK),
                arg("input.teamId", Kind.ORG_NODE)));
        root("confirmTeamClaim", Rule.of(with(MANAGERS, GROUP_LEADER, MEMBER), arg("input.teamClaimId", Kind.TEAM_CLAIM),
                arg("input.memberId", Kind.MEMBER).by(with(MANAGERS, GROUP_LEADER, MEMBER))));
        for (String field : new String[] {"checkIn", "checkOut"}) {
            root(field, Rule.of(with(MANAGERS, MEMBER), arg("input.claimId", Kind.CLAIM)));
        }
        root("correctServiceHours", Rule.of(MANAGERS, arg("input.recordId", Kind.SERVICE_RECORD)));
        root("createServicePost", Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY)));
        root("updateServicePost", Rule.of(MANAGERS, arg("input.id", Kind.SERVICE_POST)));
        for (String field : new String[] {"choosePost", "leavePost", "checkInAtPost", "checkOutAtPost"}) {
            root(field, Rule.of(with(MANAGERS, MEMBER), arg("input.postId", Kind.SERVICE_POST),
                    arg("input.memberId", Kind.MEMBER)));
        }

        // 评单 and what follows from it
        root("rateClaim", Rule.of(with(MANAGERS, RESIDENT), arg("input.claimId", Kind.CLAIM)));
        Set<Role> standings = with(MANAGERS, UNIT_SECRETARY);
        for (String field : new String[] {"interviewList", "awardList"}) {
            root(field, Rule.anyOf(standings, arg("unitId", Kind.UNIT).by(EnumSet.of(UNIT_SECRETARY)),
                    arg("communityId", Kind.COMMUNITY).by(MANAGERS)));
        }
        root("negativeList", Rule.anyOf(with(MANAGERS, MEMBER), arg("communityId", Kind.COMMUNITY).by(MANAGERS),
                arg("memberId", Kind.MEMBER)));
        root("reportBack", Rule.of(EnumSet.of(UNIT_SECRETARY, CITY_ADMIN), arg("unitId", Kind.UNIT)));
        root("jointMeeting", Rule.of(MANAGERS, arg("id", Kind.JOINT_MEETING)));
        root("jointMeetings", Rule.of(MANAGERS, arg("communityId", Kind.COMMUNITY)));
        root("communitySummary", Rule.of(MANAGERS, arg("communityId", Kind.COMMUNITY)));
        root("addNegativeListEntry", Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY),
                arg("input.memberId", Kind.MEMBER)));
        root("revokeNegativeListEntry", Rule.of(MANAGERS, arg("input.entryId", Kind.NEGATIVE_ENTRY)));
        root("recordJointMeeting", Rule.of(MANAGERS, arg("input.communityId", Kind.COMMUNITY)));
        root("resolveMeetingProblem", Rule.of(MANAGERS, arg("input.problemId", Kind.MEETING_PROBLEM)));
        // 约谈 is held by the member's unit or by the community where they are registered (or live)
        root("recordInterview", Rule.of(standings, arg("input.memberId", Kind.MEMBER)));
        root("completeInterviewFollowUp", Rule.of(standings, arg("input.interviewId", Kind.INTERVIEW)));
        // 单位反馈: the unit's secretary, about a member of the unit
        root("commentOnReportBack", Rule.of(EnumSet.of(UNIT_SECRETARY, CITY_ADMIN), arg("input.unitId", Kind.UNIT),
                arg("input.memberId", Kind.MEMBER)));

        // knowledge and matching
        root("capabilityGaps", Rule.of(MANAGERS, arg("communityId", Kind.COMMUNITY), arg("gridId", Kind.ORG_NODE)));
        root("recommendMembers", Rule.of(MANAGERS, arg("taskId", Kind.TASK)));
        root("matchingJob", Rule.of(MANAGERS, arg("id", Kind.MATCHING_JOB)));
        root("matchingJobs", Rule.of(MANAGERS));
        root("startMatching", Rule.anyOf(MANAGERS, arg("input.communityId", Kind.COMMUNITY),
                arg("input.streetId", Kind.STREET)));
        for (String field : new String[] {"stopMatching", "acceptProposals", "rejectProposals"}) {
            root(field, Rule.of(MANAGERS, arg("input.jobId", Kind.MATCHING_JOB)));
        }

        // 消息通知: everyone signed in reads and marks only their own inbox — NotificationController takes it from
        // the token (member, else resident), never from an argument
        root("notifications", Rule.of(EVERYONE));
        root("unreadNotifications", Rule.of(EVERYONE));
        root("markNotificationsRead", Rule.of(EVERYONE));
        // a link acts as its maker, so the download's own rules decide when it is opened
        root("downloadLink", Rule.of(EVERYONE));

        // 实时推送: subscribed within the caller's scope; each event is checked again when it is delivered, against the
        // roles of the same rule (live.LiveSubscriptions), and its fields as in queries
        subscription("tasksPublished", Rule.of(with(LEADERS, MEMBER)));
        subscription("emergencyOffers", Rule.of(with(MANAGERS, GROUP_LEADER, MEMBER)));
        subscription("myRequestChanged", Rule.of(with(MANAGERS, GRID_LEADER, RESIDENT), arg("requestId", Kind.REQUEST))
                .unscoped(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN, GRID_LEADER, RESIDENT));
        subscription("matchingProposals", Rule.of(MANAGERS, arg("jobId", Kind.MATCHING_JOB))
                .unscoped(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN));
        subscription("registrationConfirmed", Rule.of(with(MANAGERS, UNIT_SECRETARY, MEMBER)));
        subscription("teamClaimConfirmed", Rule.of(MANAGERS, arg("taskId", Kind.TASK))
                .unscoped(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN));

        // figures: aggregated, so analysts may read them everywhere; the rest within their scope
        Rule figures = Rule.of(with(FIGURE_READERS, ANALYST),
                new Rule.Target(null, "id", null)).unscoped(ANALYST);
        root("figures", figures);
        root("figureTrend", figures);
        root("inactiveMembers", Rule.of(FIGURE_READERS,
                new Rule.Target(null, "id", null)));
        root("unitReportingRates", Rule.of(EnumSet.of(CITY_ADMIN, ANALYST)));

        // nested fields that lead to people
        nested("Unit.members", Rule.anyOf(with(MANAGERS, UNIT_SECRETARY), source(Kind.UNIT).by(EnumSet.of(UNIT_SECRETARY)),
                arg("communityId", Kind.COMMUNITY).by(MANAGERS)));
        nested("Unit.registrations", Rule.of(EnumSet.of(UNIT_SECRETARY, CITY_ADMIN), source(Kind.UNIT)));
        // the building a member declared: where they live, which their unit's secretary does not learn (probe finding 4)
        nested("Registration.residence", Rule.of(with(MANAGERS, MEMBER), source(Kind.REGISTRATION)));
        // the residents a task serves see who served them (and rate it); members see which teams took it (to confirm)
        nested("Task.claims", Rule.of(with(LEADERS, RESIDENT), source(Kind.TASK)));
        nested("Task.teamClaims", Rule.of(with(LEADERS, MEMBER), source(Kind.TASK)));
        nested("Task.requests", Rule.of(LEADERS, source(Kind.TASK)));
        nested("Task.verificationCode", Rule.of(MANAGERS, source(Kind.TASK)));
        nested("TeamClaim.members", Rule.of(LEADERS, source(Kind.TEAM_CLAIM)));
        nested("Claim.evaluations", Rule.of(with(LEADERS, MEMBER, RESIDENT), source(Kind.CLAIM)));
        for (String field : new String[] {"Request.duplicates", "Request.duplicateOf"}) {
            nested(field, Rule.of(with(MANAGERS, GRID_LEADER), source(Kind.REQUEST)));
        }
        // figures hung on the tree and on units: as figures(scope:) — in scope, or analysts
        Set<Role> figureReaders = with(FIGURE_READERS, ANALYST);
        for (String field : new String[] {"Community.satisfaction", "Community.jointMeetingResolution", "Community.counts",
                "Community.streetSupport"}) {
            nested(field, Rule.of(figureReaders, source(Kind.COMMUNITY)));
        }
        for (String field : new String[] {"FunctionalBranch.satisfaction", "FunctionalGroup.satisfaction"}) {
            nested(field, Rule.of(figureReaders, source(Kind.ORG_NODE)));
        }
        nested("Unit.reportingRate", Rule.of(figureReaders, source(Kind.UNIT)));
        // what a unit sent back is for the community it was sent to (the unit reads its own on reportBack rows)
        nested("Community.unitFeedback", Rule.of(MANAGERS, source(Kind.COMMUNITY)));
        // interviews: those who see the member's standing (unit secretary, community managers) and the member
        nested("Member.interviews", Rule.of(with(standings, MEMBER), source(Kind.MEMBER)));
        nested("ServicePost.verificationCode", Rule.of(MANAGERS, source(Kind.SERVICE_POST)));
        nested("ServicePost.holders", Rule.of(LEADERS, source(Kind.SERVICE_POST)));
        // every field of a member or resident but the id and name: see ruleFor
        RULES.put("Member.*", Rule.of(with(seeMembers, ANALYST), source(Kind.MEMBER)));
        for (String identifying : ANALYSTS_NEVER_SEE) {
            RULES.put("Member." + identifying, Rule.of(seeMembers, source(Kind.MEMBER)));
        }
        // a unit's secretary follows registrations and the report-back, not where members live or what they did
        for (String inCommunity : UNIT_SECRETARIES_NEVER_SEE) {
            RULES.put("Member." + inCommunity, Rule.of(with(LEADERS, MEMBER), source(Kind.MEMBER)));
        }
        // a member's day, for the member and those who lead them: not their unit's secretary, never analysts
        for (String field : new String[] {"Member.teamClaimsToConfirm", "Member.taskMenu"}) {
            RULES.put(field, Rule.of(with(LEADERS, MEMBER), source(Kind.MEMBER)));
        }
        // "职业「执业律师」→ 律师" quotes the member's own words; reached only through Member.skills
        nested("MemberSkill.because", Rule.of(seeMembers));
        RULES.put("Resident.*", Rule.of(EnumSet.of(COMMUNITY_SECRETARY, FIRST_SECRETARY, STREET_ADMIN, CITY_ADMIN,
                GRID_LEADER, RESIDENT), source(Kind.RESIDENT)));
    }

    private AccessPolicy() {
    }

    /** The rule of a field, or null when the field follows its parent (already checked). */
    public static Rule ruleFor(String type, String field) {
        Rule rule = RULES.get(type + "." + field);
        if (rule == null && (type.equals("Member") || type.equals("Resident")) && !PUBLIC_PERSON_FIELDS.contains(field)) {
            return RULES.get(type + ".*");
        }
        return rule;
    }

    /** Whether every root field has a rule (checked at start-up). */
    public static boolean hasRootRule(String type, String field) {
        return RULES.containsKey(type + "." + field);
    }

    private static void root(String field, Rule rule) {
        // Query and Mutation fields never share a name here, so one entry serves both
        RULES.put("Query." + field, rule);
        RULES.put("Mutation." + field, rule);
    }

    private static void subscription(String field, Rule rule) {
        RULES.put("Subscription." + field, rule);
    }

    private static void nested(String field, Rule rule) {
        RULES.put(field, rule);
    }

    private static Set<Role> with(Set<Role> base, Role... more) {
        Set<Role> all = EnumSet.copyOf(base);
        all.addAll(Set.of(more));
        return all;
    }
}
