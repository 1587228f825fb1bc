/**
 * Browsing hundreds of servers (`/servers/`, the home page): each server's domain (a small, closed
 * taxonomy), its source kind, its popularity (downloads a month, with the date) and its risk, and
 * the sort orders the page offers. The domain and source are derived by pure functions from what
 * the catalogue holds: the server's name, id, package and description, its tools' names, and its
 * entry in `sources.yaml`.
 *
 * Domains (`DOMAINS`, in display order): a server gets the domain whose keywords its own text
 * matches most (each distinct keyword in its id, name or package counts 4, in its description 2)
 * plus the share of its tools whose name holds one (up to 4 more); below 2 points it is "other". Ties go to
 * the earlier domain in the list. The keywords are whole words after splitting camelCase,
 * snake_case, kebab-case and scoped package names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RISK_LEVELS, riskRank, type Risk } from '../schema/index.js';
import type { SiteData, SiteServer } from './site-data.js';

/** The domains, in display order ("other" last). */
export const DOMAINS = ['databases', 'observability', 'cloud', 'devtools', 'shell', 'chat', 'knowledge', 'web', 'finance', 'business', 'identity', 'files', 'design', 'media', 'places', 'other'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Label and meaning of each domain (documented on `/servers/`). */
export const DOMAIN_INFO: Record<Domain, { label: string; meaning: string }> = {
  databases: { label: 'Databases', meaning: 'SQL and NoSQL databases, data warehouses, spreadsheets-as-databases, vector stores' },
  observability: { label: 'Observability', meaning: 'logs, metrics, traces, alerts, incidents, error tracking' },
  cloud: { label: 'Cloud & infrastructure', meaning: 'cloud providers, Kubernetes, containers, serverless, DNS and CDN' },
  devtools: { label: 'CI & developer tools', meaning: 'source hosting, issues, pull requests, CI/CD pipelines, package registries, code analysis, tests, debuggers, game engines' },
  shell: { label: 'Shell & devices', meaning: 'shell commands, SSH, scripts on the local machine, phones, simulators and desktop apps driven remotely' },
  chat: { label: 'Chat & collaboration', meaning: 'messaging, email, calendars, meetings, project boards' },
  knowledge: { label: 'Docs & knowledge', meaning: 'wikis, notes, documentation, knowledge graphs and memory' },
  web: { label: 'Browsers & web', meaning: 'browser automation, fetching and scraping pages, web search' },
  finance: { label: 'Finance & crypto', meaning: 'payments, billing, accounting, exchanges, wallets, blockchains' },
  business: { label: 'CRM, commerce & content', meaning: 'CRM and ERP, online stores and products, marketing campaigns, content management systems' },
  identity: { label: 'Secrets & identity', meaning: 'secrets managers, key vaults, identity providers, users and access' },
  files: { label: 'Files', meaning: 'local and cloud file systems, documents, storage buckets' },
  design: { label: 'Design & UI', meaning: 'design tools, diagrams and charts, UI component libraries' },
  media: { label: 'AI models & media', meaning: 'language and image models, image, audio and video generation, transcription, media libraries' },
  places: { label: 'Maps, travel & weather', meaning: 'maps and geocoding, flights, hotels and trips, weather' },
  other: { label: 'Other', meaning: 'everything else (test servers, single-purpose utilities)' },
};

const KEYWORDS: Record<Exclude<Domain, 'other'>, readonly string[]> = {
  databases: ['database', 'databases', 'db', 'sql', 'postgres', 'postgresql', 'mysql', 'sqlite', 'mongodb', 'mongo', 'redis', 'supabase', 'airtable', 'bigquery', 'snowflake', 'clickhouse', 'dynamodb', 'cosmos', 'neon', 'elasticsearch', 'table', 'tables', 'query', 'schema', 'collection', 'collections', 'vector', 'pinecone', 'qdrant', 'duckdb', 'prisma'],
  observability: ['observability', 'monitor', 'monitoring', 'metrics', 'metric', 'logs', 'log', 'trace', 'traces', 'tracing', 'alert', 'alerts', 'incident', 'incidents', 'sentry', 'datadog', 'grafana', 'prometheus', 'pagerduty', 'newrelic', 'opsgenie', 'dashboard', 'dashboards', 'apm', 'honeycomb', 'loki'],
  cloud: ['cloud', 'aws', 'azure', 'gcp', 'kubernetes', 'k8s', 'kubectl', 'docker', 'container', 'containers', 'cluster', 'clusters', 'pod', 'pods', 'helm', 'terraform', 'cloudflare', 'vercel', 'netlify', 'heroku', 'digitalocean', 'lambda', 'serverless', 'dns', 'cdn', 'vm', 'instance', 'instances', 'deployment', 'deployments', 'namespace', 'aks', 'eks', 'gke'],
  devtools: ['github', 'gitlab', 'bitbucket', 'git', 'repo', 'repository', 'repositories', 'issue', 'issues', 'pull', 'pr', 'commit', 'commits', 'branch', 'branches', 'ci', 'cd', 'pipeline', 'pipelines', 'workflow', 'workflows', 'build', 'builds', 'jenkins', 'circleci', 'npm', 'package', 'packages', 'linear', 'jira', 'sonarqube', 'code', 'lint', 'release', 'releases', 'debug', 'debugger', 'debugging', 'breakpoint', 'breakpoints', 'tests', 'testing', 'coverage', 'vitest', 'jest', 'lsp', 'typescript', 'maven', 'godot', 'unity', 'roblox'],
  shell: ['shell', 'bash', 'zsh', 'powershell', 'terminal', 'command', 'commands', 'ssh', 'sftp', 'tmux', 'applescript', 'jxa', 'macos', 'adb', 'android', 'ios', 'simulator', 'simulators', 'device', 'devices', 'mobile', 'electron', 'desktop'],
  chat: ['slack', 'discord', 'teams', 'chat', 'message', 'messages', 'channel', 'channels', 'email', 'emails', 'mail', 'gmail', 'outlook', 'calendar', 'event', 'events', 'meeting', 'meetings', 'zoom', 'telegram', 'whatsapp', 'sms', 'twilio', 'asana', 'trello', 'monday', 'clickup', 'board', 'boards', 'task', 'tasks', 'comment', 'comments'],
  knowledge: ['notion', 'confluence', 'wiki', 'wikis', 'docs', 'documentation', 'note', 'notes', 'knowledge', 'memory', 'memories', 'graph', 'entity', 'entities', 'observation', 'observations', 'obsidian', 'page', 'pages', 'article', 'articles', 'context7', 'library'],
  web: ['browser', 'browsers', 'playwright', 'puppeteer', 'selenium', 'chromium', 'chrome', 'navigate', 'click', 'screenshot', 'scrape', 'scraping', 'crawl', 'crawler', 'fetch', 'url', 'urls', 'web', 'website', 'html', 'search', 'firecrawl', 'tavily', 'brave', 'exa', 'serp'],
  finance: ['payment', 'payments', 'stripe', 'invoice', 'invoices', 'billing', 'subscription', 'subscriptions', 'refund', 'refunds', 'charge', 'customer', 'accounting', 'ledger', 'bank', 'banking', 'crypto', 'bitcoin', 'ethereum', 'binance', 'exchange', 'wallet', 'wallets', 'token', 'tokens', 'defi', 'trade', 'trading', 'order', 'orders', 'futures', 'options', 'margin', 'staking', 'swap', 'paypal', 'quickbooks', 'xero', 'coinbase', 'blockchain', 'solana', 'price', 'prices'],
  business: ['crm', 'salesforce', 'hubspot', 'erp', 'erpnext', 'commerce', 'ecommerce', 'shop', 'shopify', 'store', 'stores', 'woocommerce', 'woo', 'product', 'products', 'cms', 'contentful', 'strapi', 'webflow', 'campaign', 'campaigns', 'marketing', 'lead', 'leads', 'contact', 'contacts', 'deal', 'deals', 'opportunity', 'opportunities', 'iterable', 'mailchimp'],
  identity: ['secret', 'secrets', 'vault', 'keyvault', 'password', 'passwords', 'credential', 'credentials', 'identity', 'auth', 'oauth', 'okta', 'auth0', 'iam', 'sso', 'user', 'users', 'role', 'roles', 'permission', 'permissions', 'policy', 'policies', '1password', 'bitwarden', 'certificate', 'certificates', 'key', 'keys'],
  design: ['figma', 'design', 'designs', 'diagram', 'diagrams', 'drawio', 'excalidraw', 'chart', 'charts', 'mermaid', 'echarts', 'svg', 'canvas', 'component', 'components', 'ui', 'css', 'shadcn', 'vuetify', 'kendo', 'whiteboard', 'visualization', 'mastergo'],
  media: ['llm', 'llms', 'gpt', 'openai', 'gemini', 'ollama', 'perplexity', 'deepseek', 'lm', 'chatgpt', 'image', 'images', 'audio', 'video', 'videos', 'voice', 'speech', 'transcribe', 'transcript', 'transcription', 'tts', 'replicate', 'minimax', 'everart', 'youtube', 'media', 'music', 'podcast', 'sonarr', 'radarr'],
  places: ['map', 'maps', 'geocode', 'geocoding', 'geo', 'location', 'locations', 'place', 'places', 'directions', 'weather', 'forecast', 'flight', 'flights', 'hotel', 'hotels', 'travel', 'itinerary', 'airport', 'airports', 'mapbox', 'amap'],
  files: ['file', 'files', 'filesystem', 'fs', 'directory', 'directories', 'folder', 'folders', 'drive', 'dropbox', 'box', 'onedrive', 'sharepoint', 's3', 'bucket', 'buckets', 'blob', 'storage', 'upload', 'download', 'pdf', 'document', 'documents', 'path', 'read', 'write'],
};

/** Words of `text`: camelCase, snake_case, kebab-case, scopes and dots split; lowercase. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const KEYWORD_SETS = Object.fromEntries(Object.entries(KEYWORDS).map(([d, ks]) => [d, new Set(ks)])) as Record<Exclude<Domain, 'other'>, Set<string>>;

/** What the domain is derived from. */
export interface DomainInput {
  id: string;
  name: string;
  description?: string;
  /** npm / PyPI package spec or registry name, if any. */
  package?: string;
  toolNames: readonly string[];
}

/** Each domain's score for `input` (see the module comment); "other" is not scored. */
export function domainScores(input: DomainInput): Record<Exclude<Domain, 'other'>, number> {
  const named = new Set(words([input.id, input.name, input.package ?? ''].join(' ')));
  const described = new Set(words(input.description ?? '').filter((w) => !named.has(w)));
  const toolWords = input.toolNames.map((n) => new Set(words(n)));
  const out = {} as Record<Exclude<Domain, 'other'>, number>;
  for (const d of DOMAINS) {
    if (d === 'other') continue;
    const keys = KEYWORD_SETS[d];
    let score = 0;
    for (const w of named) if (keys.has(w)) score += 4;
    for (const w of described) if (keys.has(w)) score += 2;
    if (toolWords.length > 0) {
      const hit = toolWords.filter((ws) => [...ws].some((w) => keys.has(w))).length;
      score += (4 * hit) / toolWords.length;
    }
    out[d] = score;
  }
  return out;
}

/** The server's domain: the best-scoring one, "other" below 2 points (ties: the earlier domain). */
export function serverDomain(input: DomainInput): Domain {
  const scores = domainScores(input);
  let best: Domain = 'other';
  let top = 1.999;
  for (const d of DOMAINS) {
    if (d === 'other') continue;
    if (scores[d] > top) {
      best = d;
      top = scores[d];
    }
  }
  return best;
}

/** Where a server's tool list comes from. */
export const SOURCE_KINDS = ['npm', 'pypi', 'registry', 'file', 'remote'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_LABEL: Record<SourceKind, string> = { npm: 'npm', pypi: 'PyPI', registry: 'MCP Registry (server.json)', file: 'Saved file', remote: 'Remote URL' };

/** Downloads a month of the server's package, and the date of the figure. */
export interface Downloads {
  monthly: number;
  asOf: string;
}

/** A `sources.yaml` entry, read loosely (only the fields browsing needs). */
export interface SourceEntry {
  id: string;
  npm?: string;
  pypi?: string;
  serverJson?: string;
  file?: string;
  url?: string;
  downloads?: Downloads;
}

function downloadsOf(v: unknown): Downloads | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { monthly, asOf } = v as { monthly?: unknown; asOf?: unknown };
  if (typeof monthly !== 'number' || !Number.isFinite(monthly) || monthly < 0) return undefined;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return undefined;
  return { monthly, asOf };
}

/**
 * The entries of a parsed `sources.yaml` (`{ servers: [...] }`), by id; anything that is not an
 * entry with a string id is left out (the file's own validation is `mcp-risk validate`'s job).
 */
export function sourceEntries(doc: unknown): Map<string, SourceEntry> {
  const out = new Map<string, SourceEntry>();
  const list = (doc as { servers?: unknown } | null)?.servers;
  if (!Array.isArray(list)) return out;
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    if (typeof r['id'] !== 'string') continue;
    const e: SourceEntry = { id: r['id'] };
    for (const k of ['npm', 'pypi', 'serverJson', 'file', 'url'] as const) if (typeof r[k] === 'string') e[k] = r[k] as string;
    const d = downloadsOf(r['downloads']);
    if (d) e.downloads = d;
    out.set(e.id, e);
  }
  return out;
}

/**
 * The source kind of a server: from its `sources.yaml` entry when there is one (`serverJson` before
 * the package it names, then `pypi`, `npm`, `file`, `url`), else from its `server.yaml` launch (a
 * saved file, a URL, or a package run with npx / uvx).
 */
export function sourceKind(entry: SourceEntry | undefined, server: Pick<SiteServer['server'], 'launch' | 'package'>): SourceKind {
  if (entry?.serverJson) return 'registry';
  if (entry?.pypi) return 'pypi';
  if (entry?.npm) return 'npm';
  if (entry?.file) return 'file';
  if (entry?.url) return 'remote';
  const l = server.launch;
  if (l.transport === 'file') return 'file';
  if (l.transport !== 'stdio') return 'remote';
  if (/^(uvx|uv|pip|pipx|python3?)$/.test(l.command)) return 'pypi';
  return 'npm';
}

/** One server as the browse views show it. */
export interface ServerBrowseRow {
  server: SiteServer;
  domain: Domain;
  source: SourceKind;
  downloads?: Downloads;
  /** Risk sort key: tools per level, Critical first (compared level by level). */
  riskKey: number[];
}

/** The sort orders of `/servers/`. */
export const SERVER_SORTS = ['risk', 'size', 'popularity', 'name'] as const;
export type ServerSort = (typeof SERVER_SORTS)[number];
export const SERVER_SORT_LABEL: Record<ServerSort, string> = {
  risk: 'Riskiest first (most Critical, then High... tools)',
  size: 'Most tools first',
  popularity: 'Most downloaded first',
  name: 'Name',
};

/** Risk key of a server: its tool counts per level, from Critical down. */
export function riskKey(counts: readonly { risk: Risk; count: number }[]): number[] {
  const by = new Map(counts.map((c) => [c.risk, c.count]));
  return [...RISK_LEVELS].sort((a, b) => riskRank(b) - riskRank(a)).map((r) => by.get(r) ?? 0);
}

const byName = (a: ServerBrowseRow, b: ServerBrowseRow): number => {
  const x = a.server.server.name.toLowerCase();
  const y = b.server.server.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.server.id < b.server.id ? -1 : a.server.id > b.server.id ? 1 : 0;
};

/** Compare two rows for `sort` (ties by name, then id; servers without downloads sort last by popularity). */
export function compareRows(sort: ServerSort, a: ServerBrowseRow, b: ServerBrowseRow): number {
  if (sort === 'risk') {
    for (let i = 0; i < a.riskKey.length; i += 1) if (a.riskKey[i] !== b.riskKey[i]) return b.riskKey[i]! - a.riskKey[i]!;
  } else if (sort === 'size') {
    const d = b.server.tools.length - a.server.tools.length;
    if (d !== 0) return d;
  } else if (sort === 'popularity') {
    const x = a.downloads?.monthly ?? -1;
    const y = b.downloads?.monthly ?? -1;
    if (x !== y) return y - x;
  }
  return byName(a, b);
}

/** The rows sorted by `sort` (a new array). */
export function sortRows(rows: readonly ServerBrowseRow[], sort: ServerSort): ServerBrowseRow[] {
  return [...rows].sort((a, b) => compareRows(sort, a, b));
}

/** The browse rows of `data` given its sources' entries, in catalogue order. */
export function browseRows(data: SiteData, sources: ReadonlyMap<string, SourceEntry>): ServerBrowseRow[] {
  return data.servers.map((s) => {
    const entry = sources.get(s.id);
    const own = downloadsOf((s.server as { downloads?: unknown }).downloads);
    const row: ServerBrowseRow = {
      server: s,
      domain: serverDomain({
        id: s.id,
        name: s.server.name,
        description: s.server.description,
        package: entry?.serverJson ?? entry?.pypi ?? s.server.package ?? entry?.npm,
        toolNames: s.tools.map((t) => t.name),
      }),
      source: sourceKind(entry, s.server),
      riskKey: riskKey(s.distribution.counts),
    };
    const downloads = own ?? entry?.downloads;
    if (downloads) row.downloads = downloads;
    return row;
  });
}

const cache = new WeakMap<SiteData, ServerBrowseRow[]>();

/** The browse rows of the build's catalogue (its `sources.yaml` read once, loosely), memoised. */
export function siteBrowseRows(data: SiteData): ServerBrowseRow[] {
  let rows = cache.get(data);
  if (rows) return rows;
  const file = join(data.dir, 'sources.yaml');
  let doc: unknown;
  try {
    doc = existsSync(file) ? parse(readFileSync(file, 'utf8')) : undefined;
  } catch (e) {
    throw new Error(`${file}: not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  rows = browseRows(data, sourceEntries(doc));
  cache.set(data, rows);
  return rows;
}

/** How many servers each domain and source kind has (for the filters' labels and the home page). */
export function browseCounts(rows: readonly ServerBrowseRow[]): { domains: Record<Domain, number>; sources: Record<SourceKind, number> } {
  const domains = Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
  const sources = Object.fromEntries(SOURCE_KINDS.map((k) => [k, 0])) as Record<SourceKind, number>;
  for (const r of rows) {
    domains[r.domain] += 1;
    sources[r.source] += 1;
  }
  return { domains, sources };
}

/** "12,400 a month (as of 2026-11-20)", or undefined without a figure. */
export function downloadsText(d: Downloads | undefined): string | undefined {
  return d ? `${Math.round(d.monthly).toLocaleString('en-US')} downloads a month (as of ${d.asOf})` : undefined;
}
