// 工作概览: the figures of a community (or a street, or the city) for this month, the 12-month trend, the level
// below side by side, and for a community its capability gaps with the members to invite; Excel exports of the
// same. Each part is its own GraphQL document (graphql/analytics.graphqls, knowledge.graphqls); at most two run at
// once, as the service allows one user (tongtong.graphql.max-expensive-per-subject). The root says data-ready="true" once
// every figure is shown and every chart drawn (the browser tests and the benchmark wait for it).
import { Chart, computed, defineComponent, errorBox, figure, h, number, percent, reactive, table, watch } from './ui.js';
import { ApiError, download, gql } from './api.js';

const FIGURES = `query Figures($scope: ScopeLevel!, $id: ID) {
  figures(scope: $scope, id: $id, period: MONTH) {
    scope id name from to roster registered reportingRate serving serviceRate serviceHours hoursPerMember
    hoursDistribution { label members } ratings satisfied satisfactionRate
    area { requestsReceived requestsResolved medianHoursToResolve }
    children { scope id name roster registered reportingRate serviceRate serviceHours satisfactionRate
      area { requestsReceived requestsResolved } }
  }
}`;

const TREND = `query Trend($scope: ScopeLevel!, $id: ID) {
  figureTrend(scope: $scope, id: $id, every: MONTH, periods: 12) { from reportingRate serviceRate satisfactionRate serviceHours }
}`;

const GAPS = `query Gaps($id: ID!) {
  capabilityGaps(communityId: $id, period: QUARTER) {
    from to requests unclassifiedRequests
    gaps { skill { id name } requested served holders standIns status explanation
      invitations(first: 3) { member { id name } channel reason level } }
  }
}`;

const LEVEL = { CITY: '全市', STREET: '街道', COMMUNITY: '社区', GRID: '网格' };
const GAP = { NO_ONE: '无人能做', STAND_INS_ONLY: '仅能替代', UNDERSERVED: '服务不足', COVERED: '已覆盖' };

/** The scope a role looks at first: a secretary's community, an administrator's street, else the city. */
export function defaultScope(viewer) {
  if (viewer.communityId && !viewer.roles.includes('STREET_ADMIN')) {
    return { scope: 'COMMUNITY', id: viewer.communityId };
  }
  if (viewer.streetId) {
    return { scope: 'STREET', id: viewer.streetId };
  }
  return { scope: 'CITY', id: null };
}

function trendOption(trend) {
  const months = trend.map((period) => period.from.slice(0, 7));
  const rate = (name, key) => ({ name, type: 'line', yAxisIndex: 0, data: trend.map((p) => p[key] == null ? null : +(p[key] * 100).toFixed(1)) });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: [{ type: 'value', name: '%', min: 0, max: 100 }, { type: 'value', name: '小时' }],
    series: [
      { name: '服务时长', type: 'bar', yAxisIndex: 1, data: trend.map((p) => +p.serviceHours.toFixed(1)), itemStyle: { color: '#f3c9c4' } },
      rate('报到率', 'reportingRate'), rate('服务率', 'serviceRate'), rate('满意率', 'satisfactionRate'),
    ],
  };
}

function hoursOption(buckets) {
  return {
    animation: false,
    tooltip: {},
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: buckets.map((b) => b.label + ' 小时') },
    yAxis: { type: 'value', name: '人' },
    series: [{ type: 'bar', data: buckets.map((b) => b.members), itemStyle: { color: '#c0392b' } }],
  };
}

function childrenOption(children) {
  const rate = (name, key) => ({ name, type: 'bar', data: children.map((c) => c[key] == null ? null : +(c[key] * 100).toFixed(1)) });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 12, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { interval: 0, rotate: children.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', min: 0, max: 100 },
    series: [rate('报到率', 'reportingRate'), rate('服务率', 'serviceRate'), rate('满意率', 'satisfactionRate')],
  };
}

export const Dashboard = defineComponent({
  props: { viewer: { type: Object, required: true }, query: { type: Object, required: true } },
  setup(props) {
    const state = reactive({ figures: null, trend: null, gaps: null, error: null, loading: false, drawn: new Set(), exportError: null });
    const scope = computed(() => props.query.scope
      ? { scope: props.query.scope, id: props.query.id ?? null } : defaultScope(props.viewer));
    const charts = computed(() => (state.figures?.children.length ? 3 : 2));
    const ready = computed(() => !state.loading && state.figures && state.trend
      && (scope.value.scope !== 'COMMUNITY' || state.gaps) && state.drawn.size >= charts.value);

    async function load() {
      Object.assign(state, { figures: null, trend: null, gaps: null, error: null, loading: true, drawn: new Set() });
      const { scope: level, id } = scope.value;
      try {
        // two expensive documents at once, the most the service runs for one user; the gaps after them
        const [figures, trend] = await Promise.all([gql(FIGURES, { scope: level, id }), gql(TREND, { scope: level, id })]);
        state.figures = figures.figures;
        state.trend = trend.figureTrend;
        if (level === 'COMMUNITY') {
          state.gaps = (await gql(GAPS, { id })).capabilityGaps;
        }
      } catch (error) {
        state.error = error instanceof ApiError ? error : new ApiError('ERROR', String(error));
      } finally {
        state.loading = false;
      }
    }
    watch(scope, load, { immediate: true, deep: true });

    async function exportFile(url) {
      state.exportError = null;
      try {
        await download(url);
      } catch (error) {
        state.exportError = error;
      }
    }
    const drawn = (name) => () => { state.drawn = new Set(state.drawn).add(name); };

    function exports() {
      const { scope: level, id } = scope.value;
      const year = new Date().getFullYear();
      const figuresUrl = `/exports/figures.xlsx?scope=${level}` + (id ? `&id=${encodeURIComponent(id)}` : '') + '&period=MONTH';
      const buttons = [h('button', { type: 'button', onClick: () => exportFile(figuresUrl) }, '导出本月数据（Excel）')];
      if (level === 'COMMUNITY') {
        buttons.push(h('button', { type: 'button', onClick: () => exportFile(`/exports/interview-list.xlsx?year=${year}&communityId=${id}`) }, '约谈名单（Excel）'));
        buttons.push(h('button', { type: 'button', onClick: () => exportFile(`/exports/award-list.xlsx?year=${year}&communityId=${id}`) }, '评优推荐（Excel）'));
      }
      return h('div', { class: 'exports' }, buttons);
    }

    function figures(f) {
      const area = f.area;
      return h('section', { class: 'figures', 'aria-label': '本月指标' }, [
        figure('报到率', percent(f.reportingRate), `已报到 ${number(f.registered)} / 应报到 ${number(f.roster)}`, 'reportingRate'),
        figure('服务率', percent(f.serviceRate), `参与服务 ${number(f.serving)} 人`, 'serviceRate'),
        figure('服务时长', number(f.serviceHours, 1) + ' 小时', `人均 ${number(f.hoursPerMember, 2)} 小时`, 'serviceHours'),
        figure('满意率', percent(f.satisfactionRate), `满意 ${number(f.satisfied)} / 评价 ${number(f.ratings)}`, 'satisfactionRate'),
        area ? figure('群众需求', `${number(area.requestsResolved)} / ${number(area.requestsReceived)}`, '已解决 / 已受理', 'requests') : null,
        area ? figure('解决用时（中位数）', area.medianHoursToResolve == null ? '—' : number(area.medianHoursToResolve, 1) + ' 小时', '从提出到解决', 'medianHours') : null,
      ]);
    }

    function children(f) {
      if (f.children.length === 0) {
        return null;
      }
      const level = LEVEL[f.children[0].scope] ?? '下级';
      // a street's or a community's own dashboard is one click away; a grid's figures are all in this row
      const drill = (child) => (child.scope === 'STREET' || child.scope === 'COMMUNITY'
        ? h('a', { href: `#/dashboard?scope=${child.scope}&id=${child.id}` }, child.name) : child.name);
      return h('section', { class: 'panel wide' }, [
        h('h2', `各${level}对比`),
        h(Chart, { option: childrenOption(f.children), label: `各${level}报到率、服务率、满意率`, onDrawn: drawn('children') }),
        table([
          { title: level, cell: drill },
          { title: '应报到', numeric: true, cell: (c) => number(c.roster) },
          { title: '报到率', numeric: true, cell: (c) => percent(c.reportingRate) },
          { title: '服务率', numeric: true, cell: (c) => percent(c.serviceRate) },
          { title: '服务时长', numeric: true, cell: (c) => number(c.serviceHours, 1) },
          { title: '满意率', numeric: true, cell: (c) => percent(c.satisfactionRate) },
          { title: '需求 已解决/受理', numeric: true, cell: (c) => c.area ? `${c.area.requestsResolved} / ${c.area.requestsReceived}` : '—' },
        ], f.children, { label: `各${level}指标`, key: (c) => c.id }),
      ]);
    }

    function gaps(report) {
      if (!report) {
        return null;
      }
      return h('section', { class: 'panel wide', 'aria-label': '能力缺口' }, [
        h('h2', `能力缺口（${report.from} 至 ${report.to}，需求 ${report.requests} 件，待分类 ${report.unclassifiedRequests} 件）`),
        table([
          { title: '技能', cell: (g) => g.skill.name },
          { title: '状态', cell: (g) => h('span', { class: 'tag ' + g.status.toLowerCase() }, GAP[g.status]) },
          { title: '需求/已解决', numeric: true, cell: (g) => `${g.requested} / ${g.served}` },
          { title: '掌握/可替代', numeric: true, cell: (g) => `${g.holders} / ${g.standIns}` },
          { title: '说明', cell: (g) => g.explanation },
          { title: '可邀请党员', cell: (g) => g.invitations.length === 0 ? '—'
            : h('ul', { class: 'invitations' }, g.invitations.map((i) => h('li', { key: i.member.id }, [h('strong', i.member.name), ' ', i.reason]))) },
        ], report.gaps, { label: '能力缺口', empty: '本季度没有能力缺口', key: (g) => g.skill.id }),
      ]);
    }

    return () => {
      const f = state.figures;
      const { scope: level } = scope.value;
      return h('div', { class: 'dashboard', 'data-ready': ready.value ? 'true' : 'false' }, [
        h('div', { class: 'heading' }, [
          h('h1', f ? `${f.name} · 工作概览` : '工作概览'),
          f ? h('span', { class: 'period' }, `${LEVEL[level]} · 本月 ${f.from} 至 ${f.to}`) : null,
          props.query.scope ? h('a', { href: '#/dashboard', class: 'back' }, '返回') : null,
          exports(),
        ]),
        errorBox(state.exportError),
        errorBox(state.error),
        state.loading && !f ? h('p', { class: 'loading' }, '正在统计…') : null,
        f ? figures(f) : null,
        f ? h('div', { class: 'panels' }, [
          h('section', { class: 'panel' }, [h('h2', '服务时长分布（本月）'),
            h(Chart, { option: hoursOption(f.hoursDistribution), label: '服务时长分布', onDrawn: drawn('hours') })]),
          state.trend ? h('section', { class: 'panel' }, [h('h2', '近12个月趋势'),
            h(Chart, { option: trendOption(state.trend), label: '近12个月报到率、服务率、满意率与服务时长', onDrawn: drawn('trend') })]) : null,
          children(f),
          gaps(state.gaps),
        ]) : null,
      ]);
    };
  },
});
