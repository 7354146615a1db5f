package cn.nantong.tongtongzai.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MemberStanding;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ReportBackRow;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.platform.excel.Sheets;
import cn.nantong.tongtongzai.platform.excel.Sheets.Column;
import cn.nantong.tongtongzai.platform.excel.Sheets.Format;
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
    private final MemberService members;
    private final Neo4jClient neo4j;

    private final HttpAccess access;

    EvaluationSheets(EvaluationService evaluations, MemberService members, Neo4jClient neo4j, HttpAccess access) {
        this.access = access;
        this.evaluations = evaluations;
        this.members = members;
        this.neo4j = neo4j;
    }

    @GetMapping("/exports/report-back.xlsx")
    ResponseEntity<byte[]> reportBack(@RequestParam String unitId, @RequestParam String quarter) {
        access.require(access.actor(), "/exports/report-back.xlsx", Set.of(Role.UNIT_SECRETARY, Role.CITY_ADMIN),
                Kind.UNIT, unitId, true);
        Period period = Period.quarter(quarter);
        String unit = neo4j.query("MATCH (u:Unit {id: $id}) RETURN u.name").bind(unitId).to("id").fetchAs(String.class).one()
                .orElseThrow(() -> new UserInputException("UNIT_NOT_FOUND", "找不到该单位。"));
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
        return standings("约谈名单", "interview-list", year, evaluations.interviewList(year, unitId, communityId, ALL));
    }

    @GetMapping("/exports/award-list.xlsx")
    ResponseEntity<byte[]> awardList(@RequestParam int year, @RequestParam(required = false) String unitId,
            @RequestParam(required = false) String communityId) {
        Period.year(year);
        allowStandings("/exports/award-list.xlsx", unitId, communityId);
        return standings("评先评优推荐名单", "award-list", year, evaluations.awardList(year, unitId, communityId, ALL));
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

    private ResponseEntity<byte[]> standings(String title, String file, int year, List<MemberStanding> list) {
        Map<String, Member> byId = members.members(list.stream().map(MemberStanding::memberId).toList());
        try (Sheets sheets = new Sheets()) {
            Sheets.Writer sheet = sheets.sheet(title + " " + year, List.of(new Column("党员编号", Format.TEXT, 14),
                    new Column("姓名", Format.TEXT, 10), new Column("评价数", Format.INTEGER, 8),
                    new Column("满意评价数", Format.INTEGER, 10), new Column("满意度", Format.PERCENT, 10),
                    new Column("服务时长（小时）", Format.DECIMAL, 14)));
            for (MemberStanding s : list) {
                Member m = byId.get(s.memberId());
                sheet.row(s.memberId(), m == null ? null : m.name(), s.ratings(), s.satisfied(), s.rate(), s.hours());
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

    private static String registration(String state) {
        return state == null ? "未报到" : switch (state) {
            case "CONFIRMED" -> "已报到";
            case "PENDING" -> "待确认";
            default -> state;
        };
    }
}
