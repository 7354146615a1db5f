// A resident on the phone (/m/): post a request in their own words — the classifier's reading of it is shown as a
// hint while they write (classifyText, nothing saved) —, follow their requests, and rate the members who served
// one once its task is completed (rateClaim as RESIDENT; graphql/request.graphqls, evaluation.graphqls).
import { dateTime, defineComponent, errorBox, h, onMounted, reactive } from './ui.js';
import { attempt, gql } from './api.js';

const MINE = `query Mine($residentId: ID!) {
  resident(id: $residentId) { name requests(first: 10) { edges { node { id text state urgency submittedAt rejectReason
    task { id title state startsAt claims { id member { name } evaluations { raterRole raterId score } } } } } } }
}`;
const RATE = `mutation Rate($input: RateClaimInput!) { rateClaim(input: $input) { evaluation { id score } } }`;
const SCORES = [[5, '非常满意'], [4, '满意'], [3, '一般'], [2, '不满意'], [1, '很不满意']];
const CLASSIFY = `query Hint($text: String!) { classifyText(text: $text) { classified category { name } suggestedCategory { name } skills { skill { name } } } }`;
const POST = `mutation Post($input: PostRequestInput!) { postRequest(input: $input) { request { id state } } }`;

const STATE = { SUBMITTED: '待受理', ACCEPTED: '已受理', MERGED: '已合并', REJECTED: '未受理', RESOLVED: '已解决' };
const URGENCY = { NORMAL: '一般', HIGH: '较急', URGENT: '紧急', LOW: '不急' };

/** A key for this request, so a retry after a timeout does not post it twice (PostRequestInput.clientRequestId). */
function newKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export const ResidentHome = defineComponent({
  props: { viewer: { type: Object, required: true } },
  setup(props) {
    const state = reactive({ resident: null, text: '', urgency: 'NORMAL', hint: null, key: newKey(), scores: {}, error: null,
      done: null, busy: false });
    let timer = null;

    async function load() {
      try {
        state.resident = (await gql(MINE, { residentId: props.viewer.residentId })).resident;
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(load);

    function typed(event) {
      state.text = event.target.value;
      clearTimeout(timer);
      const text = state.text.trim();
      timer = setTimeout(async () => { // a pause in typing, not every keystroke
        try {
          state.hint = text.length >= 4 ? (await gql(CLASSIFY, { text })).classifyText : null;
        } catch {
          state.hint = null; // only a hint
        }
      }, 400);
    }

    async function post(event) {
      event.preventDefault();
      await attempt(state, async () => {
        await gql(POST, { input: { residentId: props.viewer.residentId, text: state.text.trim(), urgency: state.urgency, clientRequestId: state.key } });
        state.done = '已提交，社区将尽快受理。';
        Object.assign(state, { text: '', hint: null, key: newKey() });
        await load();
      });
    }

    function hint() {
      const c = state.hint;
      const category = c?.category ?? c?.suggestedCategory;
      if (!category) {
        return null;
      }
      const skills = c.skills.slice(0, 3).map((m) => m.skill.name).join('、');
      return h('p', { class: 'hint', 'aria-live': 'polite' }, `看起来是「${category.name}」${skills ? '：' + skills : ''}`);
    }

    /** The members who served a completed request's task, each rated once by this resident (1 … 5 stars). */
    function rating(task) {
      if (task.state !== 'COMPLETED' || !task.claims?.length) {
        return null;
      }
      return h('div', { class: 'rate' }, task.claims.map((claim) => {
        const mine = claim.evaluations.find((e) => e.raterRole === 'RESIDENT' && e.raterId === props.viewer.residentId);
        if (mine) {
          return h('div', { class: 'note', key: claim.id }, `已评价 ${claim.member.name}：${'★'.repeat(mine.score)}`);
        }
        const score = state.scores[claim.id] ?? 5;
        return h('form', { class: 'check', key: claim.id, 'data-claim': claim.id, onSubmit: (event) => {
          event.preventDefault();
          attempt(state, async () => {
            await gql(RATE, { input: { claimId: claim.id, raterRole: 'RESIDENT', raterId: props.viewer.residentId, score } });
            state.done = `已评价 ${claim.member.name}，谢谢！`;
            await load();
          });
        } }, [
          h('label', { for: 'score-' + claim.id }, `评价 ${claim.member.name}`),
          h('select', { id: 'score-' + claim.id, onChange: (event) => { state.scores[claim.id] = Number(event.target.value); } },
            SCORES.map(([value, text]) => h('option', { value, selected: score === value }, `${'★'.repeat(value)} ${text}`))),
          h('button', { type: 'submit', disabled: state.busy }, '提交评价'),
        ]);
      }));
    }

    function card(request) {
      return h('article', { class: 'card', key: request.id, 'data-request': request.id }, [
        h('span', { class: 'tag state-' + request.state.toLowerCase() }, STATE[request.state]),
        ' ', h('span', { class: 'note' }, dateTime(request.submittedAt)),
        h('p', request.text),
        request.task ? h('div', { class: 'note' }, `服务：${request.task.title}（${dateTime(request.task.startsAt)}）`) : null,
        request.task ? rating(request.task) : null,
        request.rejectReason ? h('div', { class: 'note' }, '说明：' + request.rejectReason) : null,
      ]);
    }

    return () => h('div', { class: 'resident' }, [
      h('form', { class: 'card post', onSubmit: post }, [
        h('label', { for: 'request-text' }, '您需要什么帮助？'),
        h('textarea', { id: 'request-text', rows: 3, maxlength: 1000, value: state.text, onInput: typed,
          placeholder: '例如：楼道灯坏了，晚上看不见' }),
        hint(),
        h('label', { for: 'request-urgency' }, '紧急程度'),
        h('select', { id: 'request-urgency', onChange: (event) => { state.urgency = event.target.value; } },
          Object.entries(URGENCY).map(([value, label]) => h('option', { value, selected: state.urgency === value }, label))),
        h('button', { type: 'submit', disabled: state.busy || state.text.trim().length < 2 }, '提交'),
      ]),
      errorBox(state.error),
      state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
      h('h2', '我的需求'),
      state.resident ? (state.resident.requests.edges.length
        ? state.resident.requests.edges.map((e) => card(e.node)) : h('p', { class: 'note' }, '还没有提交过需求')) : h('p', { class: 'loading' }, '正在加载…'),
    ]);
  },
});
