/**
 * Words for synthetic tool definitions: product domains with their resources, verbs grouped by the
 * kind of action, and sentence templates. Chosen to look like real MCP servers' tools (GitHub-,
 * Kubernetes-, Stripe-, exchange-, file-system-like), so classifier and search timings are realistic.
 */

/** A kind of action; it picks the verbs and the sentences of a synthetic tool. */
export type VerbKind = 'read' | 'write' | 'destructive' | 'execute' | 'financial';

/** One product area a synthetic server covers. */
export interface Domain {
  /** Server-name stem, e.g. `GitHub`. */
  product: string;
  /** Lowercase prefix some naming styles put before every tool name. */
  prefix: string;
  /** Resources the tools act on (singular, lowercase, may contain spaces). */
  nouns: readonly string[];
  /** Whether money-moving verbs make sense here. */
  financial: boolean;
}

export const DOMAINS: readonly Domain[] = [
  { product: 'GitHub', prefix: 'github', nouns: ['issue', 'pull request', 'repository', 'branch', 'commit', 'release', 'workflow run', 'gist', 'label', 'milestone', 'review comment', 'tag', 'webhook', 'deploy key', 'team'], financial: false },
  { product: 'Kubernetes', prefix: 'k8s', nouns: ['pod', 'deployment', 'service', 'namespace', 'config map', 'secret', 'node', 'job', 'cron job', 'ingress', 'persistent volume', 'replica set', 'stateful set', 'event', 'helm release'], financial: false },
  { product: 'Stripe', prefix: 'stripe', nouns: ['customer', 'invoice', 'payment intent', 'subscription', 'refund', 'price', 'product', 'coupon', 'payout', 'balance transaction', 'dispute', 'checkout session'], financial: true },
  { product: 'Exchange', prefix: 'exchange', nouns: ['order', 'spot order', 'futures position', 'margin loan', 'wallet', 'deposit address', 'withdrawal', 'trade', 'ticker', 'order book', 'listen key', 'sub account'], financial: true },
  { product: 'Files', prefix: 'fs', nouns: ['file', 'directory', 'symlink', 'file permission', 'archive', 'file metadata', 'temporary file', 'mount point'], financial: false },
  { product: 'Postgres', prefix: 'pg', nouns: ['table', 'row', 'schema', 'index', 'view', 'database', 'role', 'extension', 'query plan', 'migration', 'backup'], financial: false },
  { product: 'Slack', prefix: 'slack', nouns: ['message', 'channel', 'thread', 'reaction', 'user group', 'reminder', 'file upload', 'bookmark', 'canvas', 'workspace member'], financial: false },
  { product: 'Cloud Storage', prefix: 'storage', nouns: ['bucket', 'object', 'bucket policy', 'lifecycle rule', 'signed url', 'object version', 'access key', 'multipart upload'], financial: false },
  { product: 'Calendar', prefix: 'calendar', nouns: ['event', 'calendar', 'attendee', 'meeting room', 'availability slot', 'recurring event', 'reminder'], financial: false },
  { product: 'CRM', prefix: 'crm', nouns: ['contact', 'deal', 'company', 'lead', 'pipeline', 'note', 'task', 'email sequence', 'owner', 'ticket'], financial: false },
  { product: 'Browser', prefix: 'browser', nouns: ['tab', 'page', 'cookie', 'screenshot', 'download', 'form field', 'network request', 'console message', 'local storage item'], financial: false },
  { product: 'Docker', prefix: 'docker', nouns: ['container', 'image', 'volume', 'network', 'compose project', 'registry credential', 'build cache'], financial: false },
  { product: 'Analytics', prefix: 'analytics', nouns: ['report', 'dashboard', 'metric', 'segment', 'funnel', 'cohort', 'event property', 'alert'], financial: false },
  { product: 'Payments Wallet', prefix: 'wallet', nouns: ['token balance', 'transfer', 'swap quote', 'staking position', 'gas estimate', 'nft', 'allowance', 'bridge route'], financial: true },
];

export const VERBS: Readonly<Record<VerbKind, readonly string[]>> = {
  read: ['get', 'list', 'search', 'describe', 'fetch', 'read', 'query', 'find', 'show', 'lookup', 'count', 'inspect', 'view', 'check'],
  write: ['create', 'update', 'add', 'set', 'upload', 'rename', 'move', 'assign', 'post', 'edit', 'patch', 'tag', 'send', 'import', 'configure'],
  destructive: ['delete', 'remove', 'purge', 'drop', 'destroy', 'terminate', 'revoke', 'wipe', 'truncate', 'close', 'cancel', 'archive'],
  execute: ['run', 'execute', 'invoke', 'trigger', 'deploy', 'restart', 'rerun', 'exec', 'evaluate', 'rollout'],
  financial: ['transfer', 'pay', 'withdraw', 'buy', 'sell', 'refund', 'charge', 'place', 'stake', 'swap'],
};

/** Words that vary names beyond verb + noun (`list_archived_issues`, `get_issue_by_id`). */
export const MODIFIERS: readonly string[] = ['archived', 'draft', 'pending', 'recent', 'shared', 'default', 'public', 'private', 'scheduled', 'failed', 'active', 'bulk', 'user', 'org', 'team', 'global'];
export const SUFFIXES: readonly string[] = ['by id', 'by name', 'batch', 'v2', 'details', 'summary', 'history', 'status', 'stats', 'async'];

/** First sentences per verb kind; `{verb}`, `{noun}`, `{product}` are filled in. */
export const LEADS: Readonly<Record<VerbKind, readonly string[]>> = {
  read: ['{Verb} {noun}s in {product}.', 'Returns the {noun} with the given identifier from {product}.', '{Verb} {noun} details, including status and owner.', 'Retrieves a paginated list of {noun}s visible to the authenticated user.'],
  write: ['{Verb} a {noun} in {product}.', 'Creates or updates a {noun} with the given fields.', '{Verb} the {noun} and returns the updated object.', 'Applies changes to an existing {noun} in {product}.'],
  destructive: ['{Verb} a {noun} from {product}. This action cannot be undone.', 'Permanently deletes the {noun} and everything attached to it.', '{Verb} the {noun}; any data it holds is lost.', 'Removes a {noun} from {product} immediately.'],
  execute: ['{Verb} a {noun} job on {product} and waits for it to finish.', 'Runs an arbitrary command inside the {noun}.', '{Verb} the {noun} pipeline with the given parameters.', 'Starts the {noun} and streams its output.'],
  financial: ['{Verb} funds using the {noun}.', 'Places a market order for the {noun} and debits the account.', '{Verb} the {noun} amount to the destination account.', 'Executes a {noun} payment in the account currency.'],
};

/** Further sentences any tool may carry. */
export const EXTRAS: readonly string[] = [
  'Results are paginated; pass the cursor from the previous response to get the next page.',
  'Requires an API token with the appropriate scope.',
  'Use this when the user asks about a specific {noun} by name or id.',
  'Rate limited to 30 requests per minute per workspace.',
  'Returns JSON with the fields id, name, status, created_at and updated_at.',
  'Timestamps are ISO 8601 in UTC.',
  'The caller must have admin rights on the {product} workspace.',
  'Fields that are not supplied keep their current values.',
  'Large responses are truncated to the first 100 items.',
  'Supports filtering by owner, label and creation date.',
  'Set dry_run to true to preview the change without applying it.',
  'If the {noun} does not exist, an error with code 404 is returned.',
];

/** Parameter names and their JSON Schema types. */
export const PARAMS: readonly { name: string; type: 'string' | 'integer' | 'boolean' | 'number' | 'array'; description: string }[] = [
  { name: 'id', type: 'string', description: 'Identifier of the {noun}.' },
  { name: 'name', type: 'string', description: 'Display name of the {noun}.' },
  { name: 'owner', type: 'string', description: 'Owner account or organisation.' },
  { name: 'limit', type: 'integer', description: 'Maximum number of results (1-100).' },
  { name: 'cursor', type: 'string', description: 'Pagination cursor from a previous call.' },
  { name: 'dry_run', type: 'boolean', description: 'Preview the change without applying it.' },
  { name: 'force', type: 'boolean', description: 'Skip confirmation checks.' },
  { name: 'labels', type: 'array', description: 'Labels to filter or apply.' },
  { name: 'amount', type: 'number', description: 'Amount in the account currency.' },
  { name: 'query', type: 'string', description: 'Free-text search query.' },
  { name: 'since', type: 'string', description: 'Only items changed after this ISO 8601 time.' },
  { name: 'namespace', type: 'string', description: 'Namespace or project the {noun} belongs to.' },
  { name: 'region', type: 'string', description: 'Region code, e.g. eu-west-1.' },
  { name: 'body', type: 'string', description: 'Content of the {noun} in Markdown.' },
  { name: 'recursive', type: 'boolean', description: 'Apply to nested items too.' },
];

/** Enum values a `status`-like parameter may carry. */
export const STATUS_ENUM: readonly string[] = ['open', 'closed', 'all', 'pending', 'failed', 'succeeded'];
