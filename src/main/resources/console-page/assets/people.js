// 党员 and 居民 (graphql/member.graphqls): the members living in a community and its residents, searchable, a page of
// 20 at a time with the list's total; a member's profile (profile.js) and a resident's requests. A secretary sees
// their community; a street administrator picks one of the street's communities. The unit secretary's report is in
// unit.js, exported from here so that console.js imports one module.
import { computed, dateTime, defineComponent, errorBox, h, number, onMounted, percent, reactive, table } from './ui.js';
import { gql } from './api.js';
import { communityPlaces, pager, pagingBar, streetCommunities, turned } from './places.js';
import { Profile, REGISTRATION } from './profile.js';

export { UnitReport } from './unit.js';

const PAGE = 20;
const MEMBERS = `query Members($filter: MemberFilter, $orderBy: MemberOrder, $after: String) {
  members(filter: $filter, orderBy: $orderBy, first: ${PAGE}, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name unit { name } residence { name } skills { skill { name } source }
      registration { state } serviceHours(period: YEAR) { hours } satisfaction { rate ratings } } }
  }
}`;
const RESIDENTS = `query Residents($filter: ResidentFilter!, $orderBy: ResidentOrder, $after: String) {
  residents(filter: $filter, orderBy: $orderBy, first: ${PAGE}, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name phone residence { id name } } }
  }
}`;
const REQUESTS = `query Requests($id: ID!) { resident(id: $id) { id name
  requests(first: 20) { edges { node { id text urgency state submittedAt rejectReason task { title startsAt } } } } } }`;
const SKILLS = `{ skills { id name } }`;

const URGENCY = { URGENT: '紧急', HIGH: '较急', NORMAL: '一般', LOW: '不急' };
const REQUEST_STATE = { SUBMITTED: '待受理', ACCEPTED: '已受理', MERGED: '已合并', REJECTED: '未受理', RESOLVED: '已解决' };
const ORDERS = {
  members: [['NAME:ASC', '姓名 ↑'], ['NAME:DESC', '姓名 ↓'], ['ID:ASC', '编号 ↑'], ['ID:DESC', '编号 ↓']],
  residents: [['BUILDING:ASC', '楼栋 ↑'], ['BUILDING:DESC', '楼栋 ↓'], ['NAME:ASC', '姓名 ↑'], ['NAME:DESC', '姓名 ↓']],
};

function order(value) {
  const [field, direction] = value.split(':');
  return { field, direction };
}

/** The community, its grids and buildings, and (for a street administrator) the street's communities to pick. */
function usePlace(props, reload) {
  const place = reactive({ communityId: props.viewer.communityId ?? null, places: null, street: null, error: null });
  let picked = 0;
  async function pick(communityId) {
    const ticket = ++picked; // a community picked while the previous one still loads: the last pick wins
    place.communityId = communityId;
    const places = await communityPlaces(communityId);
    if (ticket !== picked) {
      return;
    }
    place.places = places;
    await reload();
  }
  async function start() {
    try {
      if (!place.communityId && props.viewer.streetId) {
        place.street = await streetCommunities(props.viewer.streetId);
        place.communityId = props.query?.community ?? place.street.communities[0]?.id;
      }
      await pick(place.communityId);
    } catch (error) {
      place.error = error;
    }
  }
  function picker() {
    return place.street ? h('label', { class: 'field' }, ['社区', h('select', {
      name: 'community', value: place.communityId, onChange: (event) => pick(event.target.value).catch((error) => { place.error = error; }),
    }, place.street.communities.map((c) => h('option', { value: c.id }, c.name)))]) : null;
  }
  return { place, start, picker };
}

/**
 * Turns to a page of a list: \`fetch(after)\` answers the connection. When filters change quickly only the latest
 * answer is shown (an earlier one arriving late is dropped).
 */
function pagedList(state, fetch) {
  let seq = 0;
  return async function go(page) {
    state.error = null;
    state.loading = true;
    const ticket = ++seq;
    try {
      const connection = await fetch(state.paging.cursors[page]);
      if (ticket !== seq) {
        return;
      }
      state.rows = connection.edges.map((e) => e.node);
      turned(state.paging, page, connection);
    } catch (error) {
      state.error = error;
    } finally {
      state.loading = ticket !== seq;
    }
  };
}

/** A list's filters: the community picker (a street administrator's), a name search, then the list's own selects. */
function searchForm(state, go, picker, selects) {
  return h('form', { class: 'filters', role: 'search', onSubmit: (event) => { event.preventDefault(); go(0); } }, [
    picker(),
    h('label', { class: 'field' }, ['姓名', h('input', { type: 'search', value: state.search, maxlength: 50, placeholder: '姓名或姓',
      onInput: (event) => { state.search = event.target.value; } })]),
    h('button', { type: 'submit' }, '查询'),
    ...selects,
  ]);
}

const select = (label, value, options, onChange, name) => h('label', { class: 'field' }, [label, h('select', {
  name, value, onChange: (event) => onChange(event.target.value),
}, options.map(([v, text]) => h('option', { value: v }, text)))]);

export const Members = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const state = reactive({ rows: [], paging: pager(PAGE), error: null, skills: [], loading: false,
      search: '', skillId: '', gridId: '', registrationState: '', order: 'NAME:ASC' });
    const { place, start, picker } = usePlace(props, () => go(0));
    const go = pagedList(state, async (after) => {
      const filter = { communityId: place.communityId, search: state.search.trim() || null, skillId: state.skillId || null,
        gridId: state.gridId || null, registrationState: state.registrationState || null };
      return (await gql(MEMBERS, { filter, orderBy: order(state.order), after })).members;
    });
    onMounted(async () => {
      gql(SKILLS).then((data) => { state.skills = data.skills; }).catch((error) => { state.error = error; });
      await start();
    });
    const change = (key) => (value) => { state[key] = value; go(0); };
    const grids = computed(() => place.places?.grids ?? []);

    function filters() {
      return searchForm(state, go, picker, [
        select('网格', state.gridId, [['', '全部网格'], ...grids.value.map((g) => [g.id, g.name])], change('gridId'), 'grid'),
        select('技能', state.skillId, [['', '全部技能'], ...state.skills.map((s) => [s.id, s.name])], change('skillId'), 'skill'),
        select('报到', state.registrationState, [['', '全部'], ...Object.entries(REGISTRATION)], change('registrationState'), 'registration'),
        select('排序', state.order, ORDERS.members, change('order'), 'order'),
      ]);
    }

    const profileHref = (m) => `#/members?member=${encodeURIComponent(m.id)}` + (place.street ? `&community=${place.communityId}` : '');
    return () => {
      if (props.query?.member) {
        return h(Profile, { memberId: props.query.member,
          back: { href: '#/members' + (place.street ? `?community=${place.communityId}` : ''), text: '党员名单' } });
      }
      return h('div', { class: 'people members', 'aria-busy': state.loading ? 'true' : 'false' }, [
        h('div', { class: 'heading' }, [h('h1', `${place.places?.name ?? ''} · 党员`)]),
        errorBox(place.error ?? state.error),
        filters(),
        table([
          { title: '姓名', cell: (m) => h('a', { href: profileHref(m) }, m.name) },
          { title: '工作单位', cell: (m) => m.unit.name },
          { title: '居住楼栋', cell: (m) => m.residence.name },
          { title: '技能', cell: (m) => m.skills.map((s) => s.skill.name).join('、') },
          { title: '报到', cell: (m) => REGISTRATION[m.registration?.state] ?? '未报到' },
          { title: '本年时长（小时）', numeric: true, cell: (m) => number(m.serviceHours.hours, 2) },
          { title: '满意率', numeric: true, cell: (m) => m.satisfaction.ratings ? percent(m.satisfaction.rate) : '—' },
        ], state.rows, { label: '党员名单', empty: '没有符合条件的党员', key: (m) => m.id }),
        pagingBar(state.paging, state.rows.length, go, '党员名单'),
      ]);
    };
  },
});

export const Residents = defineComponent({
  props: { viewer: { type: Object, required: true }, query: Object },
  setup(props) {
    const state = reactive({ rows: [], paging: pager(PAGE), error: null, loading: false, search: '', gridId: '',
      buildingId: '', order: 'BUILDING:ASC', resident: null });
    const { place, start, picker } = usePlace(props, () => { state.gridId = ''; state.buildingId = ''; return go(0); });
    const go = pagedList(state, async (after) => {
      const filter = { communityId: place.communityId, gridId: state.gridId || null, buildingId: state.buildingId || null,
        search: state.search.trim() || null };
      return (await gql(RESIDENTS, { filter, orderBy: order(state.order), after })).residents;
    });
    onMounted(start);
    async function open(resident) {
      state.error = null;
      try {
        state.resident = (await gql(REQUESTS, { id: resident.id })).resident;
      } catch (error) {
        state.error = error;
      }
    }
    const grids = computed(() => place.places?.grids ?? []);
    const buildings = computed(() => grids.value.filter((g) => !state.gridId || g.id === state.gridId).flatMap((g) => g.buildings));

    function filters() {
      return searchForm(state, go, picker, [
        select('网格', state.gridId, [['', '全部网格'], ...grids.value.map((g) => [g.id, g.name])],
          (value) => { state.gridId = value; state.buildingId = ''; go(0); }, 'grid'),
        select('楼栋', state.buildingId, [['', '全部楼栋'], ...buildings.value.map((b) => [b.id, b.name])],
          (value) => { state.buildingId = value; go(0); }, 'building'),
        select('排序', state.order, ORDERS.residents, (value) => { state.order = value; go(0); }, 'order'),
      ]);
    }

    function requests(resident) {
      return h('section', { class: 'panel', 'aria-label': '居民需求' }, [
        h('h2', `${resident.name} 的需求`),
        table([
          { title: '需求', cell: (r) => r.text },
          { title: '紧急程度', cell: (r) => URGENCY[r.urgency] ?? r.urgency },
          { title: '状态', cell: (r) => REQUEST_STATE[r.state] ?? r.state },
          { title: '提交', cell: (r) => dateTime(r.submittedAt) },
          { title: '处理', cell: (r) => r.task ? `${r.task.title}（${dateTime(r.task.startsAt)}）` : r.rejectReason ?? '' },
        ], resident.requests.edges.map((e) => e.node), { label: '居民需求', empty: '该居民暂无需求', key: (r) => r.id }),
      ]);
    }

    return () => h('div', { class: 'people residents', 'aria-busy': state.loading ? 'true' : 'false' }, [
      h('div', { class: 'heading' }, [h('h1', `${place.places?.name ?? ''} · 居民`)]),
      errorBox(place.error ?? state.error),
      filters(),
      table([
        { title: '姓名', cell: (r) => h('button', { type: 'button', class: 'link', onClick: () => open(r) }, r.name) },
        { title: '楼栋', cell: (r) => r.residence.name },
        { title: '手机', cell: (r) => r.phone },
      ], state.rows, { label: '居民名单', empty: '没有符合条件的居民', key: (r) => r.id }),
      pagingBar(state.paging, state.rows.length, go, '居民名单'),
      state.resident ? requests(state.resident) : null,
    ]);
  },
});
