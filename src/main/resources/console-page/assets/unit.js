// 报回单位 for a unit's party secretary (graphql/evaluation.graphqls reportBack, member.graphqls Unit): the unit's
// 报到率, and one row per member of the unit for a quarter — where they registered and its state, posts, claims,
// tasks completed, hours, ratings, satisfaction, what the unit sent back —, 20 at a time; the quarter as Excel
// (/exports/report-back.xlsx through a single-use downloadLink); a member's profile without what the API keeps from
// a unit (profile.js).
import { defineComponent, errorBox, h, number, onMounted, percent, reactive, table } from './ui.js';
import { download, gql } from './api.js';
import { pager, pagingBar, turned } from './places.js';
import { Profile, REGISTRATION } from './profile.js';

const PAGE = 20;
const UNIT = `query Unit($id: ID!) { unit(id: $id) { id name partyOrg { name } reportingRate { onRoster registered rate } } }`;
const REPORT = `query Report($unitId: ID!, $quarter: String!, $after: String) {
  reportBack(unitId: $unitId, quarter: $quarter, first: ${PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { member { id name } registrationState community { name } posts claims tasksCompleted hours ratings
      satisfaction feedback { id } } }
  }
}`;

/** This quarter and the three before it, in Nantong's calendar: 2026-Q4, 2026-Q3, … */
function quarters() {
  const now = new Date(Date.now() + 8 * 3600_000);
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const list = [];
  for (let i = 0; i < 4; i += 1) {
    list.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return list;
}

export const UnitReport = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const choices = quarters();
    const state = reactive({ unit: null, rows: [], paging: pager(PAGE), quarter: choices[0], error: null, loading: false });
    let seq = 0;

    async function go(page) {
      state.error = null;
      state.loading = true;
      const ticket = ++seq; // a quarter chosen quickly: only the latest answer is shown
      try {
        const report = (await gql(REPORT, { unitId: props.viewer.unitId, quarter: state.quarter,
          after: state.paging.cursors[page] })).reportBack;
        if (ticket !== seq) {
          return;
        }
        // one row per member on the roster: the unit's roster is the report's total (the connection has no totalCount)
        state.rows = report.edges.map((e) => e.node);
        turned(state.paging, page, { ...report, totalCount: state.unit?.reportingRate.onRoster ?? null });
      } catch (error) {
        state.error = error;
      } finally {
        state.loading = ticket !== seq;
      }
    }
    onMounted(async () => {
      try {
        state.unit = (await gql(UNIT, { id: props.viewer.unitId })).unit;
        await go(0);
      } catch (error) {
        state.error = error;
      }
    });
    async function exportQuarter() {
      state.error = null;
      try {
        await download(`/exports/report-back.xlsx?unitId=${encodeURIComponent(props.viewer.unitId)}&quarter=${state.quarter}`);
      } catch (error) {
        state.error = error;
      }
    }

    return () => {
      if (props.query?.member) {
        return h(Profile, { memberId: props.query.member, forUnit: true, back: { href: '#/unit', text: '报回单位' } });
      }
      const unit = state.unit;
      return h('div', { class: 'people unit-report', 'aria-busy': state.loading ? 'true' : 'false' }, [
        h('div', { class: 'heading' }, [
          h('h1', `${unit?.name ?? ''} · 报回单位`),
          h('label', { class: 'field inline' }, ['季度', h('select', { value: state.quarter,
            onChange: (event) => { state.quarter = event.target.value; go(0); } }, choices.map((q) => h('option', { value: q }, q)))]),
          h('span', { class: 'exports' }, h('button', { type: 'button', class: 'secondary', onClick: exportQuarter }, '导出本季度报回单（Excel）')),
        ]),
        errorBox(state.error),
        unit ? h('div', { class: 'figures' }, [
          h('div', { class: 'figure', 'data-figure': 'reportingRate' }, [h('div', { class: 'figure-label' }, '报到率'),
            h('div', { class: 'figure-value' }, percent(unit.reportingRate.rate)),
            h('div', { class: 'figure-detail' }, `已报到 ${unit.reportingRate.registered} / 在册 ${unit.reportingRate.onRoster}`)]),
        ]) : null,
        table([
          { title: '党员', cell: (r) => h('a', { href: `#/unit?member=${encodeURIComponent(r.member.id)}` }, r.member.name) },
          { title: '报到社区', cell: (r) => r.community?.name ?? '—' },
          { title: '报到状态', cell: (r) => REGISTRATION[r.registrationState] ?? '未报到' },
          { title: '岗位', cell: (r) => r.posts.join('、') || '—' },
          { title: '认领', numeric: true, cell: (r) => r.claims },
          { title: '完成任务', numeric: true, cell: (r) => r.tasksCompleted },
          { title: '时长（小时）', numeric: true, cell: (r) => number(r.hours, 2) },
          { title: '评价', numeric: true, cell: (r) => r.ratings },
          { title: '满意率', numeric: true, cell: (r) => percent(r.satisfaction) },
          { title: '单位反馈', numeric: true, cell: (r) => r.feedback.length || '' },
        ], state.rows, { label: '报回单', empty: '本单位暂无党员', key: (r) => r.member.id }),
        pagingBar(state.paging, state.rows.length, go, '报回单'),
      ]);
    };
  },
});
