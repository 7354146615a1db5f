// 任务 (task editor): the community's tasks, latest start first; a new task (individual members, skills from the
// reference list); edit a draft in every field, a published task in title, description and headcount (what the
// API allows once members have claimed it); publish a draft — the check-in code the organiser gives members on the
// spot is shown then, and as a QR code for the organiser's phone (the service draws it:
// /tasks/{id}/check-in-code.svg, behind the token); complete a task under way; cancel one with a reason
// (graphql/task.graphqls).
import { dateTime, defineComponent, errorBox, h, onMounted, reactive, table } from './ui.js';
import { attempt, fetchText, gql } from './api.js';

const TASKS = `query Tasks($communityId: ID!) {
  tasks(filter: { communityId: $communityId }, orderBy: { field: STARTS_AT, direction: DESC }, first: 30) {
    totalCount
    edges { node { id title description kind state audience difficulty startsAt endsAt headcount claimed verificationCode skills { id name } } }
  }
  skills { id name category { name } }
}`;
const CREATE = `mutation Create($input: CreateTaskInput!) { createTask(input: $input) { task { id title state } } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishTask(input: { taskId: $id }) { task { id title state verificationCode } } }`;
const COMPLETE = `mutation Complete($id: ID!) { completeTask(input: { taskId: $id }) { task { id title state } } }`;
const UPDATE = `mutation Update($input: UpdateTaskInput!) { updateTask(input: $input) { task { id title state } } }`;
const CANCEL = `mutation Cancel($id: ID!, $reason: String!) { cancelTask(input: { taskId: $id, reason: $reason }) { task { id title state } } }`;

const KINDS = { MICRO_SERVICE: '微服务', PROJECT: '实项目', LARGE_ACTIVITY: '大活动' };
const STATES = { DRAFT: '草稿', PUBLISHED: '已发布', IN_PROGRESS: '进行中', COMPLETED: '已完成', EVALUATED: '已评价', CANCELLED: '已取消' };

function tomorrowAt(hour) {
  const day = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

const nantong = (local) => (local.length === 16 ? local + ':00+08:00' : local + '+08:00');
/** An instant as the datetime-local value a person in Nantong would type. */
const local = (instant) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 16);
const CANCELLABLE = ['DRAFT', 'PUBLISHED', 'IN_PROGRESS'];

export const Tasks = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const blank = () => ({ title: '', description: '', kind: 'MICRO_SERVICE', headcount: 2, difficulty: 1, startsAt: tomorrowAt(9),
      endsAt: tomorrowAt(11), skillId: '' });
    // editing: the task whose form is open (null: a new task); cancelling: the task whose reason is being typed
    const state = reactive({ rows: [], total: null, skills: [], error: null, done: null, creating: false, editing: null,
      form: blank(), cancelling: null, reason: '', busy: false, qr: null });

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
      return await attempt(state, async () => {
        const data = await gql(document, variables);
        await load(); // the message with the table that shows it
        state.done = what(data);
        return true;
      }) ?? false;
    }

    async function save(event) {
      event.preventDefault();
      const f = state.form;
      const task = state.editing;
      const saved = task ? await run(UPDATE, { input: changes(task, f) }, (d) => `已保存「${d.updateTask.task.title}」`)
        : await run(CREATE, { input: { communityId: props.viewer.communityId, title: f.title.trim(), description: f.description.trim() || null,
          kind: f.kind, difficulty: Number(f.difficulty), headcount: Number(f.headcount), startsAt: nantong(f.startsAt),
          endsAt: nantong(f.endsAt), skillIds: f.skillId ? [f.skillId] : [] } }, (d) => `已保存草稿「${d.createTask.task.title}」`);
      if (saved) {
        closeEditor();
      }
    }

    /** What the form changed, and only what the task's state lets change (a published task: title, description, headcount). */
    function changes(task, f) {
      const input = { id: task.id, title: f.title.trim(), description: f.description.trim() || null, headcount: Number(f.headcount) };
      if (task.state === 'DRAFT') {
        Object.assign(input, { difficulty: Number(f.difficulty), startsAt: nantong(f.startsAt), endsAt: nantong(f.endsAt) });
        if (f.skillId && f.skillId !== task.skills[0]?.id) {
          input.skillIds = [f.skillId];
        }
      }
      return input;
    }

    function edit(task) {
      state.editing = task;
      state.creating = true;
      state.form = { title: task.title, description: task.description ?? '', kind: task.kind, headcount: task.headcount,
        difficulty: task.difficulty, startsAt: local(task.startsAt), endsAt: local(task.endsAt), skillId: task.skills[0]?.id ?? '' };
    }

    function closeEditor() {
      state.creating = false;
      state.editing = null;
      state.form = blank();
    }

    async function cancel(task) {
      if (await run(CANCEL, { id: task.id, reason: state.reason.trim() }, (d) => `已取消「${d.cancelTask.task.title}」，已认领的名额已释放`)) {
        state.cancelling = null;
        state.reason = '';
      }
    }

    function input(label, key, attributes = {}) {
      const id = 'task-' + key;
      return h('span', { class: 'field' }, [h('label', { for: id }, label), h('input', {
        id, value: state.form[key], onInput: (event) => { state.form[key] = event.target.value; }, ...attributes })]);
    }

    function select(label, key, options, attributes = {}) {
      const id = 'task-' + key;
      return h('span', { class: 'field' }, [h('label', { for: id }, label), h('select', {
        id, onChange: (event) => { state.form[key] = event.target.value; }, ...attributes },
      options.map(([value, text]) => h('option', { value, selected: state.form[key] === value }, text)))]);
    }

    function editor() {
      const task = state.editing;
      const fixed = task && task.state !== 'DRAFT' ? { disabled: true } : {}; // members claimed it on these
      return h('form', { class: 'panel decide', onSubmit: save, 'aria-label': task ? '修改任务' : '新建任务' }, [
        input('任务名称', 'title', { maxlength: 100, required: true }),
        select('类型', 'kind', Object.entries(KINDS), task ? { disabled: true } : {}),
        input('人数', 'headcount', { type: 'number', min: Math.max(1, task?.claimed ?? 1), max: 500 }),
        input('难度（1–5）', 'difficulty', { type: 'number', min: 1, max: 5, ...fixed }),
        input('开始', 'startsAt', { type: 'datetime-local', ...fixed }),
        input('结束', 'endsAt', { type: 'datetime-local', ...fixed }),
        select('所需技能', 'skillId', [['', '— 请选择 —'], ...state.skills.map((s) => [s.id, `${s.category?.name ?? ''} · ${s.name}`])], fixed),
        input('说明', 'description', { maxlength: 2000 }),
        fixed.disabled ? h('p', { class: 'note' }, '任务已发布：只能修改名称、说明和人数（不少于已认领人数）；其他内容请取消后重新发布。') : null,
        h('button', { type: 'submit', disabled: state.busy }, task ? '保存修改' : '保存草稿'),
        h('button', { type: 'button', class: 'link', onClick: closeEditor }, '取消'),
      ]);
    }

    function cancelForm(task) {
      return h('form', { class: 'reject', onSubmit: (event) => { event.preventDefault(); cancel(task); } }, [
        h('input', { 'aria-label': '取消原因', placeholder: '取消原因（2–200字）', value: state.reason, maxlength: 200,
          onInput: (event) => { state.reason = event.target.value; } }),
        h('button', { type: 'submit', disabled: state.busy }, '确认取消'),
        h('button', { type: 'button', class: 'link', onClick: () => { state.cancelling = null; } }, '返回'),
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
      if (state.cancelling === task.id) {
        return cancelForm(task);
      }
      const button = (text, onClick, kind = 'secondary') => h('button', { type: 'button', class: kind, disabled: state.busy, onClick }, text);
      return h('span', { class: 'actions' }, [
        task.state === 'DRAFT' ? button('发布', () => run(PUBLISH, { id: task.id },
          (d) => `已发布「${d.publishTask.task.title}」，签到核验码 ${d.publishTask.task.verificationCode}`), null) : null,
        task.state === 'IN_PROGRESS' ? button('完成', () => run(COMPLETE, { id: task.id }, (d) => `「${d.completeTask.task.title}」已完成，可以评价`)) : null,
        task.verificationCode ? button('二维码', () => showQr(task)) : null,
        task.state === 'PUBLISHED' && task.audience === 'MEMBERS' && task.claimed < task.headcount
          ? h('a', { href: '#/matching?task=' + encodeURIComponent(task.id) }, '推荐党员') : null,
        task.state === 'DRAFT' || task.state === 'PUBLISHED' ? button('修改', () => edit(task)) : null,
        CANCELLABLE.includes(task.state) ? button('取消任务', () => { state.cancelling = task.id; state.reason = ''; }) : null,
      ]);
    }

    return () => h('div', { class: 'tasks' }, [
      h('div', { class: 'heading' }, [h('h1', '任务'),
        h('span', { class: 'period' }, state.total == null ? '' : `共 ${state.total} 项`),
        h('div', { class: 'exports' }, h('button', { type: 'button', onClick: () => { closeEditor(); state.creating = true; } }, '新建任务'))]),
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
