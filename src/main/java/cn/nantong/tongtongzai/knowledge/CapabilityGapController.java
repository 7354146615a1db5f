package cn.nantong.tongtongzai.knowledge;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.knowledge.CapabilityGaps.Invitation;
import cn.nantong.tongtongzai.knowledge.CapabilityGaps.Report;
import cn.nantong.tongtongzai.knowledge.CapabilityGaps.SkillGap;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.member.Skill;
import cn.nantong.tongtongzai.organization.OrgNode;
import cn.nantong.tongtongzai.organization.OrganizationService;
import cn.nantong.tongtongzai.organization.TreeLevel;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.time.Period;

/** graphql/knowledge.graphqls — capability gaps. */
@Controller
class CapabilityGapController {

    private final CapabilityGaps gaps;
    private final MemberService members;
    private final OrganizationService organization;

    CapabilityGapController(CapabilityGaps gaps, MemberService members, OrganizationService organization) {
        this.gaps = gaps;
        this.members = members;
        this.organization = organization;
    }

    @QueryMapping
    Report capabilityGaps(@Argument String communityId, @Argument String gridId, @Argument String period,
            @Argument LocalDate date) {
        return gaps.report(communityId, gridId, Period.of(period, date));
    }

    @SchemaMapping(typeName = "CapabilityGapReport")
    OrgNode community(Report report) {
        return organization.nodes(TreeLevel.COMMUNITY, List.of(report.communityId())).get(report.communityId());
    }

    @SchemaMapping(typeName = "CapabilityGapReport")
    String period(Report report) {
        return report.period().kind();
    }

    @SchemaMapping(typeName = "CapabilityGapReport")
    LocalDate from(Report report) {
        return report.period().firstDay();
    }

    @SchemaMapping(typeName = "CapabilityGapReport")
    LocalDate to(Report report) {
        return report.period().lastDay();
    }

    @BatchMapping(typeName = "SkillGap")
    Map<SkillGap, Skill> skill(List<SkillGap> list) {
        return join(list, SkillGap::skillId, members.skills(ids(list, SkillGap::skillId)));
    }

    @SchemaMapping(typeName = "SkillGap")
    List<Invitation> invitations(SkillGap gap, @Argument int first) {
        new Validation().require(first >= 0 && first <= CapabilityGaps.MAX_INVITATIONS, "first", ErrorCode.INVALID_PAGE,
                "first 应在0至" + CapabilityGaps.MAX_INVITATIONS + "之间。").throwIfInvalid();
        return gap.invitations().stream().limit(first).toList();
    }

    @BatchMapping(typeName = "Invitation")
    Map<Invitation, Member> member(List<Invitation> list) {
        return join(list, Invitation::memberId, members.members(ids(list, Invitation::memberId)));
    }
}
