// 通通在工作台 for secretaries (/console/): sign-in, a navigation that shows each role only its screens, and the
// screens themselves, routed by the address's hash (#/dashboard?scope=COMMUNITY&id=…).
import { computed, createApp, defineComponent, h, onMounted, reactive } from './ui.js';
import { session, signOut } from './api.js';
import { SignIn } from './signin.js';
import { endProviderSession } from './oidc.js';
import { Dashboard } from './dashboard.js';
import { Registrations } from './registrations.js';
import { Inbox } from './inbox.js';
import { Tasks } from './tasks.js';
import { Matching } from './matching.js';
import { Emergency } from './emergency.js';
import { Evaluation } from './evaluation.js';
import { Members, Residents, UnitReport } from './people.js';

const SECRETARIES = ['COMMUNITY_SECRETARY', 'FIRST_SECRETARY'];

/** Each screen and who sees it; the API decides what they may read and do, this only keeps menus honest. */
export const SCREENS = [
  { path: 'dashboard', title: '工作概览', roles: [...SECRETARIES, 'STREET_ADMIN', 'CITY_ADMIN', 'ANALYST'], component: Dashboard },
  { path: 'inbox', title: '居民需求', roles: SECRETARIES, component: Inbox },
  { path: 'tasks', title: '任务', roles: SECRETARIES, component: Tasks },
  { path: 'matching', title: '智能匹配', roles: SECRETARIES, component: Matching },
  { path: 'emergency', title: '应急动员', roles: SECRETARIES, component: Emergency },
  { path: 'evaluation', title: '评价与约谈', roles: SECRETARIES, component: Evaluation },
  { path: 'registrations', title: '报到审核', roles: SECRETARIES, component: Registrations },
  { path: 'members', title: '党员', roles: [...SECRETARIES, 'STREET_ADMIN'], component: Members },
  { path: 'residents', title: '居民', roles: [...SECRETARIES, 'STREET_ADMIN'], component: Residents },
  { path: 'unit', title: '报回单位', roles: ['UNIT_SECRETARY'], component: UnitReport },
];

const CONSOLE_ROLES = [...SECRETARIES, 'STREET_ADMIN', 'CITY_ADMIN', 'ANALYST', 'UNIT_SECRETARY'];

function parseHash() {
  const [path, search] = window.location.hash.replace(/^#\/?/, '').split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search ?? '')) };
}

const App = defineComponent({
  setup() {
    const state = reactive({ session: session(), route: parseHash() });
    const screens = computed(() => state.session
      ? SCREENS.filter((screen) => screen.roles.some((role) => state.session.viewer.roles.includes(role))) : []);
    const current = computed(() => screens.value.find((screen) => screen.path === state.route.path) ?? screens.value[0]);
    onMounted(() => {
      window.addEventListener('hashchange', () => { state.route = parseHash(); });
      // the token expired or was refused: back to sign-in
      window.addEventListener('tongtongzai:signed-out', () => { state.session = null; });
    });
    function leave() {
      const ended = state.session;
      signOut();
      state.session = null;
      window.location.hash = '';
      endProviderSession(ended); // signed in through the provider: its session ends too
    }
    return () => {
      if (!state.session) {
        return h(SignIn, {
          roles: CONSOLE_ROLES, title: '通通在工作台 · 登录',
          other: { text: '党员、居民请使用手机版：', href: '/m/', link: '通通在（手机版）' },
          onSignedIn: (value) => { state.session = value; },
        });
      }
      return h('div', { class: 'shell' }, [
        h('header', { class: 'top' }, [
          h('span', { class: 'brand' }, '通通在工作台'),
          h('span', { class: 'who' }, `${state.session.label}（${state.session.name}）`),
          h('button', { type: 'button', class: 'link', onClick: leave }, '退出登录'),
        ]),
        h('nav', { class: 'side', 'aria-label': '功能菜单' }, screens.value.map((screen) => h('a', {
          href: '#/' + screen.path, 'aria-current': screen === current.value ? 'page' : null,
        }, screen.title))),
        h('main', { class: 'content' }, current.value
          ? h(current.value.component, { viewer: state.session.viewer, query: state.route.query, key: current.value.path })
          : h('p', { class: 'note' }, ['您的角色在工作台暂无可用功能；党员、居民请使用', h('a', { href: '/m/' }, '手机版'), '。'])),
      ]);
    };
  },
});

createApp(App).mount('#app');
