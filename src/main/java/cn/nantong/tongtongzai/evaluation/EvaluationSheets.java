package cn.nantong.tongtongzai.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Interview;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewOutcome;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewReason;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MemberStanding;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListEntry;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ReportBackRow;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.platform.excel.Sheets;
import cn.nantong.tongtongzai.platform.excel.Sheets.Column;
import cn.nantong.tongtongzai.platform.excel.Sheets.Format;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.HttpAccess;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.platform.time.Period;

/**
 * The lists secretaries send on as spreadsheets: the quarterly report-back to a unit (报回单位, one row per
 * member), the interview list (约谈) and the award-recommendation list (评先评优). The same rows as the
 * GraphQL queries, all of them at once.
 */
@RestController
class EvaluationSheets {

    /** A unit, a community or the city has fewer members than this; a list longer than it is cut. */
    static final Page ALL = new Page(0, 50_000);

    private final EvaluationService evaluations;
    private final InterviewService interviews;
    private final MemberService members;
    private final Neo4jClient neo4j;

    private final HttpAccess access;

    EvaluationSheets(EvaluationService evaluations, InterviewService interviews, MemberService members, Neo4jClient neo4j,
            HttpAccess access) {
        this.access = access;
        this.evaluations = evaluations;
        this.interviews = interviews;
        this.members = members;
        this.neo4j = neo4j;
    }

    @GetMapping("/exports/report-back.xlsx")
    ResponseEntity<byte[]> reportBack(@RequestParam String unitId, @RequestParam String quarter) {
        access.require(access.actor(), "/exports/report-back.xlsx", Set.of(Role.UNIT_SECRETARY, Role.CITY_ADMIN),
                Kind.UNIT, unitId, true);
        Period period = Period.quarter(quarter);
        String unit = neo4j.query("MATCH (u:Unit {id: $id}) RETURN u.name").bind(unitId).to("id").fetchAs(String.class).one()
                .orElseThrow(() -> new UserInputException(ErrorCode.UNIT_NOT_FOUND, "找不到该单位。"));
        List<ReportBackRow> rows = evaluations.reportBack(unitId, period, ALL);
        Map<String, Member> byId = members.members(rows.stream().map(ReportBackRow::memberId).toList());
        Map<String, String> communities = communityNames(rows.stream().map(ReportBackRow::communityId).toList());
        try (Sheets sheets = new Sheets()) {
            Sheets.Writer sheet = sheets.sheet("报回单位 " + quarter, List.of(new Column("党员编号", Format.TEXT, 14),
                    new Column("姓名", Format.TEXT, 10), new Column("报到状态", Format.TEXT, 10), new Column("报到社区", Format.TEXT, 16),
                    new Column("认领岗位", Format.TEXT, 24), new Column("接单数", Format.INTEGER, 8),
                    new Column("完成任务数", Format.INTEGER, 10), new Column("服务时长（小时）", Format.DECIMAL, 14),
                    new Column("评价数", Format.INTEGER, 8), new Column("满意度", Format.PERCENT, 10)));
            for (ReportBackRow r : rows) {
                Member m = byId.get(r.memberId());
                sheet.row(r.memberId(), m == null ? null : m.name(), registration(r.registrationState()),
                        communities.get(r.communityId()), String.join("、", r.posts()), r.claims(), r.tasksCompleted(), r.hours(),
                        r.ratings(), r.satisfaction());
            }
            return Sheets.download(sheets.bytes(), unit + "报回单位" + quarter + ".xlsx", "report-back-" + quarter + ".xlsx");
        }
    }

    @GetMapping("/exports/interview-list.xlsx")
    ResponseEntity<byte[]> interviewList(@RequestParam int year, @RequestParam(required = false) String unitId,
            @RequestParam(required = false) String communityId) {
        Period.year(year);
        allowStandings("/exports/interview-list.xlsx", unitId, communityId);
        List<MemberStanding> list = evaluations.interviewList(year, unitId, communityId, ALL);
        Map<String, Interview> held = interviews.interviewsByMemberYear(
                list.stream().map(s -> InterviewService.memberYear(s.memberId(), year)).toList());
        return standings("约谈名单", "interview-list", year, list, List.of(new Column("约谈原因", Format.TEXT, 22),
                        new Column("负面清单情形", Format.TEXT, 40), new Column("约谈日期", Format.TEXT, 12),
                        new Column("约谈结果", Format.TEXT, 14)),
                s -> {
                    Interview interview = held.get(InterviewService.memberYear(s.memberId(), year));
                    return new Object[] {
                            String.join("、", s.reasons().stream().map(EvaluationSheets::reason).toList()),
                            String.join("；", s.negativeEntries().stream().map(NegativeListEntry::reason).toList()),
                            interview == null ? null : interview.heldOn(),
                            interview == null ? null : outcome(interview.outcome())};
                });
    }

    @GetMapping("/exports/award-list.xlsx")
    ResponseEntity<byte[]> awardList(@RequestParam int year, @RequestParam(required = false) String unitId,
            @RequestParam(required = false) String communityId) {
        Period.year(year);
        allowStandings("/exports/award-list.xlsx", unitId, communityId);
        return standings("评先评优推荐名单", "award-list", year, evaluations.awardList(year, unitId, communityId, ALL),
                List.of(), s -> new Object[0]);
    }

    /** As the GraphQL lists: a unit's secretary for the unit, a community's managers for the community, else the city. */
    private void allowStandings(String operation, String unitId, String communityId) {
        Actor actor = access.actor();
        boolean allowed = unitId != null
                ? access.reaches(actor, Set.of(Role.UNIT_SECRETARY, Role.CITY_ADMIN), Kind.UNIT, unitId)
                : communityId != null ? access.reaches(actor, AccessPolicy.MANAGERS, Kind.COMMUNITY, communityId)
                : actor.isCityAdmin();
        List<String> targets = new java.util.ArrayList<>();
        if (unitId != null) {
            targets.add("UNIT:" + unitId);
        }
        if (communityId != null) {
            targets.add("COMMUNITY:" + communityId);
        }
        access.decide(actor, operation, targets, allowed, true);
    }

    /** The common columns of both lists, then the list's own ({@code more}, filled by {@code extra}). */
    private ResponseEntity<byte[]> standings(String title, String file, int year, List<MemberStanding> list,
            List<Column> more, Function<MemberStanding, Object[]> extra) {
        Map<String, Member> byId = members.members(list.stream().map(MemberStanding::memberId).toList());
        List<Column> columns = new ArrayList<>(List.of(new Column("党员编号", Format.TEXT, 14),
                new Column("姓名", Format.TEXT, 10), new Column("评价数", Format.INTEGER, 8),
                new Column("满意评价数", Format.INTEGER, 10), new Column("满意度", Format.PERCENT, 10),
                new Column("服务时长（小时）", Format.DECIMAL, 14)));
        columns.addAll(more);
        try (Sheets sheets = new Sheets()) {
            Sheets.Writer sheet = sheets.sheet(title + " " + year, columns);
            for (MemberStanding s : list) {
                Member m = byId.get(s.memberId());
                List<Object> cells = new ArrayList<>(Arrays.asList(s.memberId(), m == null ? null : m.name(), s.ratings(),
                        s.satisfied(), s.rate(), s.hours()));
                cells.addAll(Arrays.asList(extra.apply(s)));
                sheet.row(cells.toArray());
            }
            return Sheets.download(sheets.bytes(), title + year + ".xlsx", file + "-" + year + ".xlsx");
        }
    }

    private Map<String, String> communityNames(List<String> ids) {
        Map<String, String> names = new java.util.HashMap<>();
        neo4j.query("UNWIND $ids AS id MATCH (c:Community {id: id}) RETURN id, c.name AS name")
                .bind(ids.stream().filter(java.util.Objects::nonNull).distinct().toList()).to("ids").fetch().all()
                .forEach(row -> names.put((String) row.get("id"), (String) row.get("name")));
        return names;
    }

    private static String reason(InterviewReason reason) {
        return switch (reason) {
            case LOW_SATISFACTION -> "满意度低于70%";
            case NEGATIVE_LIST -> "负面清单所列情形";
        };
    }

    private static String outcome(InterviewOutcome outcome) {
        return switch (outcome) {
            case NO_ACTION -> "无需处理";
            case REMINDER -> "提醒谈话";
            case IMPROVEMENT_PLAN -> "限期整改";
            case WARNING -> "批评教育";
            case REFERRED -> "移交党组织处理";
        };
    }

    private static String registration(String state) {
        return state == null ? "未报到" : switch (state) {
            case "CONFIRMED" -> "已报到";
            case "PENDING" -> "待确认";
            default -> state;
        };
    }
}
