// A member on the phone (/m/): the hours served this year, my tasks (claims) with check-in and check-out by the
// organiser's code, and the community's published tasks with open seats to claim (graphql/task.graphqls).
import { dateTime, defineComponent, errorBox, h, number, onMounted, reactive } from './ui.js';
import { attempt, gql } from './api.js';

const MINE = `query Mine($memberId: ID!, $communityId: ID!) {
  member(id: $memberId) {
    name
    serviceHours(period: YEAR) { hours records }
    claims(state: ACTIVE, first: 20) { edges { node { id task { id title startsAt endsAt state place { name } } } } }
    serviceRecords(first: 20) { edges { node { id checkOutAt claim { id } } } }
  }
  tasks(filter: { communityId: $communityId, state: PUBLISHED, audience: MEMBERS }, orderBy: { field: STARTS_AT }, first: 20) {
    edges { node { id title startsAt endsAt openSeats place { name } skills { name } } }
  }
}`;
const CLAIM = `mutation Claim($taskId: ID!, $memberId: ID!) { claimTask(input: { taskId: $taskId, memberId: $memberId }) { claim { id } } }`;
const CHECK_IN = `mutation In($claimId: ID!, $code: String!) { checkIn(input: { claimId: $claimId, verificationCode: $code }) { record { id } } }`;
const CHECK_OUT = `mutation Out($claimId: ID!, $code: String!) { checkOut(input: { claimId: $claimId, verificationCode: $code }) { record { id hours } } }`;

export const MemberHome = defineComponent({
  props: { viewer: { type: Object, required: true } },
  setup(props) {
    const state = reactive({ member: null, open: [], checkedIn: new Set(), error: null, done: null, codes: {}, busy: false });

    async function load() {
      try {
        const data = await gql(MINE, { memberId: props.viewer.memberId, communityId: props.viewer.communityId });
        state.member = data.member;
        state.checkedIn = new Set(data.member.serviceRecords.edges.map((e) => e.node)
          .filter((r) => r.checkOutAt == null && r.claim).map((r) => r.claim.id));
        // a member may not read a task's claims: their own claims say which tasks they hold already
        const held = new Set(data.member.claims.edges.map((e) => e.node.task.id));
        state.open = data.tasks.edges.map((e) => e.node).filter((t) => t.openSeats > 0 && !held.has(t.id));
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(load);

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
          h('div', { class: 'figure-detail' }, `共 ${m.serviceHours.records} 次服务`),
        ]) : h('p', { class: 'loading' }, '正在加载…'),
        m ? h('section', { 'aria-label': '我的任务' }, [h('h2', '我的任务'),
          current(m).length ? current(m).map(claimCard) : h('p', { class: 'note' }, '暂无进行中的任务')]) : null,
        m ? h('section', { 'aria-label': '可认领的任务' }, [h('h2', '可认领的任务'),
          state.open.length ? state.open.map(taskCard) : h('p', { class: 'note' }, '暂无可认领的任务')]) : null,
      ]);
    };
  },
});
