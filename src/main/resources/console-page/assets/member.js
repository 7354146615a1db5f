// A member on the phone (/m/): the hours served this year and satisfaction, my tasks (claims) with check-in and
// check-out by the organiser's code — typed, or filled in by scanning the organiser's QR code, a link to
// /m/#/check-in?task=…&code=… —, the community's published tasks with open seats to claim, the ratings my services
// got, and my inbox (graphql/task.graphqls, evaluation.graphqls, notification.graphqls).
import { dateTime, defineComponent, errorBox, h, number, onMounted, percent, reactive } from './ui.js';
import { attempt, gql } from './api.js';

const MINE = `query Mine($memberId: ID!, $communityId: ID!) {
  member(id: $memberId) {
    name
    serviceHours(period: YEAR) { hours records }
    satisfaction { rate ratings }
    claims(state: ACTIVE, first: 20) { edges { node { id task { id title startsAt endsAt state place { name } }
      evaluations { raterRole score comment } } } }
    serviceRecords(first: 20) { edges { node { id checkOutAt claim { id } } } }
  }
  tasks(filter: { communityId: $communityId, state: PUBLISHED, audience: MEMBERS }, orderBy: { field: STARTS_AT }, first: 20) {
    edges { node { id title startsAt endsAt openSeats place { name } skills { name } } }
  }
  notifications(first: 10) { edges { node { id text createdAt read } } }
  unreadNotifications
}`;
const READ = `mutation Read { markNotificationsRead(input: { all: true }) { unread } }`;
const RATERS = { RESIDENT: '居民', COMMUNITY: '社区', FUNCTIONAL_BRANCH: '功能型党支部' };

/** The task and code of a scanned check-in link (#/check-in?task=…&code=…), or null. */
function scanned() {
  const [path, query] = window.location.hash.slice(1).split('?');
  const params = new URLSearchParams(query ?? '');
  return path === '/check-in' && params.get('task') && params.get('code') ? { taskId: params.get('task'), code: params.get('code') } : null;
}
const CLAIM = `mutation Claim($taskId: ID!, $memberId: ID!) { claimTask(input: { taskId: $taskId, memberId: $memberId }) { claim { id } } }`;
const CHECK_IN = `mutation In($claimId: ID!, $code: String!) { checkIn(input: { claimId: $claimId, verificationCode: $code }) { record { id } } }`;
const CHECK_OUT = `mutation Out($claimId: ID!, $code: String!) { checkOut(input: { claimId: $claimId, verificationCode: $code }) { record { id hours } } }`;

export const MemberHome = defineComponent({
  props: { viewer: { type: Object, required: true } },
  setup(props) {
    const state = reactive({ member: null, open: [], checkedIn: new Set(), inbox: [], unread: 0, scan: scanned(), error: null,
      done: null, codes: {}, busy: false });

    async function load() {
      try {
        const data = await gql(MINE, { memberId: props.viewer.memberId, communityId: props.viewer.communityId });
        state.member = data.member;
        state.checkedIn = new Set(data.member.serviceRecords.edges.map((e) => e.node)
          .filter((r) => r.checkOutAt == null && r.claim).map((r) => r.claim.id));
        // a member may not read a task's claims: their own claims say which tasks they hold already
        const held = new Set(data.member.claims.edges.map((e) => e.node.task.id));
        state.open = data.tasks.edges.map((e) => e.node).filter((t) => t.openSeats > 0 && !held.has(t.id));
        state.inbox = data.notifications.edges.map((e) => e.node);
        state.unread = data.unreadNotifications;
        useScan(data.member.claims.edges.map((e) => e.node));
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(load);

    /** A scanned code goes into its claim's field once; the member still taps 签到 or 签退. */
    function useScan(claims) {
      if (!state.scan) {
        return;
      }
      const claim = claims.find((c) => c.task.id === state.scan.taskId);
      if (claim) {
        state.codes[claim.id] = state.scan.code;
        state.done = `已扫码：${claim.task.title}，请点「${state.checkedIn.has(claim.id) ? '签退' : '签到'}」确认`;
      } else {
        state.done = '您没有认领这项任务，不能签到；请先认领或联系组织者。';
      }
      state.scan = null;
      history.replaceState(null, '', window.location.pathname); // the code leaves the address bar
    }

    async function run(document, variables, what) {
      await attempt(state, async () => {
        const data = await gql(document, variables);
        state.done = what(data);
        await load();
      });
    }

    function claimCard(claim) {
      const task = claim.task;
      const inside = state.checkedIn.has(claim.id);
      const id = 'code-' + claim.id;
      return h('article', { class: 'card', key: claim.id, 'data-claim': claim.id }, [
        h('strong', task.title),
        h('div', { class: 'note' }, `${dateTime(task.startsAt)} 至 ${dateTime(task.endsAt)} · ${task.place?.name ?? '全社区'}`),
        inside ? h('div', { class: 'tag covered' }, '服务中（已签到）') : null,
        h('form', { class: 'check', onSubmit: (event) => {
          event.preventDefault();
          const code = (state.codes[claim.id] ?? '').trim();
          run(inside ? CHECK_OUT : CHECK_IN, { claimId: claim.id, code },
            (d) => inside ? `已签退，本次计 ${number(d.checkOut.record.hours, 2)} 小时` : `已签到：${task.title}`);
        } }, [
          h('label', { for: id }, '核验码'),
          h('input', { id, inputmode: 'numeric', autocomplete: 'off', value: state.codes[claim.id] ?? '',
            onInput: (event) => { state.codes[claim.id] = event.target.value; } }),
          h('button', { type: 'submit', disabled: state.busy }, inside ? '签退' : '签到'),
        ]),
      ]);
    }

    function taskCard(task) {
      return h('article', { class: 'card', key: task.id, 'data-task': task.id }, [
        h('strong', task.title),
        h('div', { class: 'note' }, `${dateTime(task.startsAt)} · ${task.place?.name ?? '全社区'} · 余 ${task.openSeats} 个名额`),
        task.skills.length ? h('div', { class: 'note' }, '所需技能：' + task.skills.map((s) => s.name).join('、')) : null,
        h('button', { type: 'button', disabled: state.busy,
          onClick: () => run(CLAIM, { taskId: task.id, memberId: props.viewer.memberId }, () => `已认领：${task.title}`) }, '认领'),
      ]);
    }

    /** Claims of services done that someone rated, newest first as the API lists them. */
    const rated = (m) => m.claims.edges.map((e) => e.node).filter((c) => c.evaluations.length);

    function ratings(m) {
      const list = rated(m);
      return h('section', { 'aria-label': '我的评价' }, [h('h2', '我的评价'),
        list.length ? list.map((c) => h('article', { class: 'card', key: c.id }, [h('strong', c.task.title),
          ...c.evaluations.map((e) => h('div', { class: 'note' }, `${RATERS[e.raterRole]}：${'★'.repeat(e.score)}${'☆'.repeat(5 - e.score)}`
            + (e.comment ? ` ${e.comment}` : '')))]))
          : h('p', { class: 'note' }, '还没有评价')]);
    }

    function inbox() {
      return h('section', { 'aria-label': '消息' }, [
        h('h2', [`消息${state.unread ? `（${state.unread} 条未读）` : ''}`, state.unread ? h('button', { type: 'button', class: 'link',
          disabled: state.busy, onClick: () => run(READ, {}, () => '消息已全部标为已读') }, '全部已读') : null]),
        state.inbox.length ? h('ul', { class: 'inbox' }, state.inbox.map((n) => h('li', { key: n.id, class: n.read ? 'read' : 'unread' },
          [h('span', n.text), ' ', h('span', { class: 'note' }, dateTime(n.createdAt))]))) : h('p', { class: 'note' }, '暂无消息'),
      ]);
    }

    /** Claims whose task is still to be done: the ones to check in to. */
    const current = (m) => m.claims.edges.map((e) => e.node).filter((c) => ['PUBLISHED', 'IN_PROGRESS'].includes(c.task.state));

    return () => {
      const m = state.member;
      return h('div', { class: 'member' }, [
        errorBox(state.error),
        state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
        m ? h('section', { class: 'card hours', 'data-figure': 'hours' }, [
          h('div', { class: 'figure-label' }, `${m.name} · 今年服务时长`),
          h('div', { class: 'figure-value' }, number(m.serviceHours.hours, 1) + ' 小时'),
          h('div', { class: 'figure-detail' }, `共 ${m.serviceHours.records} 次服务` + (m.satisfaction.ratings
            ? ` · 满意率 ${percent(m.satisfaction.rate)}（${m.satisfaction.ratings} 次评价）` : '')),
        ]) : h('p', { class: 'loading' }, '正在加载…'),
        m ? h('section', { 'aria-label': '我的任务' }, [h('h2', '我的任务'),
          current(m).length ? current(m).map(claimCard) : h('p', { class: 'note' }, '暂无进行中的任务')]) : null,
        m ? h('section', { 'aria-label': '可认领的任务' }, [h('h2', '可认领的任务'),
          state.open.length ? state.open.map(taskCard) : h('p', { class: 'note' }, '暂无可认领的任务')]) : null,
        m ? ratings(m) : null,
        m ? inbox() : null,
      ]);
    };
  },
});
