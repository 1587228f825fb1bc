/**
 * A stdio client transport for the SDK `Client` that bounds what it reads. The SDK's own
 * `StdioClientTransport` buffers stdout until a newline, so a server writing one 100 MB line would
 * be held in memory whole; this one counts stdout bytes as they arrive and stops the server as soon
 * as the session's `maxBytes` is passed. The child runs in its own process group, and `close()` kills
 * the whole group (SIGKILL) and waits for it to go.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { IngestError, describeError, oneLine, quote } from './errors.js';
import type { IngestSession } from './session.js';

/** How to start the server process. `env` is the complete environment the child gets. */
export interface StdioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/** Characters of the child's stderr kept for error messages (only the tail). */
export const STDERR_TAIL_CHARS = 4096;
const KILL_WAIT_MS = 2000;

/** Process groups of servers started and not yet reaped. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * SIGKILLs every server process group this module started that is still running. Runs on process
 * `exit` automatically; a CLI should also call it from its SIGINT/SIGTERM handlers, because the
 * servers live in their own process groups and do not receive the terminal's Ctrl-C.
 */
export function stopAllServers(): void {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

function track(pid: number | undefined): void {
  if (pid === undefined) return;
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', stopAllServers);
  }
}

/** How the child ended, once it has. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** SDK `Transport` over a child process's stdin/stdout with byte accounting and group kill. */
export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  private closed: Promise<void> | undefined;
  private chunks: Buffer[] = [];
  private stopping = false;
  private stderrTail = '';
  private exitInfo: ChildExit | undefined;

  /** @param launch what to run; @param session bounds and failure reporting. */
  constructor(
    private readonly launch: StdioLaunch,
    private readonly session: IngestSession,
  ) {}

  /** Process id of the child while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How the child exited, if it has. */
  get exit(): ChildExit | undefined {
    return this.exitInfo;
  }

  /**
   * The telling line of the child's stderr, sanitised and truncated: the last line naming an error,
   * else the last line that is not Node's crash trailer (stack frames, carets, "Node.js v20..."),
   * else the last non-empty line.
   */
  get lastStderrLine(): string {
    const lines = this.stderrTail.split(/\r?\n/).filter((l) => l.trim() !== '');
    const telling = lines.filter((l) => !/^\s*(?:at\s|Node\.js v\d|\^+\s*$|[{}()[\],;]+\s*$|throw\s|-\s\/|Require stack:)/.test(l));
    const error = telling.filter((l) => /\b[A-Z]?\w*Error\b|\berror:|\bERR_[A-Z_]+/.test(l));
    return oneLine(error[error.length - 1] ?? telling[telling.length - 1] ?? lines[lines.length - 1] ?? '', 300);
  }

  /** Spawns the child; rejects with IngestError('spawn') when it cannot be started. */
  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('BoundedStdioTransport already started'));
    return new Promise<void>((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.launch.command, this.launch.args, {
          env: this.launch.env,
          cwd: this.launch.cwd,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: true,
          shell: false,
          windowsHide: true,
        });
      } catch (e) {
        reject(new IngestError('spawn', `could not start ${quote(this.launch.command)}: ${describeError(e)}`, { cause: e }));
        return;
      }
      this.child = child;
      this.closed = new Promise<void>((done) => child.once('close', () => done()));
      child.once('error', (e) => {
        reject(new IngestError('spawn', `could not start ${quote(this.launch.command)}: ${describeError(e)}`, { cause: e }));
      });
      child.once('spawn', () => {
        track(child.pid);
        resolve();
      });
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
      });
      child.once('close', () => this.onChildClosed());
      child.stdin?.on('error', () => {
        // EPIPE when the child is gone: reported through 'exit'/'close'.
      });
      child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
      child.stdout?.on('error', () => undefined);
      child.stderr?.on('data', (chunk: Buffer) => {
        this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
      });
      child.stderr?.on('error', () => undefined);
    });
  }

  private onStdout(chunk: Buffer): void {
    if (this.stopping) return;
    if (!this.session.addBytes(chunk.length)) {
      this.chunks = [];
      this.killGroup();
      return;
    }
    let start = 0;
    let nl = chunk.indexOf(0x0a, start);
    while (nl !== -1) {
      this.chunks.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
      this.chunks = [];
      this.onLine(line);
      if (this.stopping) return;
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch {
      this.session.noteGarbage(line.slice(0, 500), 'stdout');
      return;
    }
    this.onmessage?.(message);
  }

  private onChildClosed(): void {
    const wasStopping = this.stopping;
    this.stopping = true;
    if (!wasStopping) {
      const exit = this.exitInfo;
      const how = exit?.signal ? `was killed by ${exit.signal}` : `exited with code ${exit?.code ?? 'unknown'}`;
      const partial = this.chunks.length > 0 ? ' (in the middle of a message)' : '';
      const stderr = this.lastStderrLine;
      this.session.fail(new IngestError('exited', `server ${how} during ${this.session.where()}${partial}${stderr ? `: ${stderr}` : ''}`));
    }
    this.chunks = [];
    this.onclose?.();
  }

  /** SIGKILLs the child's whole process group (and the child itself, in case it left the group). */
  private killGroup(): void {
    this.stopping = true;
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child?.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // group already gone
    }
    try {
      this.child?.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  /** Kills the server's process group and waits (bounded) until the child has been reaped. */
  async close(): Promise<void> {
    const pid = this.child?.pid;
    this.killGroup();
    if (pid !== undefined) {
      liveGroups.delete(pid);
      // The child may be gone while others in its group live on: kill the group regardless.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // no such group
      }
    }
    if (this.closed) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.closed, new Promise<void>((r) => (timer = setTimeout(r, KILL_WAIT_MS)))]);
      clearTimeout(timer);
    }
  }

  /** Writes one JSON-RPC message to the child's stdin. */
  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.stopping || !stdin.writable) return Promise.reject(new Error('Not connected'));
    return new Promise<void>((resolve, reject) => {
      stdin.write(serializeMessage(message), (err) => (err ? reject(err) : resolve()));
    });
  }
}
