/**
 * Book-keeping for one listing: the bounds, the bytes read so far, the current phase, warnings,
 * and the first fatal failure. Any part (transport, fetch wrapper, deadline) reports a failure with
 * `fail()`, which aborts `signal` so every pending wait ends at once with that same error.
 */
import { IngestError, oneLine, quote } from './errors.js';
import type { ListLimits } from './limits.js';

/** What the listing is doing, used in error messages. */
export type Phase = 'start' | 'initialize' | 'tools/list';

/**
 * Non-JSON-RPC lines tolerated on a server's stdout (or unparseable SSE events) before the listing
 * fails. A few log lines printed by a careless server are common and harmless; a stream of them is not
 * an MCP server. Each tolerated line becomes a warning (the first few verbatim, the rest counted).
 */
export const MAX_GARBAGE_MESSAGES = 10;
const GARBAGE_WARNINGS_SHOWN = 3;

/** State shared by the pieces of one `listTools` call. */
export class IngestSession {
  readonly limits: ListLimits;
  readonly warnings: string[] = [];
  phase: Phase = 'start';
  /** Page being fetched (1-based) while in `tools/list`. */
  page = 0;
  bytes = 0;
  /** Set once the listing has its result: later transport noise is ignored. */
  done = false;
  private garbage = 0;
  private firstFailure: IngestError | undefined;
  private readonly controller = new AbortController();
  private readonly deadline: NodeJS.Timeout;

  /** Starts the total deadline clock. Call `finish()` when done. */
  constructor(limits: ListLimits) {
    this.limits = limits;
    this.deadline = setTimeout(() => {
      this.fail(new IngestError('timeout', `timed out after ${limits.totalTimeoutMs} ms (total limit per server) during ${this.where()}`));
    }, limits.totalTimeoutMs);
  }

  /** Aborted on the first failure, with that failure as reason. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first fatal failure, if any. */
  get failure(): IngestError | undefined {
    return this.firstFailure;
  }

  /** The phase as text for messages: `initialize`, `tools/list (page 3)`. */
  where(): string {
    return this.phase === 'tools/list' && this.page > 1 ? `tools/list (page ${this.page})` : this.phase;
  }

  /** Records the first failure and aborts every pending wait. Ignored once done. */
  fail(error: IngestError): void {
    if (this.done || this.firstFailure) return;
    this.firstFailure = error;
    this.controller.abort(error);
  }

  /** Counts `n` bytes read from the server; false (and a `too-large` failure) beyond maxBytes. */
  addBytes(n: number): boolean {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) {
      this.fail(new IngestError('too-large', `${this.phase} exceeded ${this.limits.maxBytes} bytes (maxBytes)`));
      return false;
    }
    return true;
  }

  /** Notes one message from the server that is not JSON-RPC; fails beyond MAX_GARBAGE_MESSAGES. */
  noteGarbage(sample: string, where: string): void {
    if (this.done) return;
    this.garbage += 1;
    if (this.garbage <= GARBAGE_WARNINGS_SHOWN) {
      this.warnings.push(`ignored non-JSON-RPC output on ${where}: ${quote(oneLine(sample, 120), 120)}`);
    }
    if (this.garbage > MAX_GARBAGE_MESSAGES) {
      this.fail(
        new IngestError('protocol', `server wrote more than ${MAX_GARBAGE_MESSAGES} non-JSON-RPC messages on ${where} during ${this.where()}`),
      );
    }
  }

  /** Number of non-JSON-RPC messages seen so far. */
  get garbageCount(): number {
    return this.garbage;
  }

  /**
   * Waits for `promise` at most `ms` (failing the session with a timeout naming `what`) and no
   * longer than the session lives: a failure elsewhere rejects at once with that failure.
   */
  guard<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.firstFailure) {
        promise.catch(() => undefined);
        reject(this.firstFailure);
        return;
      }
      const onAbort = (): void => reject(this.firstFailure ?? this.signal.reason);
      const timer = setTimeout(() => {
        this.fail(new IngestError('timeout', `timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', onAbort);
      });
    });
  }

  /**
   * A signal for one request that aborts with the session. Call `dispose()` when the request is
   * over: the SDK leaves its abort listener on the signal it is given, so sharing the session's own
   * signal across many pages would pile listeners up on it.
   */
  requestSignal(): { signal: AbortSignal; dispose: () => void } {
    const child = new AbortController();
    if (this.signal.aborted) child.abort(this.signal.reason);
    const onAbort = (): void => child.abort(this.signal.reason);
    this.signal.addEventListener('abort', onAbort, { once: true });
    return { signal: child.signal, dispose: () => this.signal.removeEventListener('abort', onAbort) };
  }

  /** Stops the deadline clock and ignores any later failure. */
  finish(): void {
    this.done = true;
    clearTimeout(this.deadline);
  }
}
