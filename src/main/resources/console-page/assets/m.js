// 通通在 on a phone (/m/) for members and residents: sign-in, then each role's home — a member's tasks (claim,
// check in and out by code); a resident's requests (post with the classifier's hint, follow them).
import { createApp, defineComponent, h, reactive } from './ui.js';
import { session, signOut } from './api.js';
import { SignIn } from './signin.js';
import { endProviderSession } from './oidc.js';
import { MemberHome } from './member.js';
import { ResidentHome } from './resident.js';

const PHONE_ROLES = ['MEMBER', 'RESIDENT', 'GRID_LEADER', 'GROUP_LEADER'];

const App = defineComponent({
  setup() {
    const state = reactive({ session: session() });
    window.addEventListener('tongtongzai:signed-out', () => { state.session = null; });
    function leave() {
      const ended = state.session;
      signOut();
      state.session = null;
      endProviderSession(ended); // signed in through the provider: its session ends too
    }
    return () => {
      if (!state.session) {
        return h(SignIn, {
          roles: PHONE_ROLES, title: '通通在 · 登录',
          other: { text: '社区书记、街道管理员请使用', href: '/console/', link: '工作台（电脑版）' },
          onSignedIn: (value) => { state.session = value; },
        });
      }
      return h('div', { class: 'phone-shell' }, [
        h('header', { class: 'top' }, [
          h('span', { class: 'brand' }, '通通在'),
          h('span', { class: 'who' }, state.session.label),
          h('button', { type: 'button', class: 'link', onClick: leave }, '退出'),
        ]),
        h('main', { class: 'content' }, state.session.viewer.memberId
          ? h(MemberHome, { viewer: state.session.viewer })
          : state.session.viewer.residentId ? h(ResidentHome, { viewer: state.session.viewer })
            : h('p', { class: 'card' }, `您好，${state.session.label}（${state.session.name}）。`)),
      ]);
    };
  },
});

createApp(App).mount('#app');
