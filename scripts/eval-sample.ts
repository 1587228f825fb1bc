/**
 * Draws the hand-labelled category sample (eval/category-labels.md describes it) reproducibly.
 *
 *   npx tsx scripts/eval-sample.ts [--servers <dir>] [--extra <dir>] [--lists <json>] [--seed <n>]
 *                                  [--out <dir>] [--batch <n>]
 *
 * The committed set was drawn with `--seed 13 --lists eval/category-labels.servers.json` (plus
 * `--extra <the crawl's catalogue>` before its servers were merged into catalog/servers).
 *
 * Reads tool definitions only (the YAML front matter of catalog/servers/<id>/tools/*.md: name,
 * description, inputSchema, annotations); it never runs or reads the classifier. Prints the sample
 * as JSON lines ({server, tool}) sorted by server then tool; with --out, also writes the compact
 * text renderings for labelling, in batches of --batch tools (default 40), to that folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { createRng } from '../src/lib/synth/prng.js';

export interface SampledTool {
  server: string;
  tool: string;
  description: string;
  inputSchema: unknown;
  annotations: Record<string, unknown> | undefined;
}

/** Base draw: at most this many tools of each server, picked at random. */
export const BASE_PER_SERVER = 7;
/** A server's total after every over-sample, unless FINANCE_CAPS names it. */
export const CAP_PER_SERVER = 12;
/** Finance / crypto / payments servers: over-sampled up to these totals. */
export const FINANCE_CAPS: Record<string, number> = {
  "sperax-crypto-mcp": 44,
  ccxt: 18,
  "bnb-chain": 22,
};
/**
 * Over-sample of tools that may run code, commands, queries or jobs (shells, databases, clusters,
 * CI): up to EXECUTE_EXTRA more per server among tools whose name or description matches, within
 * the cap. The pattern only chooses what is sampled; the label is given by reading the definition.
 */
export const EXECUTE_PATTERN =
  /\b(run|exec|execute|eval|evaluate|invoke|trigger|script|command|shell|sql|query|aggregate|job|pipeline|workflow|deploy|migration)/i;
export const EXECUTE_EXTRA = 4;
/** Payments-shaped tools on servers not in FINANCE_CAPS (invoices, charges, billing, orders). */
export const FINANCE_PATTERN = /(payment|invoice|charge|billing|refund|payout|purchase|order|wallet|transfer|balance)/i;
export const FINANCE_EXTRA = 2;

/**
 * Second, targeted over-sample (drawn after the first, so the first stage is unchanged): the first
 * stage gave too few Financial and Execute candidates (the finance servers are mostly read tools).
 * On finance servers, tools whose name holds a money-moving action word and no read word; on every
 * server, tools whose name holds a run / execute word. Up to the given number more per server,
 * beyond the cap. Again the pattern only chooses candidates; many turn out to be Read or Write.
 */
export const FINANCE_ACTION_NAME =
  /\b(order|cancel|transfer|withdraw|swap|buy|sell|borrow|repay|redeem|stake|unstake|subscribe|purchase|convert|deposit|send|approve|bridge|mint)\b/i;
export const READ_NAME = /\b(history|list|get|query|record|info|status|rate|detail|fetch|check|balance|search|estimate|quote|preview)\b/i;
export const FINANCE_TARGETED: Record<string, number> = { "sperax-crypto-mcp": 28, ccxt: 4, "bnb-chain": 6 };
export const EXECUTE_NAME =
  /\b(exec|execute|run|rerun|eval|evaluate|invoke|trigger|apply|deploy|play|retry|restart|start|script|command|sql|shell|migration|query)\b/i;
export const EXECUTE_TARGETED = 10;
/**
 * Third stage (after the second, same reasons): Execute was still short of 40, so on servers other
 * than the finance ones, tools whose name or first description sentence holds a run / execute word,
 * up to EXECUTE_DESC_TARGETED more per server.
 */
export const EXECUTE_DESC =
  /\b(execut\w*|runs?|invok\w*|trigger\w*|scripts?|commands?|sql|evaluat\w*|restart\w*|start\w*|rerun|retry|play)\b/i;
export const EXECUTE_DESC_TARGETED = 8;

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** Every tool definition of the servers under `dir` that are complete (server.yaml and tools/). */
export function loadTools(dir: string): Map<string, SampledTool[]> {
  const byServer = new Map<string, SampledTool[]>();
  for (const server of readdirSync(dir).sort()) {
    const toolsDir = join(dir, server, "tools");
    if (!existsSync(join(dir, server, "server.yaml")) || !existsSync(toolsDir)) continue;
    const tools: SampledTool[] = [];
    for (const file of readdirSync(toolsDir).sort()) {
      if (!file.endsWith(".md")) continue;
      const def = (matter(readFileSync(join(toolsDir, file), "utf8")).data as { definition?: Record<string, unknown> })
        .definition;
      if (!def || typeof def.name !== "string") continue;
      tools.push({
        server,
        tool: def.name,
        description: typeof def.description === "string" ? def.description : "",
        inputSchema: def.inputSchema,
        annotations: def.annotations as Record<string, unknown> | undefined,
      });
    }
    tools.sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
    if (tools.length) byServer.set(server, tools);
  }
  return byServer;
}

/** The stratified draw: base per server, then the finance and execute over-samples, within caps. */
export function drawSample(byServer: Map<string, SampledTool[]>, seed: number, only?: ReadonlySet<string>): SampledTool[] {
  const next = createRng(seed).next;
  const out: SampledTool[] = [];
  for (const [server, tools] of byServer) {
    if (only && !only.has(server)) continue;
    const order = shuffle(tools, next);
    const cap = FINANCE_CAPS[server] ?? CAP_PER_SERVER;
    const picked = new Set<SampledTool>(order.slice(0, FINANCE_CAPS[server] ?? BASE_PER_SERVER));
    const text = (t: SampledTool) => `${t.tool} ${t.description.slice(0, 300)}`;
    const extra = (pattern: RegExp, n: number) => {
      let added = 0;
      for (const t of order) {
        if (picked.size >= cap || added >= n) break;
        if (!picked.has(t) && pattern.test(text(t))) {
          picked.add(t);
          added++;
        }
      }
    };
    extra(EXECUTE_PATTERN, EXECUTE_EXTRA);
    if (!(server in FINANCE_CAPS)) extra(FINANCE_PATTERN, FINANCE_EXTRA);
    const targeted = (test: (t: SampledTool) => boolean, n: number) => {
      let added = 0;
      for (const t of order) {
        if (added >= n) break;
        if (!picked.has(t) && test(t)) {
          picked.add(t);
          added++;
        }
      }
    };
    const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_\-.]+/g, " ");
    if (server in FINANCE_TARGETED)
      targeted(
        (t) => FINANCE_ACTION_NAME.test(words(t.tool)) && !READ_NAME.test(words(t.tool)),
        FINANCE_TARGETED[server] ?? 0,
      );
    targeted((t) => EXECUTE_NAME.test(words(t.tool)), EXECUTE_TARGETED);
    if (!(server in FINANCE_CAPS))
      targeted(
        (t) => EXECUTE_DESC.test(`${words(t.tool)} ${t.description.slice(0, 200).split(/[.!?]/)[0]}`),
        EXECUTE_DESC_TARGETED,
      );
    out.push(...picked);
  }
  return out.sort((a, b) =>
    a.server !== b.server ? (a.server < b.server ? -1 : 1) : a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0,
  );
}

/** Servers of a second catalogue (the crawl's new servers) that are not in the first: per server. */
export const NEW_PER_SERVER = 1;
export const NEW_TARGETED_PER_SERVER = 1;

/**
 * The draw from servers new to the catalogue (in `extra`, not in `shipped`), with its own seeded
 * generator (seed + 1) so the shipped draw is unchanged: NEW_PER_SERVER random tools per server,
 * then up to NEW_TARGETED_PER_SERVER more whose name or first sentence holds a run / execute word
 * or a money-moving action word.
 */
export function drawNewServers(
  extra: Map<string, SampledTool[]>,
  shipped: ReadonlySet<string>,
  seed: number,
  only?: ReadonlySet<string>,
): SampledTool[] {
  const next = createRng(seed + 1).next;
  const out: SampledTool[] = [];
  const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_\-.]+/g, " ");
  for (const [server, tools] of extra) {
    if (shipped.has(server) || (only && !only.has(server))) continue;
    const order = shuffle(tools, next);
    const picked = new Set<SampledTool>(order.slice(0, NEW_PER_SERVER));
    let added = 0;
    for (const t of order) {
      if (added >= NEW_TARGETED_PER_SERVER) break;
      const text = `${words(t.tool)} ${t.description.slice(0, 200).split(/[.!?]/)[0]}`;
      if (!picked.has(t) && (EXECUTE_DESC.test(text) || FINANCE_ACTION_NAME.test(text))) {
        picked.add(t);
        added++;
      }
    }
    // then one more whose name itself holds a run / execute word (Execute was one short of 40)
    const byName = order.find((t) => !picked.has(t) && EXECUTE_NAME.test(words(t.tool)));
    if (byName) picked.add(byName);
    out.push(...picked);
  }
  return out;
}

interface JsonSchemaLike {
  type?: unknown;
  enum?: unknown[];
  description?: unknown;
  properties?: Record<string, JsonSchemaLike>;
  items?: JsonSchemaLike;
  required?: unknown;
}

/** Connection and retry options repeated on every tool of some servers: left out of the rendering. */
const BOILERPLATE_PARAM = /^(retry-.*|auth-method|tenant|subscription)$/;

function renderParams(schema: JsonSchemaLike | undefined, indent: string, depth: number): string[] {
  if (!schema || typeof schema !== "object" || !schema.properties || depth > 2) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const lines: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties).slice(0, 40)) {
    if (BOILERPLATE_PARAM.test(name)) continue;
    const type = Array.isArray(prop?.type) ? prop.type.join("|") : String(prop?.type ?? "any");
    const en = Array.isArray(prop?.enum) ? ` enum[${prop.enum.slice(0, 20).join(", ")}]` : "";
    const desc = typeof prop?.description === "string" ? ` - ${prop.description.replace(/\s+/g, " ").slice(0, 160)}` : "";
    lines.push(`${indent}${name}${required.has(name) ? "*" : ""}: ${type}${en}${desc}`);
    lines.push(...renderParams(prop, indent + "  ", depth + 1));
    if (prop?.items) lines.push(...renderParams(prop.items, indent + "  ", depth + 1));
  }
  return lines;
}

/** The compact text a labeller reads for one tool. */
export function renderTool(t: SampledTool, index: number): string {
  const hints = t.annotations
    ? Object.entries(t.annotations)
        .filter(([k]) => k.endsWith("Hint"))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(" ")
    : "";
  return [
    `#${index} ${t.server} / ${t.tool}${hints ? `   [${hints}]` : ""}`,
    `  ${t.description.replace(/\s+/g, " ").slice(0, 900)}`,
    ...renderParams(t.inputSchema as JsonSchemaLike, "    ", 0),
    "",
  ].join("\n");
}

function main(argv: string[]): void {
  const arg = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return (i >= 0 ? argv[i + 1] : undefined) ?? fallback;
  };
  const seed = Number(arg("--seed", "13"));
  // --lists <json>: {"shipped": [ids], "new": [ids]}, the server ids each stage drew from, so the
  // draw is the same once more servers are in the catalogue (eval/category-labels.servers.json).
  const lists = argv.includes("--lists")
    ? (JSON.parse(readFileSync(arg("--lists", ""), "utf8")) as { shipped: string[]; new: string[] })
    : undefined;
  const all = loadTools(arg("--servers", "catalog/servers"));
  const shippedIds = new Set(lists ? lists.shipped : all.keys());
  const sample = drawSample(all, seed, shippedIds);
  // --extra <catalogue>: also draw from servers found there and not in the shipped set (new
  // servers); with --lists, only from its "new" ids. Without --extra but with --lists, the new
  // servers are looked for in --servers itself (a merged catalogue).
  if (argv.includes("--extra") || lists) {
    const only = lists ? new Set(lists.new) : undefined;
    const extra = argv.includes("--extra") ? loadTools(arg("--extra", "")) : all;
    sample.push(...drawNewServers(extra, shippedIds, seed, only));
    sample.sort((a, b) =>
      a.server !== b.server ? (a.server < b.server ? -1 : 1) : a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0,
    );
  }
  const out = argv.includes("--out") ? arg("--out", "") : "";
  if (out) {
    const size = Number(arg("--batch", "40"));
    mkdirSync(out, { recursive: true });
    for (let b = 0; b * size < sample.length; b++) {
      const chunk = sample.slice(b * size, (b + 1) * size);
      writeFileSync(
        join(out, `batch-${String(b + 1).padStart(2, "0")}.txt`),
        chunk.map((t, i) => renderTool(t, b * size + i + 1)).join("\n"),
      );
    }
  }
  for (const t of sample) process.stdout.write(`${JSON.stringify({ server: t.server, tool: t.tool })}\n`);
  process.stderr.write(`sampled ${sample.length} tools from ${new Set(sample.map((t) => t.server)).size} servers (seed ${seed})\n`);
}

if (process.argv[1] && /eval-sample\.ts$/.test(process.argv[1])) main(process.argv.slice(2));
