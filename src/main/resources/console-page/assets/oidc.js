// Sign-in through the city's identity provider (prod): OpenID Connect, authorisation code with PKCE, done by this
// page as a public client (no secret). The provider's endpoints come from its discovery document; the verifier,
// state and nonce wait in sessionStorage while the browser visits the provider's login page; on the way back the
// state must match and the ID token's nonce, issuer and audience must be ours. The access token is what the API
// reads (its signature, issuer and claims are checked by the service, not here).
const PENDING = 'tongtongzai.oidc.pending';

/** { issuer, clientId } when this service signs in through a provider, else null (demo users). */
export async function oidcConfig() {
  try {
    const response = await fetch('/console/sign-in.json', { headers: { Accept: 'application/json' } });
    const config = response.ok ? await response.json() : {};
    return config.issuer && config.clientId ? config : null;
  } catch {
    return null;
  }
}

/** fetch, with a refusal the page can show when the provider cannot be reached at all. */
async function reach(url, options) {
  try {
    return await fetch(url, options);
  } catch {
    throw new Error('无法连接统一身份认证服务，请检查网络后重试。');
  }
}

async function discover(issuer) {
  const response = await reach(issuer + '/.well-known/openid-configuration', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`统一身份认证服务暂时无法访问（HTTP ${response.status}），请稍后重试。`);
  }
  return response.json();
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** This page without query or hash: /console/ or /m/, as registered with the provider. */
function redirectUri() {
  return window.location.origin + window.location.pathname;
}

/** Leaves for the provider's login page; the page comes back with ?code=…&state=… */
export async function beginSignIn(config) {
  const provider = await discover(config.issuer);
  const verifier = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const pending = { verifier, state: random(), nonce: random(), redirectUri: redirectUri() };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: pending.redirectUri, scope: 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(provider.authorization_endpoint + '?' + query);
}

/** True when the address carries the provider's answer (code or error) for this page to finish. */
export function isReturnFromProvider() {
  const query = new URLSearchParams(window.location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

/**
 * Finishes the sign-in: answers the access and ID tokens, or throws with a Chinese message. The pending attempt is
 * used once and the code is removed from the address either way.
 */
export async function finishSignIn(config) {
  const query = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (!pending || query.get('state') !== pending.state) {
    throw new Error('登录校验失败（state 不符），请重新登录。');
  }
  if (query.has('error')) {
    throw new Error(`统一身份认证未完成登录（${query.get('error')}），请重新登录。`);
  }
  const provider = await discover(config.issuer);
  const response = await reach(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: pending.redirectUri,
      client_id: config.clientId, code_verifier: pending.verifier,
    }),
  });
  const tokens = response.ok ? await response.json() : null;
  if (!tokens?.access_token || !tokens.id_token) {
    throw new Error(`统一身份认证未签发令牌（HTTP ${response.status}），请重新登录。`);
  }
  const claims = idTokenClaims(tokens.id_token);
  const audience = [].concat(claims.aud ?? []);
  if (claims.nonce !== pending.nonce || claims.iss !== provider.issuer || !audience.includes(config.clientId)) {
    throw new Error('登录校验失败（身份令牌不符），请重新登录。');
  }
  return { accessToken: tokens.access_token, idToken: tokens.id_token, subject: claims.sub, name: claims.name ?? claims.sub };
}

/**
 * Ends the person's session at the provider too (OpenID Connect RP-initiated logout), so that the next sign-in on
 * this computer asks for the password again: leaves for the provider's end-session endpoint, which sends the browser
 * back to this page. Answers false — and the page has only forgotten its own tokens — when the provider has no such
 * endpoint or cannot be reached.
 */
export async function endProviderSession(session) {
  if (!session?.oidc || !session.idToken) {
    return false;
  }
  try {
    const config = await oidcConfig();
    const provider = config && await discover(config.issuer);
    if (!provider?.end_session_endpoint) {
      return false;
    }
    const query = new URLSearchParams({ id_token_hint: session.idToken, client_id: config.clientId, post_logout_redirect_uri: redirectUri() });
    window.location.assign(provider.end_session_endpoint + '?' + query);
    return true;
  } catch {
    return false;
  }
}

function idTokenClaims(idToken) {
  const payload = idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
