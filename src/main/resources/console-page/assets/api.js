// The console's only way to the service: the public GraphQL API with the signed-in user's bearer token, as any
// other team's front end would call it. Refusals come back as ApiError with the error code and the service's
// Chinese message, which the screens show as they are.
const SESSION = 'tongtongzai.session';

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The signed-in user ({ name, label, token, viewer }) or null. Kept for the tab only (sessionStorage). */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION));
  } catch {
    return null;
  }
}

export function saveSession(value) {
  sessionStorage.setItem(SESSION, JSON.stringify(value));
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

/** Demo users of the default profile on this machine; none in prod, from another machine or behind a proxy. */
export async function demoUsers() {
  try {
    const response = await fetch('/console/demo-tokens', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : [];
  } catch {
    return [];
  }
}

/** Runs one GraphQL document; answers its data or throws ApiError (the first error's code and message). */
export async function gql(query, variables = {}, token = session()?.token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('NETWORK', '无法连接服务，请检查网络后重试。');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a proxy's HTML page, an empty answer
  }
  if (body?.errors?.length) {
    const error = body.errors[0];
    signedOutOn(error.extensions?.code);
    throw new ApiError(error.extensions?.code ?? error.extensions?.classification ?? 'ERROR', error.message);
  }
  if (body?.code) { // the plain-HTTP refusals (401 without a valid token) say code and message
    signedOutOn(body.code);
    throw new ApiError(body.code, body.message);
  }
  if (!response.ok || !body?.data) {
    throw new ApiError('HTTP_' + response.status, `服务暂时无法处理请求（HTTP ${response.status}），请稍后重试。`);
  }
  return body.data;
}

/**
 * Runs a screen's action: \`busy\` while it runs, a refusal kept as the screen's \`error\` (an ApiError) to show.
 * Answers what the action answers, or null when it was refused.
 */
export async function attempt(state, action) {
  state.busy = true;
  state.error = null;
  try {
    return await action();
  } catch (error) {
    state.error = error instanceof ApiError ? error : new ApiError('ERROR', String(error));
    return null;
  } finally {
    state.busy = false;
  }
}

/** A token that expired or is refused ends the session: the page shows its sign-in again. */
function signedOutOn(code) {
  if (code === 'UNAUTHENTICATED' || code === 'TOKEN_EXPIRED') {
    signOut();
    window.dispatchEvent(new Event('tongtongzai:signed-out'));
  }
}

/** Opens one spreadsheet download through a single-use link (a plain navigation sends no bearer header). */
export async function download(url) {
  const data = await gql('mutation Link($url: String!) { downloadLink(url: $url) { url } }', { url });
  window.location.assign(data.downloadLink.url);
}

export const VIEWER = `{ me { id roles memberId residentId communityId gridId groupId unitId streetId } }`;

/**
 * A file of the service behind the bearer token (e.g. a task's check-in QR code), as text; refusals as ApiError
 * with the service's code and message, like gql.
 */
export async function fetchText(url, token = session()?.token) {
  let response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  } catch {
    throw new ApiError('NETWORK', '无法连接服务，请检查网络后重试。');
  }
  if (response.ok) {
    return response.text();
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not the service's JSON refusal
  }
  if (body?.code) {
    signedOutOn(body.code);
    throw new ApiError(body.code, body.message);
  }
  throw new ApiError('HTTP_' + response.status, `服务暂时无法处理请求（HTTP ${response.status}），请稍后重试。`);
}
