/**
 * A `fetch` for the SDK's HTTP client transports that bounds what the server can send: every
 * response body is counted as it streams and cut off once the session's `maxBytes` is passed (so a
 * huge JSON body or an endless SSE stream is never buffered whole), and every request is aborted
 * when the session fails. Network failures are reported to the session as one-line errors.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { IngestError, describeError } from './errors.js';
import type { IngestSession } from './session.js';

/** Statuses whose Response must not carry a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps `base` (global fetch by default) for one listing.
 * @param session bounds, failure reporting and the abort signal
 * @param state `connected()` tells whether initialize has succeeded (a network error before that is
 *   `connect`, after it `exited`); `streamIsChannel` says a broken GET stream is fatal (legacy SSE,
 *   where that stream carries every response)
 */
export function boundedFetch(
  session: IngestSession,
  state: { connected: () => boolean; streamIsChannel: boolean },
  base: FetchLike = fetch,
): FetchLike {
  return async (url, init) => {
    const signals = init?.signal ? [init.signal, session.signal] : [session.signal];
    const signal = AbortSignal.any(signals);
    const method = (init?.method ?? 'GET').toUpperCase();
    let res: Response;
    try {
      res = await base(url, { ...init, signal });
    } catch (e) {
      if (!signal.aborted) {
        const code = state.connected() ? 'exited' : 'connect';
        const verb = state.connected() ? 'server went away' : 'could not connect';
        session.fail(new IngestError(code, `${verb} during ${session.where()} (${method} ${String(url)}): ${describeError(e)}`, { cause: e }));
      }
      throw e;
    }
    if (!res.body || NULL_BODY.has(res.status)) return res;
    const fatalOnBreak = method === 'POST' || state.streamIsChannel;
    const reader = res.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (e) {
          if (!signal.aborted && fatalOnBreak) {
            session.fail(new IngestError('exited', `server closed the connection during ${session.where()}: ${describeError(e)}`, { cause: e }));
          }
          controller.error(session.failure ?? e);
          return;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        if (!session.addBytes(chunk.value.byteLength)) {
          void reader.cancel().catch(() => undefined);
          controller.error(session.failure);
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason).catch(() => undefined);
      },
    });
    return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
