package cn.nantong.tongtongzai.analytics;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.nantong.tongtongzai.analytics.Figures.Area;
import cn.nantong.tongtongzai.platform.excel.Sheets;
import cn.nantong.tongtongzai.platform.excel.Sheets.Column;
import cn.nantong.tongtongzai.platform.excel.Sheets.Format;
import cn.nantong.tongtongzai.platform.security.Access;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.HttpAccess;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.platform.time.Period;

/** The figures of a scope and of its children for a period, as a spreadsheet (the same as `figures`). */
@RestController
class FigureSheets {

    private final AnalyticsService analytics;

    private final HttpAccess access;

    FigureSheets(AnalyticsService analytics, HttpAccess access) {
        this.analytics = analytics;
        this.access = access;
    }

    @GetMapping("/exports/figures.xlsx")
    ResponseEntity<byte[]> figures(@RequestParam ScopeLevel scope, @RequestParam(required = false) String id,
            @RequestParam(defaultValue = "MONTH") String period, @RequestParam(required = false) String date) {
        Period p = Period.of(period, date == null ? null : Period.day(date, "date"));
        allow(scope, id);
        List<Figures> rows = new ArrayList<>();
        if (scope == ScopeLevel.CITY) {
            Figures city = analytics.cityWithStreets(p);
            rows.add(city);
            rows.addAll(city.children());
        } else {
            rows.add(analytics.figures(scope, id, List.of(p)).getFirst());
            rows.addAll(analytics.children(scope, id, p));
        }
        try (Sheets sheets = new Sheets()) {
            Sheets.Writer sheet = sheets.sheet("统计 " + p.firstDay() + "至" + p.lastDay(), List.of(
                    new Column("名称", Format.TEXT, 16), new Column("层级", Format.TEXT, 8), new Column("编号", Format.TEXT, 16),
                    new Column("应报到", Format.INTEGER, 8), new Column("已报到", Format.INTEGER, 8), new Column("报到率", Format.PERCENT, 8),
                    new Column("服务党员", Format.INTEGER, 8), new Column("服务率", Format.PERCENT, 8),
                    new Column("服务时长（小时）", Format.DECIMAL, 14), new Column("人均时长（小时）", Format.DECIMAL, 14),
                    new Column("评价数", Format.INTEGER, 8), new Column("满意度", Format.PERCENT, 8), new Column("认领岗位", Format.INTEGER, 8),
                    new Column("收到需求", Format.INTEGER, 8), new Column("解决需求", Format.INTEGER, 8),
                    new Column("解决用时中位数（小时）", Format.DECIMAL, 18), new Column("应急任务", Format.INTEGER, 8),
                    new Column("动员党员", Format.INTEGER, 8), new Column("联席会议问题", Format.INTEGER, 10),
                    new Column("联席会议解决率", Format.PERCENT, 12)));
            for (Figures f : rows) {
                Area a = f.area();
                sheet.row(f.name(), level(f.scope()), f.id(), f.roster(), f.registered(), f.reportingRate(), f.serving(),
                        f.serviceRate(), f.serviceHours(), f.hoursPerMember(), f.ratings(), f.satisfactionRate(), f.postsHeld(),
                        a == null ? null : a.requestsReceived(), a == null ? null : a.requestsResolved(),
                        a == null ? null : a.medianHoursToResolve(), a == null ? null : a.emergencyTasks(),
                        a == null ? null : a.membersMobilised(), a == null ? null : a.meetingProblems(),
                        a == null ? null : a.jointMeetingResolutionRate());
            }
            Sheets.Writer hours = sheets.sheet("服务时长分布", List.of(new Column("名称", Format.TEXT, 16),
                    new Column("0小时", Format.INTEGER, 8), new Column("0–2小时", Format.INTEGER, 8), new Column("2–8小时", Format.INTEGER, 8),
                    new Column("8–20小时", Format.INTEGER, 8), new Column("20小时以上", Format.INTEGER, 10)));
            for (Figures f : rows) {
                List<Figures.HoursBucket> d = f.hoursDistribution();
                hours.row(f.name(), d.get(0).members(), d.get(1).members(), d.get(2).members(), d.get(3).members(), d.get(4).members());
            }
            return Sheets.download(sheets.bytes(), rows.getFirst().name() + "统计" + p.firstDay() + ".xlsx",
                    "figures-" + p.firstDay() + ".xlsx");
        }
    }

    private static String level(ScopeLevel scope) {
        return switch (scope) {
            case CITY -> "全市";
            case STREET -> "街道";
            case COMMUNITY -> "社区";
            case GRID -> "网格";
            case FUNCTIONAL_BRANCH -> "功能型党支部";
            case FUNCTIONAL_GROUP -> "功能型党小组";
            case UNIT -> "单位";
        };
    }

    /** As figures over GraphQL: analysts everywhere (aggregates only), others within their scope, the city for the city. */
    private void allow(ScopeLevel scope, String id) {
        Actor actor = access.actor();
        Kind kind = Access.kindOfScope(scope.name());
        boolean allowed = actor.has(Role.ANALYST) || (kind == null ? actor.isCityAdmin()
                : access.reaches(actor, AccessPolicy.FIGURE_READERS, kind, id));
        access.decide(actor, "/exports/figures.xlsx", kind == null ? List.of() : List.of(kind + ":" + id), allowed, false);
    }
}
