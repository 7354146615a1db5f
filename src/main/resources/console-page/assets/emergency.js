// 应急动员 (emergency mobilisation): publish an emergency (应急任务) to the community's functional branch or groups,
// watch the team proposals of a live matching job arrive as they are made (matchingProposals over SSE; a live job
// takes in tasks published while it runs), accept one seat at a time (a team claim), and see which members of the
// teams confirmed, as they confirm (teamClaimConfirmed). Emergencies offered are announced live too
// (emergencyOffers). graphql/task.graphqls, matching.graphqls, live.graphqls.
import { dateTime, defineComponent, errorBox, h, onBeforeUnmount, onMounted, reactive, table } from './ui.js';
import { ApiError, attempt, gql } from './api.js';
import { subscribe } from './live.js';
import { reasons } from './matching.js';

const TEAM = `... on FunctionalBranch { id name } ... on FunctionalGroup { id name }`;
const SETUP = `query Setup($communityId: ID!) {
  community(id: $communityId) { functionalBranch { id name groups { id name memberCount } } }
  skills { id name category { name } }
  matchingJobs { id scopeId status live }
}`;
const EMERGENCIES = `query Emergencies($communityId: ID!) {
  tasks(filter: { communityId: $communityId, kind: EMERGENCY }, first: 10) {
    edges { node { id title state startsAt endsAt headcount claimed teams { ${TEAM} }
      teamClaims { id team { ${TEAM} } members { id member { id name } } } } }
  }
}`;
const JOB_FIELDS = `id status live tasksAdded { task { id } millisToProposal }
  teamProposals { seatId task { id title } team { ${TEAM} } reasons { kind text } }`;
const JOB = `query Job($id: ID!) { matchingJob(id: $id) { ${JOB_FIELDS} } }`;
const LIVE = `subscription Job($id: ID!) { matchingProposals(jobId: $id) { ${JOB_FIELDS} } }`;
const OFFERS = `subscription { emergencyOffers { id title startsAt } }`;
const CONFIRMED = `subscription { teamClaimConfirmed { id member { name } task { id title kind } teamClaim { team { ${TEAM} } } } }`;
const START = `mutation Start($communityId: ID!) {
  startMatching(input: { communityId: $communityId, live: true, seconds: 10, unimprovedSeconds: 1 }) { job { ${JOB_FIELDS} } }
}`;
const STOP = `mutation Stop($id: ID!) { stopMatching(input: { jobId: $id }) { job { ${JOB_FIELDS} } } }`;
const CREATE = `mutation Create($input: CreateTaskInput!) { createTask(input: $input) { task { id title } } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishTask(input: { taskId: $id }) { task { id title verificationCode } } }`;
const ACCEPT = `mutation Accept($id: ID!, $seatIds: [ID!]) {
  acceptProposals(input: { jobId: $id, seatIds: $seatIds }) { teamClaims { id team { ${TEAM} } } refused { seatId code message } }
}`;

const STATES = { DRAFT: '草稿', PUBLISHED: '已发布', IN_PROGRESS: '进行中', COMPLETED: '已完成', EVALUATED: '已评价', CANCELLED: '已取消' };

/** Nantong wall-clock time, minutes from now, as a datetime-local field shows it. */
function inMinutes(minutes) {
  return new Date(Date.now() + 8 * 3600_000 + minutes * 60_000).toISOString().slice(0, 16);
}

export const Emergency = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const blank = () => ({ title: '', headcount: 5, startsAt: inMinutes(30), hours: 4, skillId: '', teamIds: [] });
    // accepted: the proposals accepted here, still shown once the live job leaves their claimed seat out of its plan
    const state = reactive({ teams: [], skills: [], emergencies: [], job: null, offers: [], confirmed: [], decided: {}, accepted: {},
      form: blank(), error: null, done: null, busy: false });
    const closers = [];
    let jobFeed = null;

    async function loadEmergencies() {
      const data = await gql(EMERGENCIES, { communityId: props.viewer.communityId });
      state.emergencies = data.tasks.edges.map((e) => e.node);
    }

    function follow(job) {
      state.job = job;
      jobFeed?.();
      jobFeed = null;
      if (job?.status === 'LIVE') {
        jobFeed = subscribe(LIVE, { id: job.id }, (data) => { state.job = data.matchingProposals; }, (error) => { state.error = error; });
      }
    }

    onMounted(() => attempt(state, async () => {
      const setup = await gql(SETUP, { communityId: props.viewer.communityId });
      const branch = setup.community?.functionalBranch;
      state.teams = branch ? [{ id: branch.id, name: branch.name }, ...branch.groups.map((g) => ({ id: g.id, name: `${g.name}（${g.memberCount} 人）` }))] : [];
      state.skills = setup.skills;
      closers.push(subscribe(OFFERS, {}, (data) => {
        state.offers = [data.emergencyOffers, ...state.offers].slice(0, 5);
        loadEmergencies().catch(() => {});
      }, (error) => { state.error = error; }));
      closers.push(subscribe(CONFIRMED, {}, (data) => {
        const claim = data.teamClaimConfirmed;
        if (claim.task.kind === 'EMERGENCY') {
          state.confirmed = [`${claim.member.name}（${claim.teamClaim.team.name}）确认参加「${claim.task.title}」`, ...state.confirmed].slice(0, 5);
          loadEmergencies().catch(() => {});
        }
      }, (error) => { state.error = error; }));
      const live = setup.matchingJobs.find((j) => j.live && j.status === 'LIVE' && j.scopeId === props.viewer.communityId);
      if (live) {
        follow((await gql(JOB, { id: live.id })).matchingJob);
      }
      await loadEmergencies();
    }));
    onBeforeUnmount(() => { jobFeed?.(); closers.forEach((close) => close()); });

    async function publish(event) {
      event.preventDefault();
      const f = state.form;
      const start = new Date(f.startsAt + ':00+08:00');
      const input = { communityId: props.viewer.communityId, title: f.title.trim(), kind: 'EMERGENCY', audience: 'TEAMS', difficulty: 3,
        headcount: Number(f.headcount), startsAt: f.startsAt + ':00+08:00',
        endsAt: new Date(start.getTime() + Number(f.hours) * 3600_000).toISOString(),
        skillIds: f.skillId ? [f.skillId] : [], teamIds: f.teamIds };
      const created = await attempt(state, () => gql(CREATE, { input }));
      if (!created) {
        return;
      }
      const published = await attempt(state, () => gql(PUBLISH, { id: created.createTask.task.id }));
      if (published) {
        state.done = `已发布应急任务「${published.publishTask.task.title}」，签到核验码 ${published.publishTask.task.verificationCode}`;
        state.form = blank();
        await loadEmergencies().catch(() => {});
      }
    }

    async function accept(proposal) {
      const data = await attempt(state, () => gql(ACCEPT, { id: state.job.id, seatIds: [proposal.seatId] }));
      if (data) {
        const refused = data.acceptProposals.refused[0];
        state.decided[proposal.seatId] = refused ? '未采纳（已过期）' : '已采纳';
        state.accepted[proposal.seatId] = proposal;
        if (refused) {
          state.error = new ApiError(refused.code, refused.message);
        } else {
          state.done = `已采纳：${proposal.team.name} 组团认领「${proposal.task.title}」，等待党员确认`;
        }
        await loadEmergencies().catch(() => {});
      }
    }

    function field(label, id, control) {
      return h('span', { class: 'field' }, [h('label', { for: id }, label), control]);
    }

    function form() {
      const f = state.form;
      const bind = (key) => ({ id: 'emergency-' + key, value: f[key], onInput: (event) => { f[key] = event.target.value; } });
      return h('form', { class: 'panel', onSubmit: publish, 'aria-label': '发布应急任务' }, [
        h('h2', '发布应急任务'),
        field('任务名称', 'emergency-title', h('input', { ...bind('title'), maxlength: 100, required: true })),
        field('人数', 'emergency-headcount', h('input', { ...bind('headcount'), type: 'number', min: 1, max: 500 })),
        field('开始', 'emergency-startsAt', h('input', { ...bind('startsAt'), type: 'datetime-local' })),
        field('时长（小时）', 'emergency-hours', h('input', { ...bind('hours'), type: 'number', min: 1, max: 72 })),
        field('所需技能', 'emergency-skillId', h('select', { id: 'emergency-skillId', onChange: (event) => { f.skillId = event.target.value; } },
          [['', '— 请选择 —'], ...state.skills.map((s) => [s.id, `${s.category?.name ?? ''} · ${s.name}`])]
            .map(([value, text]) => h('option', { value, selected: f.skillId === value }, text)))),
        h('fieldset', { class: 'teams' }, [h('legend', '派给（功能型党支部、党小组）'), ...state.teams.map((team) => h('label', [
          h('input', { type: 'checkbox', value: team.id, checked: f.teamIds.includes(team.id), onChange: (event) => {
            f.teamIds = event.target.checked ? [...f.teamIds, team.id] : f.teamIds.filter((id) => id !== team.id);
          } }), ' ', team.name]))]),
        h('button', { type: 'submit', disabled: state.busy }, '发布'),
      ]);
    }

    async function stop(job) {
      const data = await attempt(state, () => gql(STOP, { id: job.id }));
      if (!data) {
        return;
      }
      // the solver ends a moment after the request, and its last event may come before a new subscription would:
      // read the job until it says it stopped
      let latest = data.stopMatching.job;
      for (let i = 0; i < 40 && latest.status === 'LIVE'; i++) {
        await new Promise((resolve) => { setTimeout(resolve, 250); });
        latest = (await gql(JOB, { id: job.id }).catch(() => null))?.matchingJob ?? latest;
      }
      follow(latest);
    }

    function proposals() {
      const job = state.job;
      const added = new Map((job?.tasksAdded ?? []).map((a) => [a.task.id, a.millisToProposal]));
      const rows = [...(job?.teamProposals ?? [])];
      Object.values(state.accepted).filter((p) => !rows.some((r) => r.seatId === p.seatId)).forEach((p) => rows.push(p));
      return h('section', { class: 'panel', 'aria-label': '组团方案' }, [
        h('div', { class: 'heading' }, [h('h2', '组团方案（实时）'),
          h('span', { class: 'period live-status', 'data-status': job?.status ?? 'NONE' },
            job?.status === 'LIVE' ? '实时匹配运行中：新发布的应急任务一秒内给出方案' : '实时匹配未开启'),
          h('div', { class: 'exports' }, job?.status === 'LIVE'
            ? h('button', { type: 'button', class: 'secondary', disabled: state.busy,
              onClick: () => stop(job) }, '停止实时匹配')
            : h('button', { type: 'button', disabled: state.busy,
              onClick: async () => { const d = await attempt(state, () => gql(START, { communityId: props.viewer.communityId })); if (d) follow(d.startMatching.job); } },
            '开启实时匹配'))]),
        job ? table([
          { title: '应急任务', cell: (p) => p.task.title },
          { title: '组团', cell: (p) => p.team.name },
          { title: '用时', numeric: true, cell: (p) => added.get(p.task.id) != null ? `${added.get(p.task.id)} 毫秒` : '—' },
          { title: '理由', cell: (p) => reasons(p.reasons) },
          { title: '操作', cell: (p) => state.decided[p.seatId] ? h('span', { class: 'decided' }, state.decided[p.seatId])
            : h('button', { type: 'button', disabled: state.busy, onClick: () => accept(p) }, '采纳') },
        ], rows, { label: '组团方案', empty: '暂无方案：发布应急任务后在此实时出现', key: (p) => p.seatId }) : null,
      ]);
    }

    function claims(task) {
      if (task.teamClaims.length === 0) {
        return '未认领';
      }
      return h('ul', { class: 'reasons' }, task.teamClaims.map((claim) => h('li', { 'data-team-claim': claim.id },
        `${claim.team.name}：${claim.members.length ? '已确认 ' + claim.members.map((c) => c.member.name).join('、') : '等待党员确认'}`)));
    }

    return () => h('div', { class: 'emergency' }, [
      h('div', { class: 'heading' }, [h('h1', '应急动员')]),
      errorBox(state.error),
      state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
      state.offers.length ? h('p', { class: 'note offers', 'aria-live': 'polite' },
        '刚刚推送：' + state.offers.map((o) => `「${o.title}」`).join('')) : null,
      state.confirmed.length ? h('p', { class: 'note confirmations', 'aria-live': 'polite' }, '刚刚确认：' + state.confirmed.join('；')) : null,
      form(),
      proposals(),
      h('section', { class: 'panel', 'aria-label': '应急任务' }, [
        h('div', { class: 'heading' }, [h('h2', '应急任务与确认情况'), h('div', { class: 'exports' },
          h('button', { type: 'button', class: 'secondary', onClick: () => attempt(state, loadEmergencies) }, '刷新'))]),
        table([
          { title: '任务', cell: (t) => t.title },
          { title: '状态', cell: (t) => STATES[t.state] },
          { title: '时间', cell: (t) => `${dateTime(t.startsAt)} 至 ${dateTime(t.endsAt)}` },
          { title: '已确认', numeric: true, cell: (t) => `${t.claimed} / ${t.headcount}` },
          { title: '派给', cell: (t) => t.teams.map((team) => team.name).join('、') },
          { title: '认领与确认', cell: claims },
        ], state.emergencies, { label: '应急任务', empty: '还没有应急任务', key: (t) => t.id }),
      ]),
    ]);
  },
});
