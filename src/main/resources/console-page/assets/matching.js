// 智能匹配 (recommendations, graphql/matching.graphqls): for one task, the members recommendMembers ranks, with the
// reasons in Chinese and the rules a member would break; assign one (assignTask). Or run a matching job for the
// whole community and accept or reject its proposals seat by seat (acceptProposals and rejectProposals with one
// seat: a rejected seat stays open for a hand-picked member), or discard the rest of the plan. The job's progress
// comes live (matchingProposals over SSE), with a query now and then in case an event came before the subscription.
import { dateTime, defineComponent, errorBox, h, onBeforeUnmount, onMounted, reactive, table } from './ui.js';
import { ApiError, attempt, gql } from './api.js';
import { subscribe } from './live.js';

const TASKS = `query Open($communityId: ID!) {
  tasks(filter: { communityId: $communityId, state: PUBLISHED, audience: MEMBERS }, orderBy: { field: STARTS_AT }, first: 50) {
    edges { node { id title startsAt openSeats headcount skills { name } } }
  }
}`;
const RECOMMEND = `query Recommend($taskId: ID!) {
  recommendMembers(taskId: $taskId, first: 10) {
    rank feasible score { hard soft } member { id name } reasons { kind text impact }
  }
}`;
const ASSIGN = `mutation Assign($taskId: ID!, $memberId: ID!) {
  assignTask(input: { taskId: $taskId, memberId: $memberId }) { claim { id member { name } task { title } } }
}`;
const JOB_FIELDS = `id status seats seatsFilled feasible error rejectedSeatIds
  proposals { seatId task { id title startsAt } member { id name } reasons { kind text } }`;
const START = `mutation Start($communityId: ID!) {
  startMatching(input: { communityId: $communityId, seconds: 30, unimprovedSeconds: 3 }) { job { ${JOB_FIELDS} } }
}`;
const JOB = `query Job($id: ID!) { matchingJob(id: $id) { ${JOB_FIELDS} } }`;
const LIVE = `subscription Job($id: ID!) { matchingProposals(jobId: $id) { ${JOB_FIELDS} } }`;
const STOP = `mutation Stop($id: ID!) { stopMatching(input: { jobId: $id }) { job { ${JOB_FIELDS} } } }`;
const ACCEPT = `mutation Accept($id: ID!, $seatIds: [ID!]) {
  acceptProposals(input: { jobId: $id, seatIds: $seatIds }) { job { id status } claims { id } refused { seatId code message } }
}`;
const DISCARD = `mutation Discard($id: ID!, $seatIds: [ID!]) { rejectProposals(input: { jobId: $id, seatIds: $seatIds }) { job { ${JOB_FIELDS} } } }`;

const STATUS = { SOLVING: '计算中', LIVE: '实时', COMPLETED: '已完成', STOPPED: '已停止', ACCEPTED: '已采纳', DISCARDED: '已放弃', FAILED: '失败' };
const running = (job) => job && (job.status === 'SOLVING' || job.status === 'LIVE');

/** The reasons, rules broken first (as the API orders them), each marked for or against. */
export function reasons(list) {
  return h('ul', { class: 'reasons' }, list.map((r) => h('li', { class: r.kind.toLowerCase() },
    (r.kind === 'BREAKS_RULE' ? '✗ 违反：' : r.kind === 'IN_FAVOUR' ? '＋ ' : '－ ') + r.text)));
}

export const Matching = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    // rejected: the proposals rejected seat by seat, still shown (the job no longer lists them)
    const state = reactive({ tasks: [], taskId: props.query?.task ?? '', ranked: null, job: null, decided: {}, rejected: [],
      error: null, done: null, busy: false });
    let unsubscribe = null;
    let poll = null;

    async function loadTasks() {
      await attempt(state, async () => {
        const data = await gql(TASKS, { communityId: props.viewer.communityId });
        state.tasks = data.tasks.edges.map((e) => e.node).filter((t) => t.openSeats > 0);
      });
    }

    async function recommend() {
      state.ranked = null;
      if (state.taskId) {
        await attempt(state, async () => { state.ranked = (await gql(RECOMMEND, { taskId: state.taskId })).recommendMembers; });
      }
    }

    onMounted(async () => {
      await loadTasks();
      await recommend();
    });

    async function assign(recommendation) {
      const data = await attempt(state, () => gql(ASSIGN, { taskId: state.taskId, memberId: recommendation.member.id }));
      if (data) {
        state.done = `已指派 ${data.assignTask.claim.member.name} 参加「${data.assignTask.claim.task.title}」`;
        await loadTasks();
        await recommend();
      }
    }

    function follow(job) {
      state.job = job;
      stopFollowing();
      if (!running(job)) {
        return;
      }
      unsubscribe = subscribe(LIVE, { id: job.id }, (data) => { state.job = data.matchingProposals; },
        (error) => { state.error = error; });
      // an event sent before the subscription began would be missed: look now and then while it runs
      poll = setInterval(async () => {
        const latest = (await gql(JOB, { id: job.id }).catch(() => null))?.matchingJob;
        if (latest) {
          state.job = latest;
        }
        if (!running(latest)) {
          stopFollowing();
        }
      }, 2000);
    }

    function stopFollowing() {
      unsubscribe?.();
      unsubscribe = null;
      clearInterval(poll);
      poll = null;
    }
    onBeforeUnmount(stopFollowing);

    async function start() {
      const data = await attempt(state, () => gql(START, { communityId: props.viewer.communityId }));
      if (data) {
        state.decided = {};
        state.rejected = [];
        state.done = null;
        follow(data.startMatching.job);
      }
    }

    async function accept(proposal) {
      const data = await attempt(state, () => gql(ACCEPT, { id: state.job.id, seatIds: [proposal.seatId] }));
      if (data) {
        const refused = data.acceptProposals.refused[0];
        if (refused) {
          state.error = new ApiError(refused.code, refused.message);
          state.decided[proposal.seatId] = '未采纳（已过期）';
        } else {
          state.decided[proposal.seatId] = '已采纳';
          state.done = `已采纳：${proposal.member.name} 参加「${proposal.task.title}」`;
        }
      }
    }

    async function reject(proposal) {
      const data = await attempt(state, () => gql(DISCARD, { id: state.job.id, seatIds: [proposal.seatId] }));
      if (data) {
        state.job = data.rejectProposals.job;
        state.rejected.push(proposal);
        state.decided[proposal.seatId] = '不采纳（名额保持空缺）';
        state.done = `未采纳：${proposal.member.name} 参加「${proposal.task.title}」，该名额可另行指派`;
      }
    }

    async function discard() {
      const data = await attempt(state, () => gql(DISCARD, { id: state.job.id }));
      if (data) {
        state.job = data.rejectProposals.job;
        state.done = '已放弃其余方案';
      }
    }

    function recommendationsPanel() {
      return h('section', { class: 'panel', 'aria-label': '为任务推荐党员' }, [
        h('h2', '为任务推荐党员'),
        h('span', { class: 'field' }, [h('label', { for: 'match-task' }, '任务'), h('select', {
          id: 'match-task', onChange: (event) => { state.taskId = event.target.value; state.done = null; recommend(); } },
        [h('option', { value: '', selected: !state.taskId }, '— 请选择有空余名额的任务 —'),
          ...state.tasks.map((t) => h('option', { value: t.id, selected: t.id === state.taskId },
            `${t.title}（${dateTime(t.startsAt)}，余 ${t.openSeats} 个名额）`))])]),
        state.ranked == null ? null : table([
          { title: '排名', numeric: true, cell: (r) => r.rank },
          { title: '党员', cell: (r) => h('a', { href: '#/members?member=' + encodeURIComponent(r.member.id) }, r.member.name) },
          { title: '规则', cell: (r) => r.feasible ? h('span', { class: 'tag covered' }, '符合') : h('span', { class: 'tag no_one' }, '违反规则') },
          // a broken rule (hard points) outweighs any soft score: show it, or the ranking looks out of order
          { title: '得分', numeric: true, cell: (r) => r.feasible ? r.score.soft : `硬 ${r.score.hard} · 软 ${r.score.soft}` },
          { title: '理由', cell: (r) => reasons(r.reasons) },
          { title: '操作', cell: (r) => h('button', { type: 'button', disabled: state.busy, onClick: () => assign(r) }, '指派') },
        ], state.ranked, { label: '推荐党员', empty: '没有可推荐的党员', key: (r) => r.member.id }),
      ]);
    }

    function proposalActions(job, proposal) {
      const decided = state.decided[proposal.seatId];
      if (decided) {
        return h('span', { class: 'decided' }, decided);
      }
      if (running(job) || job.status === 'DISCARDED' || job.status === 'FAILED') {
        return '—';
      }
      return h('span', { class: 'actions' }, [
        h('button', { type: 'button', disabled: state.busy, onClick: () => accept(proposal) }, '采纳'),
        h('button', { type: 'button', class: 'secondary', disabled: state.busy, onClick: () => reject(proposal) }, '不采纳'),
      ]);
    }

    function jobPanel() {
      const job = state.job;
      return h('section', { class: 'panel', 'aria-label': '社区匹配方案' }, [
        h('div', { class: 'heading' }, [h('h2', '社区匹配方案'),
          job ? h('span', { class: 'period job-status', 'data-status': job.status },
            `${STATUS[job.status]} · 已安排 ${job.seatsFilled} / ${job.seats} 个名额${job.feasible ? '' : ' · 有违反规则的安排'}`) : null,
          h('div', { class: 'exports' }, [
            running(job)
              ? h('button', { type: 'button', class: 'secondary', disabled: state.busy,
                onClick: async () => { const d = await attempt(state, () => gql(STOP, { id: job.id })); if (d) follow(d.stopMatching.job); } }, '停止计算')
              : h('button', { type: 'button', disabled: state.busy, onClick: start }, '运行匹配'),
            job && !running(job) && job.status !== 'DISCARDED'
              ? h('button', { type: 'button', class: 'secondary', disabled: state.busy, onClick: discard }, '放弃其余方案') : null,
          ])]),
        job?.error ? h('p', { class: 'error' }, job.error) : null,
        job ? table([
          { title: '任务', cell: (p) => `${p.task.title}（${dateTime(p.task.startsAt)}）` },
          { title: '党员', cell: (p) => p.member.name },
          { title: '理由', cell: (p) => p.reasons.length ? reasons(p.reasons) : '计算完成后显示' },
          { title: '操作', cell: (p) => proposalActions(job, p) },
        ], [...job.proposals, ...state.rejected.filter((p) => job.rejectedSeatIds.includes(p.seatId))], { label: '匹配方案', empty: running(job) ? '计算中…' : '没有需要安排的名额', key: (p) => p.seatId })
          : h('p', { class: 'note' }, '为本社区已发布、尚未开始的任务的空余名额统一安排党员（最长 30 秒）；逐个采纳或不采纳。'),
      ]);
    }

    return () => h('div', { class: 'matching' }, [
      h('div', { class: 'heading' }, [h('h1', '智能匹配')]),
      errorBox(state.error),
      state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
      recommendationsPanel(),
      jobPanel(),
    ]);
  },
});
