// Sign-in. When the service names an identity provider (prod), through it (oidc.js: OpenID Connect, code with
// PKCE). Otherwise, default profile on this machine: choose a demo user (GET /console/demo-tokens, as GraphiQL's
// helper). Either way the token is checked by asking the API who it is (me) before anything is shown.
import { defineComponent, h, onMounted, reactive } from './ui.js';
import { ApiError, VIEWER, demoUsers, gql, saveSession } from './api.js';
import { beginSignIn, finishSignIn, isReturnFromProvider, oidcConfig } from './oidc.js';
import { errorBox } from './ui.js';

function asApiError(error) {
  return error instanceof ApiError ? error : new ApiError('SIGN_IN', error?.message ?? String(error));
}

export const SignIn = defineComponent({
  props: { roles: { type: Array, required: true }, title: String, other: Object },
  emits: ['signed-in'],
  setup(props, { emit }) {
    const state = reactive({ users: null, oidc: null, error: null, busy: false });
    onMounted(async () => {
      state.oidc = await oidcConfig();
      if (state.oidc) {
        state.users = [];
        if (isReturnFromProvider()) {
          await finish();
        }
        return;
      }
      const users = await demoUsers();
      state.users = users.filter((user) => props.roles.includes(user.role));
    });
    async function finish() {
      state.busy = true;
      try {
        const signedIn = await finishSignIn(state.oidc);
        const data = await gql(VIEWER, {}, signedIn.accessToken);
        // the ID token stays for the provider's logout (its id_token_hint)
        const session = { name: signedIn.subject, label: signedIn.name, token: signedIn.accessToken, idToken: signedIn.idToken,
          viewer: data.me, oidc: true };
        saveSession(session);
        emit('signed-in', session);
      } catch (error) {
        state.error = asApiError(error);
      } finally {
        state.busy = false;
      }
    }
    async function provider() {
      state.busy = true;
      state.error = null;
      try {
        await beginSignIn(state.oidc); // the page leaves for the provider's login
      } catch (error) {
        state.error = asApiError(error);
        state.busy = false;
      }
    }
    async function choose(user) {
      state.busy = true;
      state.error = null;
      try {
        const data = await gql(VIEWER, {}, user.token);
        const session = { name: user.name, label: user.label, token: user.token, viewer: data.me };
        saveSession(session);
        emit('signed-in', session);
      } catch (error) {
        state.error = asApiError(error);
      } finally {
        state.busy = false;
      }
    }
    return () => h('main', { class: 'sign-in' }, [
      h('h1', props.title),
      state.users === null ? h('p', '正在读取可用的登录方式…')
        : state.oidc
          ? [
            h('p', '请使用统一身份认证账号登录。'),
            h('button', { type: 'button', class: 'primary', 'data-sign-in': 'oidc', disabled: state.busy, onClick: provider },
              state.busy ? '正在登录…' : '统一身份认证登录'),
          ]
        : state.users.length === 0
          ? h('p', { class: 'note' }, '本环境没有演示用户，也未配置统一身份认证（tongtong.console.oidc.issuer），无法登录。')
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
