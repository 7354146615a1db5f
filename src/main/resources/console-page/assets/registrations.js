// 报到审核: the community's pending 双报到 registrations, oldest first (graphql/member.graphqls); confirm one, or
// reject it with a reason the member sees. A refusal from the API (e.g. a reason too short) is shown as its
// Chinese message and changes nothing.
import { defineComponent, errorBox, dateTime, h, onMounted, reactive, table } from './ui.js';
import { attempt, gql } from './api.js';

const QUEUE = `query Queue($communityId: ID!, $after: String) {
  registrations(filter: { communityId: $communityId, state: PENDING }, first: 20, after: $after) {
    totalCount
    edges { node { id registeredAt channel member { id name unit { name } } residence { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CONFIRM = `mutation Confirm($id: ID!) { confirmRegistration(input: { registrationId: $id }) { registration { id state } } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) {
  rejectRegistration(input: { registrationId: $id, reason: $reason }) { registration { id state rejectReason } }
}`;
const CHANNEL = { ONLINE: '线上', ON_SITE: '现场', UNIT_BATCH: '单位集中报到' };

export const Registrations = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const state = reactive({ rows: [], total: null, next: null, error: null, done: [], rejecting: null, reason: '', busy: false });

    async function load(after = null) {
      state.error = null;
      try {
        const page = (await gql(QUEUE, { communityId: props.viewer.communityId, after })).registrations;
        state.rows = after ? [...state.rows, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node);
        state.total = page.totalCount;
        state.next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(() => load());

    async function act(row, document, variables, what) {
      await attempt(state, async () => {
        await gql(document, variables);
        state.rows = state.rows.filter((r) => r.id !== row.id);
        state.total -= 1;
        state.done = [`${row.member.name}：${what}`, ...state.done].slice(0, 5);
        state.rejecting = null;
        state.reason = '';
      });
    }

    function actions(row) {
      if (state.rejecting === row.id) {
        return h('form', { class: 'reject', onSubmit: (event) => {
          event.preventDefault();
          act(row, REJECT, { id: row.id, reason: state.reason.trim() }, '已驳回');
        } }, [
          h('label', { for: 'reason-' + row.id }, '驳回理由'),
          h('input', { id: 'reason-' + row.id, value: state.reason, maxlength: 200, placeholder: '党员可见，2–200 字',
            onInput: (event) => { state.reason = event.target.value; } }),
          h('button', { type: 'submit', disabled: state.busy }, '确认驳回'),
          h('button', { type: 'button', class: 'link', onClick: () => { state.rejecting = null; } }, '取消'),
        ]);
      }
      return h('span', { class: 'actions' }, [
        h('button', { type: 'button', disabled: state.busy, onClick: () => act(row, CONFIRM, { id: row.id }, '已确认报到') }, '确认'),
        h('button', { type: 'button', class: 'secondary', disabled: state.busy,
          onClick: () => { state.rejecting = row.id; state.reason = ''; } }, '驳回'),
      ]);
    }

    return () => h('div', { class: 'registrations' }, [
      h('div', { class: 'heading' }, [h('h1', '报到审核'),
        h('span', { class: 'period' }, state.total == null ? '' : `待确认 ${state.total} 人（先到先审）`)]),
      errorBox(state.error),
      state.done.length ? h('ul', { class: 'done', 'aria-live': 'polite' }, state.done.map((line) => h('li', line))) : null,
      table([
        { title: '党员', cell: (r) => r.member.name },
        { title: '工作单位', cell: (r) => r.member.unit.name },
        { title: '居住楼栋', cell: (r) => r.residence.name },
        { title: '方式', cell: (r) => CHANNEL[r.channel] },
        { title: '申请时间', cell: (r) => dateTime(r.registeredAt) },
        { title: '操作', cell: actions },
      ], state.rows, { label: '待确认的报到', empty: '没有待确认的报到', key: (r) => r.id }),
      state.next ? h('button', { type: 'button', class: 'more', onClick: () => load(state.next) }, '加载更多') : null,
    ]);
  },
});
