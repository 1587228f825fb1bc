/**
 * The lethal trifecta across a whole stack of servers (an MCP client config): one server's tool
 * reads private data, another's takes in untrusted content, another's can send data out, and the
 * agent holds all of them at once. Per-server trifectas (`serverTrifecta`) stay as they are; this
 * adds the paths that only exist across servers. Pure and browser-safe: it takes each tool's legs
 * already computed (`trifectaLegs`).
 */
import type { TrifectaLeg } from './trifecta-rules.js';

/** The legs in display order (same as `TRIFECTA_LEGS`, kept here so browsers need no rules file). */
export const STACK_LEGS: readonly TrifectaLeg[] = ['privateData', 'untrustedContent', 'externalSend'];

/** Most paths listed (the count is always exact). */
export const MAX_STACK_PATHS = 50;
/** Most tool names listed per leg of a path (the count is always exact). */
export const MAX_PATH_TOOLS = 10;

/** One server of the stack with each tool's legs. */
export interface StackServer {
  server: string;
  tools: readonly { name: string; legs: readonly TrifectaLeg[] }[];
}

/** One leg of a path: the server and the tools of it that form the leg. */
export interface StackLeg {
  server: string;
  tools: string[];
  toolCount: number;
}

/** A cross-server path: a private-data reader, an untrusted-content source and a sender, not all on one server. */
export type StackPath = Record<TrifectaLeg, StackLeg>;

/** The stack's trifecta. */
export interface StackTrifecta {
  /** Servers whose own tools cover all three legs. */
  singleServer: string[];
  /** Paths that need two or three servers, in server order; at most `MAX_STACK_PATHS`. */
  paths: StackPath[];
  /** How many such paths there are. */
  pathCount: number;
  /** Per leg, the servers with at least one tool in it. */
  legs: Record<TrifectaLeg, string[]>;
}

/** Every cross-server trifecta path of `servers` (servers in the given order). */
export function stackTrifecta(servers: readonly StackServer[]): StackTrifecta {
  const byLeg: Record<TrifectaLeg, StackLeg[]> = { privateData: [], untrustedContent: [], externalSend: [] };
  const singleServer: string[] = [];
  for (const s of servers) {
    let all = true;
    for (const leg of STACK_LEGS) {
      const names = s.tools.filter((t) => t.legs.includes(leg)).map((t) => t.name);
      if (names.length > 0) byLeg[leg].push({ server: s.server, tools: names.slice(0, MAX_PATH_TOOLS), toolCount: names.length });
      else all = false;
    }
    if (all) singleServer.push(s.server);
  }
  const paths: StackPath[] = [];
  let pathCount = 0;
  for (const p of byLeg.privateData) {
    for (const u of byLeg.untrustedContent) {
      for (const e of byLeg.externalSend) {
        if (p.server === u.server && u.server === e.server) continue;
        pathCount += 1;
        if (paths.length < MAX_STACK_PATHS) paths.push({ privateData: p, untrustedContent: u, externalSend: e });
      }
    }
  }
  return {
    singleServer,
    paths,
    pathCount,
    legs: { privateData: byLeg.privateData.map((l) => l.server), untrustedContent: byLeg.untrustedContent.map((l) => l.server), externalSend: byLeg.externalSend.map((l) => l.server) },
  };
}
