// What the evaluation desk records (graphql/evaluation.graphqls): an interview (约谈记录) of a member on the year's
// interview list and its follow-up (跟进); a negative-list entry (负面清单) for a member registered with the community;
// a joint meeting (联席会议) with the hard problems raised, each owned by an organisation. Each form says what it
// saved through `saved` (the desk then reads its lists again) and shows the service's refusal in place.
import { defineComponent, errorBox, h, onBeforeUnmount, onMounted, reactive } from './ui.js';
import { attempt, gql } from './api.js';

const RECORD_INTERVIEW = `mutation Interview($input: RecordInterviewInput!) { recordInterview(input: $input) { interview { id } } }`;
const FOLLOW_UP = `mutation FollowUp($id: ID!, $notes: String!) {
  completeInterviewFollowUp(input: { interviewId: $id, notes: $notes }) { interview { id followUpDone } }
}`;
const MEMBERS = `query Members($communityId: ID!, $search: String!) {
  members(filter: { communityId: $communityId, search: $search }, first: 8) { edges { node { id name } } }
}`;
const ADD_NEGATIVE = `mutation Negative($input: NegativeListInput!) { addNegativeListEntry(input: $input) { entry { id } } }`;
const OWNERS = `query Owners($communityId: ID!) {
  community(id: $communityId) { id name functionalBranch { id name groups { id name } } }
  units(filter: { communityId: $communityId }, first: 50) { edges { node { id name } } }
}`;
const RECORD_MEETING = `mutation Meeting($input: RecordJointMeetingInput!) { recordJointMeeting(input: $input) { meeting { id title } } }`;

export const OUTCOMES = { NO_ACTION: '无需处理', REMINDER: '提醒谈话', IMPROVEMENT_PLAN: '限期整改', WARNING: '批评教育', REFERRED: '移交党组织处理' };

/** Today in Nantong, as a date input's value. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A labelled field bound to one key of a form's state. */
function field(form, label, key, attributes = {}, tag = 'input') {
  return h('label', { class: 'field' }, [h('span', label), h(tag, { value: form[key] ?? '', 'aria-label': label,
    onInput: (event) => { form[key] = event.target.value; }, ...attributes })]);
}

function choice(form, label, key, options) {
  return h('label', { class: 'field' }, [h('span', label), h('select', { 'aria-label': label,
    onChange: (event) => { form[key] = event.target.value; } },
  options.map(([value, text]) => h('option', { value, selected: form[key] === value }, text)))]);
}

/** 约谈记录 of one member on the interview list. */
export const InterviewForm = defineComponent({
  props: { standing: { type: Object, required: true }, year: { type: Number, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const state = reactive({ form: { heldOn: today(), interviewer: '', outcome: 'REMINDER', notes: '', followUpOn: '' }, error: null, busy: false });
    async function save(event) {
      event.preventDefault();
      const f = state.form;
      const input = { memberId: props.standing.member.id, year: props.year, heldOn: f.heldOn, interviewer: f.interviewer.trim(),
        outcome: f.outcome, notes: f.notes.trim(), followUpOn: f.followUpOn || null };
      if (await attempt(state, () => gql(RECORD_INTERVIEW, { input }))) {
        emit('saved', `已记录 ${props.standing.member.name} 的约谈（${OUTCOMES[f.outcome]}）`);
      }
    }
    return () => h('form', { class: 'record', 'aria-label': '约谈记录', onSubmit: save }, [
      field(state.form, '约谈日期', 'heldOn', { type: 'date', max: today(), required: true }),
      field(state.form, '约谈人', 'interviewer', { maxlength: 100, placeholder: '如：单位党委书记 王某', required: true }),
      choice(state.form, '约谈结果', 'outcome', Object.entries(OUTCOMES)),
      field(state.form, '跟进日期', 'followUpOn', { type: 'date', min: state.form.heldOn }),
      field(state.form, '约谈记录', 'notes', { maxlength: 2000, rows: 3, required: true }, 'textarea'),
      errorBox(state.error),
      h('span', { class: 'actions' }, [h('button', { type: 'submit', disabled: state.busy }, '保存约谈记录'),
        h('button', { type: 'button', class: 'link', onClick: () => emit('close') }, '取消')]),
    ]);
  },
});

/** 跟进情况 of an interview with a follow-up date. */
export const FollowUpForm = defineComponent({
  props: { interview: { type: Object, required: true }, name: { type: String, required: true } },
  emits: ['saved'],
  setup(props, { emit }) {
    const state = reactive({ form: { notes: '' }, error: null, busy: false });
    async function save(event) {
      event.preventDefault();
      if (await attempt(state, () => gql(FOLLOW_UP, { id: props.interview.id, notes: state.form.notes.trim() }))) {
        emit('saved', `已记录 ${props.name} 的跟进情况`);
      }
    }
    return () => h('form', { class: 'reject', onSubmit: save }, [
      h('input', { 'aria-label': '跟进情况', placeholder: '跟进情况', maxlength: 2000, value: state.form.notes,
        onInput: (event) => { state.form.notes = event.target.value; } }),
      h('button', { type: 'submit', class: 'secondary', disabled: state.busy }, '跟进完成'),
      errorBox(state.error),
    ]);
  },
});

/** A negative-list entry: the member found by name among those living in the community, and the reason. */
export const NegativeEntryForm = defineComponent({
  props: { communityId: { type: String, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const state = reactive({ form: { search: '', memberId: '', reason: '' }, found: [], error: null, busy: false });
    let timer = null;
    function search(event) {
      state.form.search = event.target.value;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const text = state.form.search.trim();
        state.found = text ? (await gql(MEMBERS, { communityId: props.communityId, search: text }).catch(() => null))
          ?.members.edges.map((e) => e.node) ?? [] : [];
        state.form.memberId = state.found[0]?.id ?? '';
      }, 300);
    }
    onBeforeUnmount(() => clearTimeout(timer));
    async function save(event) {
      event.preventDefault();
      const member = state.found.find((m) => m.id === state.form.memberId);
      const input = { memberId: state.form.memberId, communityId: props.communityId, reason: state.form.reason.trim() };
      if (await attempt(state, () => gql(ADD_NEGATIVE, { input }))) {
        emit('saved', `已将 ${member?.name ?? ''} 记入负面清单`);
      }
    }
    return () => h('form', { class: 'record', 'aria-label': '记入负面清单', onSubmit: save }, [
      h('label', { class: 'field' }, [h('span', '党员姓名'), h('input', { 'aria-label': '党员姓名', value: state.form.search,
        placeholder: '输入姓名查找', onInput: search })]),
      choice(state.form, '党员', 'memberId', state.found.length ? state.found.map((m) => [m.id, m.name]) : [['', '— 先输入姓名 —']]),
      field(state.form, '情形', 'reason', { maxlength: 500, placeholder: '负面清单所列情形（2–500字）', required: true }),
      errorBox(state.error),
      h('span', { class: 'actions' }, [h('button', { type: 'submit', disabled: state.busy || !state.form.memberId }, '确认记入'),
        h('button', { type: 'button', class: 'link', onClick: () => emit('close') }, '取消')]),
    ]);
  },
});

/** A joint meeting and its problems, each owned by the community, its functional branch or groups, or a unit of it. */
export const MeetingForm = defineComponent({
  props: { communityId: { type: String, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const state = reactive({ form: { title: '', heldOn: today() }, problems: [{ description: '', ownerId: '' }], owners: [],
      error: null, busy: false });
    onMounted(() => attempt(state, async () => {
      const data = await gql(OWNERS, { communityId: props.communityId });
      const branch = data.community?.functionalBranch;
      state.owners = [[data.community.id, data.community.name],
        ...(branch ? [[branch.id, branch.name], ...branch.groups.map((g) => [g.id, g.name])] : []),
        ...data.units.edges.map((e) => [e.node.id, e.node.name])];
      state.problems.forEach((p) => { p.ownerId ||= state.owners[0][0]; });
    }));
    async function save(event) {
      event.preventDefault();
      const input = { communityId: props.communityId, title: state.form.title.trim(), heldOn: state.form.heldOn,
        problems: state.problems.map((p) => ({ description: p.description.trim(), ownerId: p.ownerId })) };
      const data = await attempt(state, () => gql(RECORD_MEETING, { input }));
      if (data) {
        emit('saved', `已记录联席会议「${data.recordJointMeeting.meeting.title}」（${input.problems.length} 个问题）`);
      }
    }
    const problem = (p, i) => h('div', { class: 'problem-row' }, [
      field(p, `问题 ${i + 1}`, 'description', { maxlength: 500, required: true }),
      choice(p, `问题 ${i + 1} 责任单位`, 'ownerId', state.owners),
      state.problems.length > 1 ? h('button', { type: 'button', class: 'link', onClick: () => state.problems.splice(i, 1) }, '删除') : null,
    ]);
    return () => h('form', { class: 'record', 'aria-label': '记录联席会议', onSubmit: save }, [
      field(state.form, '会议名称', 'title', { maxlength: 100, required: true }),
      field(state.form, '召开日期', 'heldOn', { type: 'date', max: today(), required: true }),
      ...state.problems.map(problem),
      h('button', { type: 'button', class: 'secondary', disabled: state.problems.length >= 50,
        onClick: () => state.problems.push({ description: '', ownerId: state.owners[0]?.[0] ?? '' }) }, '增加问题'),
      errorBox(state.error),
      h('span', { class: 'actions' }, [h('button', { type: 'submit', disabled: state.busy }, '保存会议记录'),
        h('button', { type: 'button', class: 'link', onClick: () => emit('close') }, '取消')]),
    ]);
  },
});
