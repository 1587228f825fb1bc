/**
 * A pass-through `Transport` that watches the `initialize` exchange, so the listing can report
 * the protocol version the server answered with (the SDK `Client` keeps it private) and reject an
 * unsupported one with a clear message, and that turns unparseable incoming messages (reported by
 * the SDK HTTP transports through `onerror`) into the session's garbage count.
 */
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { IngestError, quote } from './errors.js';
import type { IngestSession } from './session.js';

/** Wraps `inner`; `protocolVersion` holds the server's answer to initialize once seen. */
export class TapTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  /** `result.protocolVersion` of the initialize response, as the server sent it. */
  protocolVersion: string | undefined;
  private initializeId: string | number | undefined;

  /** @param inner the real transport; @param session where failures and garbage are reported. */
  constructor(
    private readonly inner: Transport,
    private readonly session: IngestSession,
  ) {
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => {
      if (isParseError(error)) this.session.noteGarbage(error.message, 'the HTTP stream');
      this.onerror?.(error);
    };
    inner.onmessage = (message, extra) => {
      this.watch(message);
      this.onmessage?.(message, extra);
    };
  }

  private watch(message: JSONRPCMessage): void {
    if (this.initializeId === undefined || !('id' in message) || message.id !== this.initializeId) return;
    if (!('result' in message) || !message.result || typeof message.result !== 'object') return;
    const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
    if (typeof version !== 'string') return;
    this.protocolVersion = version;
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      this.session.fail(
        new IngestError('protocol', `unsupported protocol version ${quote(version, 40)} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`),
      );
    }
  }

  /** The inner transport's session id (Streamable HTTP). */
  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  /** Starts the inner transport. */
  start(): Promise<void> {
    return this.inner.start();
  }

  /** Sends through the inner transport, remembering the id of the initialize request. */
  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ('method' in message && message.method === 'initialize' && 'id' in message) this.initializeId = message.id;
    return this.inner.send(message, options);
  }

  /** Closes the inner transport. */
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Forwards the negotiated version to the inner transport (HTTP sends it as a header). */
  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }
}

/** Errors the SDK transports raise for an incoming message that is not valid JSON-RPC. */
function isParseError(error: Error): boolean {
  return error instanceof SyntaxError || error.name === 'ZodError' || Array.isArray((error as { issues?: unknown }).issues);
}
