// A member's profile (党员档案, graphql/member.graphqls, task.graphqls, evaluation.graphqls): skills with where each
// came from, this year's and quarter's service hours, ratings, every 双报到 registration, and — for those who run
// the community — the claims with their ratings and the service records. A unit secretary reads the profile without
// what the API keeps from them (where the member lives, what they did in the community: AccessPolicy's
// UNIT_SECRETARIES_NEVER_SEE), so the page does not ask for it.
import { dateTime, defineComponent, errorBox, h, number, percent, reactive, table, watch } from './ui.js';
import { gql } from './api.js';

const COMMON = `id name gender birthYear phone occupation unit { name } partyOrg { name } community { name }
  postCategories { name } skills { skill { id name } level source because }
  year: serviceHours(period: YEAR) { hours records from to } quarter: serviceHours(period: QUARTER) { hours records }
  satisfaction { ratings satisfied rate }`;
const FULL = `query Profile($id: ID!) { member(id: $id) { ${COMMON}
  residence { name } interests functionalGroup { name }
  registrations(first: 10) { edges { node { id state channel community { name } residence { name } registeredAt decidedAt
    rejectReason endedAt endReason reportedTo { name } } } }
  claims(first: 20) { edges { node { id state source claimedAt task { id title state startsAt }
    evaluations { raterRole score comment } } } }
  serviceRecords(first: 20) { edges { node { id checkInAt checkOutAt hours autoClosed corrected claim { task { title } } post { name } } } }
} }`;
const FOR_UNIT = `query Profile($id: ID!) { member(id: $id) { ${COMMON}
  registrations(first: 10) { edges { node { id state channel community { name } registeredAt decidedAt rejectReason
    endedAt endReason reportedTo { name } } } }
} }`;

export const SOURCE = { DECLARED: '本人填写', OCCUPATION: '由职业推断', INTEREST: '由兴趣特长推断' };
export const REGISTRATION = { PENDING: '待确认', CONFIRMED: '已报到', REJECTED: '已驳回', ENDED: '已结束' };
const CHANNEL = { ONLINE: '线上', ON_SITE: '现场', UNIT_BATCH: '单位集中报到' };
const CLAIM_SOURCE = { SELF: '自主认领', ASSIGNED: '书记指派', MATCHING: '匹配推荐', TEAM: '组团认领' };
const CLAIM_STATE = { ACTIVE: '有效', WITHDRAWN: '已撤回', TASK_CANCELLED: '任务已取消' };
const TASK_STATE = { DRAFT: '草稿', PUBLISHED: '已发布', IN_PROGRESS: '进行中', COMPLETED: '已完成', EVALUATED: '已评价', CANCELLED: '已取消' };
const RATER = { RESIDENT: '居民', COMMUNITY: '社区', FUNCTIONAL_BRANCH: '功能型党支部' };

export const Profile = defineComponent({
  props: { memberId: { type: String, required: true }, forUnit: Boolean, back: Object },
  setup(props) {
    const state = reactive({ member: null, error: null });
    async function load() {
      state.member = null;
      state.error = null;
      try {
        state.member = (await gql(props.forUnit ? FOR_UNIT : FULL, { id: props.memberId })).member;
      } catch (error) {
        state.error = error;
      }
    }
    watch(() => props.memberId, load, { immediate: true });

    function facts(m) {
      const rows = [
        ['性别 / 出生年份', `${m.gender === 'MALE' ? '男' : '女'} / ${m.birthYear}`], ['手机', m.phone],
        ['工作单位', m.unit.name], ['单位党组织', m.partyOrg?.name ?? '—'],
        ['居住', m.residence ? `${m.community.name} ${m.residence.name}` : m.community.name],
        ['职业', m.occupation ?? '—'], ['岗位类别', m.postCategories.map((c) => c.name).join('、') || '—'],
      ];
      if (m.functionalGroup !== undefined) {
        rows.push(['功能型党小组', m.functionalGroup?.name ?? '—'], ['兴趣特长', m.interests.join('、') || '—']);
      }
      return h('dl', { class: 'facts' }, rows.flatMap(([term, value]) => [h('dt', term), h('dd', value)]));
    }

    function service(m) {
      return h('div', { class: 'figures profile-figures' }, [
        h('div', { class: 'figure', 'data-figure': 'hours-year' }, [h('div', { class: 'figure-label' }, '本年服务时长'),
          h('div', { class: 'figure-value' }, number(m.year.hours, 2) + ' 小时'),
          h('div', { class: 'figure-detail' }, `${m.year.records} 次服务记录`)]),
        h('div', { class: 'figure', 'data-figure': 'hours-quarter' }, [h('div', { class: 'figure-label' }, '本季度服务时长'),
          h('div', { class: 'figure-value' }, number(m.quarter.hours, 2) + ' 小时')]),
        h('div', { class: 'figure', 'data-figure': 'satisfaction' }, [h('div', { class: 'figure-label' }, '本年满意率'),
          h('div', { class: 'figure-value' }, percent(m.satisfaction.rate)),
          h('div', { class: 'figure-detail' }, `满意 ${m.satisfaction.satisfied} / 评价 ${m.satisfaction.ratings}`)]),
      ]);
    }

    function registrations(m) {
      return table([
        { title: '社区', cell: (r) => r.community.name },
        ...(props.forUnit ? [] : [{ title: '居住楼栋', cell: (r) => r.residence.name }]),
        { title: '状态', cell: (r) => REGISTRATION[r.state] },
        { title: '方式', cell: (r) => CHANNEL[r.channel] },
        { title: '申请', cell: (r) => dateTime(r.registeredAt) },
        { title: '审核', cell: (r) => dateTime(r.decidedAt) },
        { title: '报回单位', cell: (r) => r.reportedTo?.name ?? '—' },
        { title: '说明', cell: (r) => r.rejectReason ?? (r.endedAt ? `${dateTime(r.endedAt)} ${r.endReason ?? ''}` : '') },
      ], m.registrations.edges.map((e) => e.node), { label: '双报到记录', empty: '尚未报到', key: (r) => r.id });
    }

    function claims(m) {
      return table([
        { title: '任务', cell: (c) => c.task.title },
        { title: '开始', cell: (c) => dateTime(c.task.startsAt) },
        { title: '任务状态', cell: (c) => TASK_STATE[c.task.state] ?? c.task.state },
        { title: '认领方式', cell: (c) => CLAIM_SOURCE[c.source] },
        { title: '认领', cell: (c) => CLAIM_STATE[c.state] },
        { title: '评价', cell: (c) => c.evaluations.length === 0 ? '—' : c.evaluations
          .map((e) => `${RATER[e.raterRole]} ${e.score}分${e.comment ? '（' + e.comment + '）' : ''}`).join('；') },
      ], m.claims.edges.map((e) => e.node), { label: '认领与评价', empty: '暂无认领', key: (c) => c.id });
    }

    function records(m) {
      return table([
        { title: '任务或岗位', cell: (r) => r.claim?.task.title ?? r.post?.name ?? '—' },
        { title: '签到', cell: (r) => dateTime(r.checkInAt) },
        { title: '签退', cell: (r) => r.checkOutAt ? dateTime(r.checkOutAt) : '服务中' },
        { title: '时长（小时）', numeric: true, cell: (r) => number(r.hours, 2) },
        { title: '', cell: (r) => [r.autoClosed ? '系统自动签退' : '', r.corrected ? '已更正' : ''].filter(Boolean).join('，') },
      ], m.serviceRecords.edges.map((e) => e.node), { label: '服务记录', empty: '暂无服务记录', key: (r) => r.id });
    }

    return () => {
      const m = state.member;
      return h('div', { class: 'profile', 'data-member': props.memberId }, [
        h('div', { class: 'heading' }, [
          props.back ? h('a', { href: props.back.href }, '← ' + props.back.text) : null,
          h('h1', m ? `${m.name} · 党员档案` : '党员档案'),
        ]),
        errorBox(state.error),
        m ? [
          facts(m),
          service(m),
          h('section', { class: 'panel', 'aria-label': '技能' }, [h('h2', '技能及来源'), table([
            { title: '技能', cell: (s) => s.skill.name },
            { title: '水平', numeric: true, cell: (s) => `${s.level} / 5` },
            { title: '来源', cell: (s) => SOURCE[s.source] ?? s.source },
            { title: '依据', cell: (s) => s.because ?? '' },
          ], m.skills, { label: '技能', empty: '未填写技能', key: (s) => s.skill.id })]),
          h('section', { class: 'panel', 'aria-label': '双报到' }, [h('h2', '双报到记录'), registrations(m)]),
          m.claims ? h('section', { class: 'panel', 'aria-label': '认领' }, [h('h2', '认领与评价（最近 20 条）'), claims(m)]) : null,
          m.serviceRecords ? h('section', { class: 'panel', 'aria-label': '服务记录' }, [h('h2', '服务记录（最近 20 条）'), records(m)]) : null,
        ] : state.error ? null : h('p', { class: 'loading' }, '正在读取…'),
      ]);
    };
  },
});
