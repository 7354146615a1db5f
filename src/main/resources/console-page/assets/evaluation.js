// 评价与约谈 (evaluation desk, graphql/evaluation.graphqls): the community rates its members' claims on completed
// tasks (rateClaim as COMMUNITY, 1 … 5); the year's interview (约谈) and award (评优) lists with why each member is
// there, an interview recorded and its follow-up done; the negative list (负面清单), an entry added or revoked with
// a reason; the joint meetings (联席会议) recorded with their problems, an open one resolved with what was done.
// The forms that record are in records.js.
import { dateTime, defineComponent, errorBox, h, onMounted, percent, reactive, table } from './ui.js';
import { attempt, gql } from './api.js';
import { FollowUpForm, InterviewForm, MeetingForm, NegativeEntryForm, OUTCOMES } from './records.js';

const DESK = `query Desk($communityId: ID!, $year: Int!) {
  tasks(filter: { communityId: $communityId, state: COMPLETED }, first: 20) {
    edges { node { id title endsAt claims { id member { id name } evaluations { raterRole score } } } }
  }
  interviewList(year: $year, communityId: $communityId, first: 50) {
    edges { node { member { id name } ratings rate hours reasons negativeEntries { reason }
      interview { id outcome heldOn followUpOn followUpDone followUpNotes } } }
  }
  awardList(year: $year, communityId: $communityId, first: 50) { edges { node { member { id name } ratings rate hours } } }
  negativeList(communityId: $communityId, first: 20) {
    edges { node { id member { name } reason recordedAt revokedAt revokeReason } }
  }
  jointMeetings(communityId: $communityId, first: 5) {
    edges { node { id title heldOn problems { id description state resolution owner { name } } } }
  }
}`;
const RATE = `mutation Rate($input: RateClaimInput!) { rateClaim(input: $input) { evaluation { id score } } }`;
const REVOKE = `mutation Revoke($id: ID!, $reason: String!) {
  revokeNegativeListEntry(input: { entryId: $id, reason: $reason }) { entry { id revokedAt } }
}`;
const RESOLVE = `mutation Resolve($id: ID!, $resolution: String!) {
  resolveMeetingProblem(input: { problemId: $id, resolution: $resolution }) { meeting { id } }
}`;

const SCORES = [[5, '5 非常满意'], [4, '4 满意'], [3, '3 一般'], [2, '2 不满意'], [1, '1 很不满意']];
const REASONS = { LOW_SATISFACTION: '满意度低于70%', NEGATIVE_LIST: '负面清单所列情形' };
const ROLES = { RESIDENT: '居民', COMMUNITY: '社区', FUNCTIONAL_BRANCH: '功能型党支部' };

export const Evaluation = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    // open: the form shown — 'interview:<member id>', 'negative' or 'meeting'
    const state = reactive({ toRate: [], interviews: [], awards: [], negative: [], meetings: [], inputs: {}, error: null,
      done: null, busy: false, loaded: false, open: null });

    async function load() {
      const data = await gql(DESK, { communityId: props.viewer.communityId, year });
      state.toRate = data.tasks.edges.flatMap(({ node: task }) => task.claims
        .filter((claim) => !claim.evaluations.some((e) => e.raterRole === 'COMMUNITY'))
        .map((claim) => ({ ...claim, task })));
      state.interviews = data.interviewList.edges.map((e) => e.node);
      state.awards = data.awardList.edges.map((e) => e.node);
      state.negative = data.negativeList.edges.map((e) => e.node);
      state.meetings = data.jointMeetings.edges.map((e) => e.node);
      state.loaded = true;
    }

    async function act(document, variables, what) {
      await attempt(state, async () => {
        await gql(document, variables);
        await load();
        state.done = what;
      });
    }
    onMounted(() => load().catch((error) => { state.error = error; }));

    /** A form saved: say so and read the lists again. */
    async function saved(message) {
      state.open = null;
      state.done = message;
      await load().catch((error) => { state.error = error; });
    }
    const close = () => { state.open = null; };

    function interviewCell(s) {
      const i = s.interview;
      if (!i) {
        return h('button', { type: 'button', class: 'secondary', onClick: () => { state.open = 'interview:' + s.member.id; } }, '记录约谈');
      }
      const held = `${OUTCOMES[i.outcome]}（${i.heldOn}）`;
      if (!i.followUpOn) {
        return held;
      }
      return i.followUpDone ? [held, h('div', { class: 'note' }, `已跟进：${i.followUpNotes ?? ''}`)]
        : [held, h('div', { class: 'note' }, `跟进日期 ${i.followUpOn}`), h(FollowUpForm, { interview: i, name: s.member.name, onSaved: saved })];
    }

    function interviewForm() {
      const standing = state.open?.startsWith('interview:') && state.interviews.find((s) => 'interview:' + s.member.id === state.open);
      return standing ? h('section', { class: 'panel', 'aria-label': '记录约谈' }, [h('h2', `约谈记录：${standing.member.name}`),
        h(InterviewForm, { standing, year, onSaved: saved, onClose: close, key: standing.member.id })]) : null;
    }

    /** The text typed for one row (a comment, a reason, a resolution), kept apart per row. */
    const input = (key, label, attributes = {}) => h('input', { 'aria-label': label, value: state.inputs[key] ?? '',
      onInput: (event) => { state.inputs[key] = event.target.value; }, ...attributes });

    function rateCell(claim) {
      const key = 'score-' + claim.id;
      return h('form', { class: 'reject', onSubmit: (event) => {
        event.preventDefault();
        const comment = (state.inputs['comment-' + claim.id] ?? '').trim();
        act(RATE, { input: { claimId: claim.id, raterRole: 'COMMUNITY', raterId: props.viewer.communityId,
          score: Number(state.inputs[key] ?? 5), comment: comment || null } }, `已评价：${claim.member.name}（${claim.task.title}）`);
      } }, [
        h('select', { 'aria-label': '评分', onChange: (event) => { state.inputs[key] = event.target.value; } },
          SCORES.map(([value, text]) => h('option', { value, selected: Number(state.inputs[key] ?? 5) === value }, text))),
        input('comment-' + claim.id, '评语', { maxlength: 500, placeholder: '评语（可不填）' }),
        h('button', { type: 'submit', disabled: state.busy }, '评价'),
      ]);
    }

    const standing = (extra) => [
      { title: '党员', cell: (s) => s.member.name },
      { title: '评价次数', numeric: true, cell: (s) => s.ratings },
      { title: '满意度', numeric: true, cell: (s) => percent(s.rate) },
      { title: '服务时长', numeric: true, cell: (s) => `${s.hours.toFixed(1)} 小时` },
      ...extra,
    ];

    function negativeCell(entry) {
      if (entry.revokedAt) {
        return `已撤销：${entry.revokeReason ?? ''}`;
      }
      return h('form', { class: 'reject', onSubmit: (event) => {
        event.preventDefault();
        act(REVOKE, { id: entry.id, reason: (state.inputs['revoke-' + entry.id] ?? '').trim() }, `已撤销 ${entry.member.name} 的负面清单记录`);
      } }, [input('revoke-' + entry.id, '撤销理由', { placeholder: '撤销理由' }), h('button', { type: 'submit', class: 'secondary', disabled: state.busy }, '撤销')]);
    }

    function problem(p) {
      if (p.state === 'RESOLVED') {
        return h('li', { 'data-problem': p.id }, `${p.description}（${p.owner.name}）— 已解决：${p.resolution ?? ''}`);
      }
      return h('li', { 'data-problem': p.id }, [`${p.description}（${p.owner.name}）— 待解决 `, h('form', { class: 'reject', onSubmit: (event) => {
        event.preventDefault();
        act(RESOLVE, { id: p.id, resolution: (state.inputs['resolve-' + p.id] ?? '').trim() }, `已记录解决情况：${p.description}`);
      } }, [input('resolve-' + p.id, '解决情况', { placeholder: '解决情况' }), h('button', { type: 'submit', disabled: state.busy }, '已解决')])]);
    }

    return () => h('div', { class: 'evaluation' }, [
      h('div', { class: 'heading' }, [h('h1', '评价与约谈'), h('span', { class: 'period' }, `${year} 年`)]),
      errorBox(state.error),
      state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
      h('section', { class: 'panel', 'aria-label': '待评价' }, [h('h2', '待社区评价的服务'), table([
        { title: '任务', cell: (c) => `${c.task.title}（${dateTime(c.task.endsAt)} 结束）` },
        { title: '党员', cell: (c) => c.member.name },
        { title: '已有评价', cell: (c) => c.evaluations.map((e) => `${ROLES[e.raterRole]} ${e.score} 分`).join('、') || '—' },
        { title: '社区评价', cell: rateCell },
      ], state.toRate, { label: '待评价的服务', empty: state.loaded ? '近期完成的任务都已评价' : '加载中…', key: (c) => c.id })]),
      h('div', { class: 'panels' }, [
        h('section', { class: 'panel', 'aria-label': '约谈名单' }, [h('h2', `约谈名单（${state.interviews.length} 人）`), table(standing([
          { title: '原因', cell: (s) => [s.reasons.map((r) => REASONS[r]).join('、'),
            ...s.negativeEntries.map((n) => h('div', { class: 'note' }, '负面清单：' + n.reason))] },
          { title: '约谈', cell: interviewCell },
        ]), state.interviews, { label: '约谈名单', empty: '本年度无需约谈', key: (s) => s.member.id })]),
        h('section', { class: 'panel', 'aria-label': '评优推荐' }, [h('h2', `评优推荐（${state.awards.length} 人）`),
          table(standing([]), state.awards, { label: '评优推荐', empty: '本年度暂无达到评优条件的党员', key: (s) => s.member.id })]),
      ]),
      interviewForm(),
      h('section', { class: 'panel', 'aria-label': '负面清单' }, [h('div', { class: 'heading' }, [h('h2', '负面清单'),
        h('button', { type: 'button', class: 'secondary', onClick: () => { state.open = 'negative'; } }, '记入负面清单')]),
      state.open === 'negative' ? h(NegativeEntryForm, { communityId: props.viewer.communityId, onSaved: saved, onClose: close }) : null,
      table([
        { title: '党员', cell: (n) => n.member.name },
        { title: '情形', cell: (n) => n.reason },
        { title: '记录时间', cell: (n) => dateTime(n.recordedAt) },
        { title: '状态', cell: negativeCell },
      ], state.negative, { label: '负面清单', empty: '无记录', key: (n) => n.id })]),
      h('section', { class: 'panel', 'aria-label': '联席会议' }, [h('div', { class: 'heading' }, [h('h2', '联席会议与疑难问题'),
        h('button', { type: 'button', class: 'secondary', onClick: () => { state.open = 'meeting'; } }, '记录联席会议')]),
        state.open === 'meeting' ? h(MeetingForm, { communityId: props.viewer.communityId, onSaved: saved, onClose: close }) : null,
        state.meetings.length === 0 ? h('p', { class: 'note' }, '还没有联席会议记录') : null,
        ...state.meetings.map((m) => h('article', { class: 'meeting', 'data-meeting': m.id }, [
          h('h3', `${m.title}（${m.heldOn}）`), h('ul', { class: 'problems' }, m.problems.map(problem))]))]),
    ]);
  },
});
