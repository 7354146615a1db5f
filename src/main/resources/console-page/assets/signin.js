// Sign-in. Default profile, this machine: choose a demo user (GET /console/demo-tokens, as GraphiQL's helper);
// the token is checked by asking the API who it is (viewer) before anything is shown. In prod the city's
// identity provider (OpenID Connect with PKCE) will sign in instead: a later increment.
import { defineComponent, h, onMounted, reactive } from './ui.js';
import { ApiError, VIEWER, demoUsers, gql, saveSession } from './api.js';
import { errorBox } from './ui.js';

export const SignIn = defineComponent({
  props: { roles: { type: Array, required: true }, title: String, other: Object },
  emits: ['signed-in'],
  setup(props, { emit }) {
    const state = reactive({ users: null, error: null, busy: false });
    onMounted(async () => {
      const users = await demoUsers();
      state.users = users.filter((user) => props.roles.includes(user.role));
    });
    async function choose(user) {
      state.busy = true;
      state.error = null;
      try {
        const data = await gql(VIEWER, {}, user.token);
        const session = { name: user.name, label: user.label, token: user.token, viewer: data.me };
        saveSession(session);
        emit('signed-in', session);
      } catch (error) {
        state.error = error instanceof ApiError ? error : new ApiError('ERROR', String(error));
      } finally {
        state.busy = false;
      }
    }
    return () => h('main', { class: 'sign-in' }, [
      h('h1', props.title),
      state.users === null ? h('p', '正在读取可用的登录方式…')
        : state.users.length === 0
          ? h('p', { class: 'note' }, '本环境没有演示用户：生产环境将通过统一身份认证（OpenID Connect）登录，该功能将在后续版本提供。')
          : [
            h('p', '演示环境：请选择一位演示用户登录（仅限本机、默认配置）。'),
            h('ul', { class: 'demo-users' }, state.users.map((user) => h('li', { key: user.name },
              h('button', { type: 'button', disabled: state.busy, 'data-user': user.name, onClick: () => choose(user) },
                [h('strong', user.label), h('span', user.name)])))),
          ],
      errorBox(state.error),
      props.other ? h('p', { class: 'note' }, [props.other.text, ' ', h('a', { href: props.other.href }, props.other.link)]) : null,
    ]);
  },
});
