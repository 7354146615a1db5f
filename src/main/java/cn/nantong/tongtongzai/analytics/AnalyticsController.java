package cn.nantong.tongtongzai.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingFieldSelectionSet;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.time.Period;

/** graphql/analytics.graphqls */
@Controller
class AnalyticsController {

    static final int MAX_PERIODS = 24;

    private final AnalyticsService analytics;
    private final MemberService members;

    AnalyticsController(AnalyticsService analytics, MemberService members) {
        this.analytics = analytics;
        this.members = members;
    }

    @QueryMapping
    Figures figures(@Argument ScopeLevel scope, @Argument String id, @Argument String period, @Argument LocalDate date,
            DataFetchingFieldSelectionSet selection) {
        Period p = Period.of(period, date);
        // the city's roll-up: its figures are the sum of its streets', computed once
        if (scope == ScopeLevel.CITY && selection.contains("children")) {
            return analytics.cityWithStreets(p);
        }
        return analytics.figures(scope, id, List.of(p)).getFirst();
    }

    @QueryMapping
    List<Figures> figureTrend(@Argument ScopeLevel scope, @Argument String id, @Argument String every, @Argument int periods,
            @Argument LocalDate date) {
        if (periods < 1 || periods > MAX_PERIODS) {
            throw new UserInputException(ErrorCode.INVALID_PERIODS, "期数须在1至" + MAX_PERIODS + "之间。");
        }
        Period last = Period.of(every, date);
        List<Period> list = new ArrayList<>();
        LocalDate day = last.firstDay();
        for (int i = 0; i < periods; i++) {
            Period p = Period.of(every, day);
            list.addFirst(p);
            day = p.firstDay().minusDays(1);
        }
        return analytics.figures(scope, id, list);
    }

    @QueryMapping
    Window<Member> inactiveMembers(@Argument ScopeLevel scope, @Argument String id, @Argument int days, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        List<String> ids = analytics.inactiveMembers(scope, id, days, page);
        Map<String, Member> byId = members.members(ids);
        return page.window(ids.stream().map(byId::get).filter(Objects::nonNull).toList());
    }

    @QueryMapping
    Window<AnalyticsService.UnitRate> unitReportingRates(@Argument Double below, ScrollSubrange subrange) {
        Page page = Page.of(subrange);
        return page.window(analytics.unitReportingRates(below, page));
    }

    @SchemaMapping(typeName = "Figures")
    String period(Figures figures) {
        return figures.period().kind();
    }

    @SchemaMapping(typeName = "Figures")
    LocalDate from(Figures figures) {
        return figures.period().firstDay();
    }

    @SchemaMapping(typeName = "Figures")
    LocalDate to(Figures figures) {
        return figures.period().lastDay();
    }

    @SchemaMapping(typeName = "Figures")
    List<Figures> children(Figures figures) {
        if (figures.children() != null) {
            return figures.children();
        }
        return analytics.children(figures.scope(), figures.id(), figures.period());
    }
}
