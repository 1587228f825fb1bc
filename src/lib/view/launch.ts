/**
 * How to start a server, from `server.yaml`'s `launch`, as display text. Nothing here is executed;
 * arguments are shell-quoted so the command can be copied safely.
 */
import type { Server } from '../schema/index.js';
import { safeHttpUrl } from './urls.js';

/** What the server page shows under "How to start it". */
export interface LaunchView {
  transport: string;
  /** A copyable shell command (stdio), or undefined. */
  command?: string;
  /** Names of environment variables the server needs (values never stored). */
  env: string[];
  /** Endpoint URL for HTTP transports, when it is http(s). */
  url?: string;
  /** Plain-language explanation. */
  summary: string;
}

/** POSIX shell quoting of one word: bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The launch section of a server page. */
export function launchView(server: Server): LaunchView {
  const l = server.launch;
  if (l.transport === 'stdio') {
    const command = [l.command, ...l.args].map(shellQuote).join(' ');
    const envNote = l.env.length ? ` It needs the environment variable${l.env.length > 1 ? 's' : ''} ${l.env.join(', ')}.` : '';
    return {
      transport: 'stdio',
      command,
      env: [...l.env],
      summary: `Run it as a local process that speaks MCP over standard input and output.${envNote}`,
    };
  }
  if (l.transport === 'file') {
    return {
      transport: 'file',
      env: [],
      summary: `There is no live server behind this entry: its tool list was read from a saved tools/list file (${l.file}).${
        server.package ? ` The server itself is published as ${server.package}.` : ''
      }`,
    };
  }
  const url = safeHttpUrl(l.url);
  return {
    transport: l.transport,
    env: [],
    ...(url ? { url } : {}),
    summary: `Connect to it over ${l.transport === 'sse' ? 'HTTP with Server-Sent Events' : 'Streamable HTTP'}${url ? '' : ' (the URL is not an http(s) link and is not shown)'}.`,
  };
}

/** A short provenance sentence: where the tool list came from. */
export function provenanceText(server: Server): string {
  if (server.provenance) return server.provenance;
  if (server.launch.transport === 'file') return 'The tool list was read from a saved file, not listed by a live server.';
  const info = server.serverInfo ? ` (${server.serverInfo.name} ${server.serverInfo.version})` : '';
  return `Listed live from the running server${info} over MCP tools/list.`;
}
