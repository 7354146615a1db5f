// 居民需求 (request inbox): the community's requests waiting for a decision (graphql/request.graphqls), overdue
// and urgent first, each with what the classifier reads in it — category, confidence, the skills and the words
// that led there (knowledge.graphqls). The secretary corrects the skills, accepts the request into a new draft
// task, merges it into an earlier one, or rejects it with a reason the resident reads.
import { dateTime, defineComponent, errorBox, h, onMounted, percent, reactive } from './ui.js';
import { attempt, gql } from './api.js';

const INBOX = `query Inbox($communityId: ID!) {
  requests(filter: { communityId: $communityId, state: SUBMITTED }, orderBy: { field: URGENCY, direction: DESC }, first: 50) {
    totalCount
    edges { node { id text urgency submittedAt preferredTo place { name } resident { name }
      neededSkills { id name }
      classification { classified confidence reason category { name } suggestedCategory { name }
        skills { skill { id name } words } } } }
  }
  skills { id name category { name } }
}`;
const CORRECT = `mutation Correct($id: ID!, $skillIds: [ID!]!) {
  correctRequestClassification(input: { requestId: $id, skillIds: $skillIds }) { request { id neededSkills { id name } } learnedWords }
}`;
const ACCEPT = `mutation Accept($id: ID!, $task: NewTaskInput!) {
  acceptRequest(input: { requestId: $id, newTask: $task }) { request { id state task { id title state } } }
}`;
const MERGE = `mutation Merge($id: ID!, $into: ID!) { mergeRequest(input: { requestId: $id, intoRequestId: $into }) { request { id state } } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectRequest(input: { requestId: $id, reason: $reason }) { request { id state } } }`;

const URGENCY = { URGENT: '紧急', HIGH: '较急', NORMAL: '一般', LOW: '不急' };
const RANK = { URGENT: 3, HIGH: 2, NORMAL: 1, LOW: 0 };
const KINDS = { MICRO_SERVICE: '微服务', PROJECT: '实项目', LARGE_ACTIVITY: '大活动' };

function overdue(request) {
  return request.preferredTo != null && new Date(request.preferredTo) < new Date();
}

/** Overdue first, then the more urgent, then the longer waiting. */
function byPriority(a, b) {
  return (overdue(b) - overdue(a)) || (RANK[b.urgency] - RANK[a.urgency]) || a.submittedAt.localeCompare(b.submittedAt);
}

/** A datetime-local field's value (Nantong time) as an ISO-8601 DateTime. */
function nantong(local) {
  return local.length === 16 ? local + ':00+08:00' : local + '+08:00';
}

function tomorrowAt(hour) {
  const day = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

export const Inbox = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const state = reactive({ rows: [], total: null, skills: [], error: null, done: [], open: null, form: {}, busy: false });

    async function load() {
      try {
        const data = await gql(INBOX, { communityId: props.viewer.communityId });
        state.rows = data.requests.edges.map((e) => e.node).sort(byPriority);
        state.total = data.requests.totalCount;
        state.skills = data.skills;
      } catch (error) {
        state.error = error;
      }
    }
    onMounted(load);

    function open(row, action) {
      state.error = null;
      state.open = { id: row.id, action };
      const skills = row.neededSkills.length ? row.neededSkills : row.classification.skills.map((m) => m.skill);
      state.form = {
        skillIds: skills.slice(0, 5).map((s) => s.id),
        title: row.text.slice(0, 20), kind: 'MICRO_SERVICE', headcount: 1, startsAt: tomorrowAt(9), endsAt: tomorrowAt(11),
        into: state.rows.find((r) => r.id !== row.id)?.id ?? '', reason: '',
      };
    }

    async function run(row, document, variables, what, keep = false) {
      await attempt(state, async () => {
        const data = await gql(document, variables);
        if (keep) { // the request stays in the inbox, with what the secretary said it needs
          Object.assign(row, data.correctRequestClassification.request);
        } else {
          state.rows = state.rows.filter((r) => r.id !== row.id);
          state.total -= 1;
        }
        state.done = [`${row.text.slice(0, 16)}…：${what(data)}`, ...state.done].slice(0, 5);
        state.open = null;
      });
    }

    function submit(row) {
      const f = state.form;
      switch (state.open.action) {
        case 'correct':
          return run(row, CORRECT, { id: row.id, skillIds: f.skillIds }, (d) => '已更正为 ' + d.correctRequestClassification.request.neededSkills.map((s) => s.name).join('、'), true);
        case 'accept':
          return run(row, ACCEPT, { id: row.id, task: {
            title: f.title.trim(), kind: f.kind, difficulty: 1, headcount: Number(f.headcount),
            startsAt: nantong(f.startsAt), endsAt: nantong(f.endsAt), skillIds: f.skillIds.length ? f.skillIds : null,
          } }, (d) => `已受理，生成任务草稿「${d.acceptRequest.request.task.title}」`);
        case 'merge':
          return run(row, MERGE, { id: row.id, into: f.into }, () => '已合并');
        default:
          return run(row, REJECT, { id: row.id, reason: f.reason.trim() }, () => '已驳回');
      }
    }

    function field(label, id, input) {
      return h('span', { class: 'field' }, [h('label', { for: id }, label), input]);
    }

    function bind(key, attributes = {}) {
      return { value: state.form[key], onInput: (event) => { state.form[key] = event.target.value; }, ...attributes };
    }

    function form(row) {
      const id = (name) => `${name}-${row.id}`;
      const action = state.open.action;
      let fields;
      if (action === 'correct') {
        fields = [field('所需技能（1–5项，按住 Ctrl 多选）', id('skills'), h('select', {
          id: id('skills'), multiple: true, size: 6,
          onChange: (event) => { state.form.skillIds = [...event.target.selectedOptions].map((o) => o.value); },
        }, state.skills.map((s) => h('option', { value: s.id, selected: state.form.skillIds.includes(s.id) },
          `${s.category?.name ?? ''} · ${s.name}`))))];
      } else if (action === 'accept') {
        fields = [
          field('任务名称', id('title'), h('input', bind('title', { id: id('title'), maxlength: 100 }))),
          field('类型', id('kind'), h('select', bind('kind', { id: id('kind'), onChange: (e) => { state.form.kind = e.target.value; } }),
            Object.entries(KINDS).map(([value, label]) => h('option', { value, selected: state.form.kind === value }, label)))),
          field('人数', id('headcount'), h('input', bind('headcount', { id: id('headcount'), type: 'number', min: 1, max: 50 }))),
          field('开始', id('starts'), h('input', bind('startsAt', { id: id('starts'), type: 'datetime-local' }))),
          field('结束', id('ends'), h('input', bind('endsAt', { id: id('ends'), type: 'datetime-local' }))),
        ];
      } else if (action === 'merge') {
        fields = [field('合并到', id('into'), h('select', { id: id('into'), onChange: (e) => { state.form.into = e.target.value; } },
          state.rows.filter((r) => r.id !== row.id).map((r) => h('option', { value: r.id, selected: state.form.into === r.id },
            `${r.resident.name}：${r.text.slice(0, 24)}`))))];
      } else {
        fields = [field('驳回理由', id('reason'), h('input', bind('reason', { id: id('reason'), maxlength: 200, placeholder: '居民可见，2–200 字' })))];
      }
      const labels = { correct: '保存分类', accept: '受理', merge: '合并', reject: '确认驳回' };
      return h('form', { class: 'decide', onSubmit: (event) => { event.preventDefault(); submit(row); } }, [
        ...fields,
        h('button', { type: 'submit', disabled: state.busy }, labels[action]),
        h('button', { type: 'button', class: 'link', onClick: () => { state.open = null; } }, '取消'),
      ]);
    }

    function classification(row) {
      const c = row.classification;
      const category = c.category ? c.category.name : `未分类${c.suggestedCategory ? '（建议：' + c.suggestedCategory.name + '）' : ''}`;
      return h('div', { class: 'classification' }, [
        h('span', { class: 'category' }, `${category} · 置信度 ${percent(c.confidence)}`),
        h('ul', { class: 'skills' }, c.skills.map((m) => h('li', { key: m.skill.id },
          [m.skill.name, m.words.length ? h('small', `（${m.words.join('、')}）`) : null]))),
        // the classifier's skills when it was sure as the request was posted, else a secretary's correction
        row.neededSkills.length ? h('div', { class: 'needed' }, '所需技能：' + row.neededSkills.map((s) => s.name).join('、')) : null,
        h('div', { class: 'reason' }, c.reason),
      ]);
    }

    function card(row) {
      const late = overdue(row);
      return h('article', { class: 'request', key: row.id, 'data-request': row.id }, [
        h('header', [
          h('span', { class: 'tag urgency-' + row.urgency.toLowerCase() }, URGENCY[row.urgency]),
          late ? h('span', { class: 'tag overdue' }, '已逾期') : null,
          h('strong', row.resident.name), h('span', row.place.name), h('span', { class: 'when' }, dateTime(row.submittedAt)),
        ]),
        h('p', { class: 'text' }, row.text),
        classification(row),
        state.open?.id === row.id ? form(row) : h('div', { class: 'actions' }, [
          h('button', { type: 'button', disabled: state.busy, onClick: () => open(row, 'accept') }, '受理为任务'),
          h('button', { type: 'button', class: 'secondary', disabled: state.busy, onClick: () => open(row, 'correct') }, '更正分类'),
          h('button', { type: 'button', class: 'secondary', disabled: state.busy || state.rows.length < 2, onClick: () => open(row, 'merge') }, '合并'),
          h('button', { type: 'button', class: 'secondary', disabled: state.busy, onClick: () => open(row, 'reject') }, '驳回'),
        ]),
      ]);
    }

    return () => h('div', { class: 'inbox' }, [
      h('div', { class: 'heading' }, [h('h1', '居民需求'),
        h('span', { class: 'period' }, state.total == null ? '' : `待受理 ${state.total} 件（逾期、紧急优先）`)]),
      errorBox(state.error),
      state.done.length ? h('ul', { class: 'done', 'aria-live': 'polite' }, state.done.map((line) => h('li', line))) : null,
      state.total === 0 ? h('p', { class: 'note' }, '没有待受理的需求') : null,
      h('div', { class: 'requests' }, state.rows.map(card)),
    ]);
  },
});
