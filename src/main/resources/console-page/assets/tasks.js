// 任务 (task editor): the community's tasks, latest start first; a new task (individual members, skills from the
// reference list); publish a draft — the check-in code the organiser gives members on the spot is shown then, and
// as a QR code for the organiser's phone (the service draws it: /tasks/{id}/check-in-code.svg, behind the token);
// complete a task under way (graphql/task.graphqls).
import { dateTime, defineComponent, errorBox, h, onMounted, reactive, table } from './ui.js';
import { ApiError, fetchText, gql } from './api.js';

const TASKS = `query Tasks($communityId: ID!) {
  tasks(filter: { communityId: $communityId }, orderBy: { field: STARTS_AT, direction: DESC }, first: 30) {
    totalCount
    edges { node { id title kind state audience startsAt endsAt headcount claimed verificationCode skills { name } } }
  }
  skills { id name category { name } }
}`;
const CREATE = `mutation Create($input: CreateTaskInput!) { createTask(input: $input) { task { id title state } } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishTask(input: { taskId: $id }) { task { id title state verificationCode } } }`;
const COMPLETE = `mutation Complete($id: ID!) { completeTask(input: { taskId: $id }) { task { id title state } } }`;

const KINDS = { MICRO_SERVICE: '微服务', PROJECT: '实项目', LARGE_ACTIVITY: '大活动' };
const STATES = { DRAFT: '草稿', PUBLISHED: '已发布', IN_PROGRESS: '进行中', COMPLETED: '已完成', EVALUATED: '已评价', CANCELLED: '已取消' };

function tomorrowAt(hour) {
  const day = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

const nantong = (local) => (local.length === 16 ? local + ':00+08:00' : local + '+08:00');

export const Tasks = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const blank = () => ({ title: '', kind: 'MICRO_SERVICE', headcount: 2, difficulty: 1, startsAt: tomorrowAt(9), endsAt: tomorrowAt(11), skillId: '' });
    const state = reactive({ rows: [], total: null, skills: [], error: null, done: null, creating: false, form: blank(), busy: false,
      qr: null });

    async function load() {
      try {
        const data = await gql(TASKS, { communityId: props.viewer.communityId });
        state.rows = data.tasks.edges.map((e) => e.node);
        state.total = data.tasks.totalCount;
        state.skills = data.skills;
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(load);

    async function run(document, variables, what) {
      state.busy = true;
      state.error = null;
      try {
        const data = await gql(document, variables);
        await load(); // the message with the table that shows it
        state.done = what(data);
        return true;
      } catch (error) {
        state.error = error instanceof ApiError ? error : new ApiError('ERROR', String(error));
        return false;
      } finally {
        state.busy = false;
      }
    }

    async function create(event) {
      event.preventDefault();
      const f = state.form;
      const input = { communityId: props.viewer.communityId, title: f.title.trim(), kind: f.kind, difficulty: Number(f.difficulty),
        headcount: Number(f.headcount), startsAt: nantong(f.startsAt), endsAt: nantong(f.endsAt), skillIds: f.skillId ? [f.skillId] : [] };
      if (await run(CREATE, { input }, (d) => `已保存草稿「${d.createTask.task.title}」`)) {
        state.creating = false;
        state.form = blank();
      }
    }

    function input(label, key, attributes = {}) {
      const id = 'task-' + key;
      return h('span', { class: 'field' }, [h('label', { for: id }, label), h('input', {
        id, value: state.form[key], onInput: (event) => { state.form[key] = event.target.value; }, ...attributes })]);
    }

    function select(label, key, options) {
      const id = 'task-' + key;
      return h('span', { class: 'field' }, [h('label', { for: id }, label), h('select', {
        id, onChange: (event) => { state.form[key] = event.target.value; } },
      options.map(([value, text]) => h('option', { value, selected: state.form[key] === value }, text)))]);
    }

    function editor() {
      return h('form', { class: 'panel decide', onSubmit: create, 'aria-label': '新建任务' }, [
        input('任务名称', 'title', { maxlength: 100, required: true }),
        select('类型', 'kind', Object.entries(KINDS)),
        input('人数', 'headcount', { type: 'number', min: 1, max: 500 }),
        input('难度（1–5）', 'difficulty', { type: 'number', min: 1, max: 5 }),
        input('开始', 'startsAt', { type: 'datetime-local' }),
        input('结束', 'endsAt', { type: 'datetime-local' }),
        select('所需技能', 'skillId', [['', '— 请选择 —'], ...state.skills.map((s) => [s.id, `${s.category?.name ?? ''} · ${s.name}`])]),
        h('button', { type: 'submit', disabled: state.busy }, '保存草稿'),
        h('button', { type: 'button', class: 'link', onClick: () => { state.creating = false; } }, '取消'),
      ]);
    }

    // The SVG comes with the bearer token (an <img src> could not send it) and is shown as a data: URL: the page's
    // img-src already allows data: (its empty icon), so the policy needs no blob:; an <img> runs no script in it.
    async function showQr(task) {
      state.error = null;
      try {
        const svg = await fetchText(`/tasks/${encodeURIComponent(task.id)}/check-in-code.svg`);
        state.qr = { task, src: 'data:image/svg+xml;base64,' + btoa(svg) };
      } catch (error) {
        state.error = error;
      }
    }

    function qrPanel() {
      const { task, src } = state.qr;
      return h('section', { class: 'panel qr', 'aria-label': '签到二维码' }, [
        h('img', { src, alt: `「${task.title}」签到二维码`, width: 240, height: 240 }),
        h('div', [h('h2', task.title), h('p', ['签到核验码 ', h('strong', { class: 'code' }, task.verificationCode)]),
          h('p', { class: 'note' }, '组织者在现场出示此二维码，党员扫码或输入核验码签到、签退。'),
          h('button', { type: 'button', class: 'secondary', onClick: () => { state.qr = null; } }, '关闭')]),
      ]);
    }

    function actions(task) {
      const qr = task.verificationCode
        ? h('button', { type: 'button', class: 'secondary', onClick: () => showQr(task) }, '二维码') : null;
      if (task.state === 'PUBLISHED' && task.audience === 'MEMBERS' && task.claimed < task.headcount) {
        return h('span', { class: 'actions' }, [qr, h('a', { href: '#/matching?task=' + encodeURIComponent(task.id) }, '推荐党员')]);
      }
      if (task.state === 'DRAFT') {
        return h('button', { type: 'button', disabled: state.busy,
          onClick: () => run(PUBLISH, { id: task.id }, (d) => `已发布「${d.publishTask.task.title}」，签到核验码 ${d.publishTask.task.verificationCode}`) }, '发布');
      }
      if (task.state === 'IN_PROGRESS') {
        return h('span', { class: 'actions' }, [h('button', { type: 'button', class: 'secondary', disabled: state.busy,
          onClick: () => run(COMPLETE, { id: task.id }, (d) => `「${d.completeTask.task.title}」已完成，可以评价`) }, '完成'), qr]);
      }
      return qr;
    }

    return () => h('div', { class: 'tasks' }, [
      h('div', { class: 'heading' }, [h('h1', '任务'),
        h('span', { class: 'period' }, state.total == null ? '' : `共 ${state.total} 项`),
        h('div', { class: 'exports' }, h('button', { type: 'button', onClick: () => { state.creating = true; } }, '新建任务'))]),
      errorBox(state.error),
      state.done ? h('p', { class: 'done', 'aria-live': 'polite' }, state.done) : null,
      state.creating ? editor() : null,
      state.qr ? qrPanel() : null,
      table([
        { title: '任务', cell: (t) => t.title },
        { title: '类型', cell: (t) => KINDS[t.kind] ?? '应急任务' },
        { title: '状态', cell: (t) => STATES[t.state] },
        { title: '时间', cell: (t) => `${dateTime(t.startsAt)} 至 ${dateTime(t.endsAt)}` },
        { title: '名额', numeric: true, cell: (t) => `${t.claimed} / ${t.headcount}` },
        { title: '技能', cell: (t) => t.skills.map((s) => s.name).join('、') || '—' },
        { title: '核验码', cell: (t) => t.verificationCode ? h('strong', { class: 'code' }, t.verificationCode) : '—' },
        { title: '操作', cell: actions },
      ], state.rows, { label: '社区任务', empty: '还没有任务', key: (t) => t.id }),
    ]);
  },
});
