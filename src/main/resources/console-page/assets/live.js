// Live updates: a GraphQL subscription over SSE (POST /graphql, Accept: text/event-stream, graphql/live.graphqls)
// with the same bearer header as every other call — a plain fetch whose body is read as it arrives, so the page
// needs no WebSocket client and its Content-Security-Policy no other connect-src than 'self'.
import { ApiError, session } from './api.js';

/**
 * Subscribes; onData(data) for each event, onError(ApiError) when the service refuses or the stream breaks.
 * Answers a function that ends the subscription (call it when the screen goes away).
 */
export function subscribe(query, variables, onData, onError, token = session()?.token) {
  const controller = new AbortController();
  const failed = (error) => { if (!controller.signal.aborted) onError(error); };
  (async () => {
    const response = await fetch('/graphql', { method: 'POST', signal: controller.signal, body: JSON.stringify({ query, variables }),
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer ' + token } });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new ApiError(body?.code ?? 'HTTP_' + response.status, body?.message ?? `实时连接失败（HTTP ${response.status}）。`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event.name === 'complete') {
          return;
        }
        if (event.data) { // keep-alives are comments without data
          const result = JSON.parse(event.data);
          if (result.errors?.length) {
            const error = result.errors[0];
            throw new ApiError(error.extensions?.code ?? 'ERROR', error.message);
          }
          onData(result.data);
        }
      }
    }
  })().catch((error) => failed(error instanceof ApiError ? error : new ApiError('NETWORK', '实时连接中断，请刷新页面。')));
  return () => controller.abort();
}

function parse(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) {
      name = line.slice(6).trim();
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  return { name, data: data.join('\n') };
}
