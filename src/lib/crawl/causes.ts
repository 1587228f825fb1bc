/**
 * Why a source could not be listed, as one of a few causes, from the failure's one-line message
 * (npm's, the server's stderr tail, or the ingestion library's). SKIPPED.md groups by these, and
 * `registry-missing` marks what another registry might serve (retry it elsewhere).
 */

export const CAUSES = {
  'registry-missing': 'A dependency (or a version of one) is not served by this npm registry',
  'install-failed': 'npm install failed for another reason (resolution conflict, engine, timeout)',
  'not-a-server': 'The package declares no bin and no main to run (a library or a CLI, not a server)',
  'node-version': 'Needs a newer Node than the one the catalogue is built with',
  'native-module': 'Needs a native module built by an install script (install scripts are disabled)',
  'missing-module': 'Crashes at start on a module that cannot be found (broken package or import)',
  'needs-network': 'Needs the network at start (the sandbox has loopback only)',
  'needs-credentials': 'Exits at start asking for configuration or credentials no dummy value satisfied',
  timeout: 'Started but never answered initialize or tools/list in time (often: waits for a browser, a socket or a login)',
  'no-tools': 'Answered, but listed no tools',
  protocol: 'Spoke something other than MCP on stdout (a CLI, or a server that logs to stdout)',
  exited: 'Exited at start for another reason',
} as const;
export type Cause = keyof typeof CAUSES;

const RULES: ReadonlyArray<readonly [Cause, RegExp]> = [
  ['registry-missing', /\bE404\b|npm error 404\b|npm error network|\bETARGET\b|notarget|No matching version|404 Not Found|is not in this registry|could not be found in the registry/i],
  ['node-version', /requires? Node(?:\.js)?[^|]{0,30}(?:2[2-9]|>=\s*2[2-9])|node:sqlite|EBADENGINE|Unsupported engine|Node\.js (?:v)?2[2-9](?:\.\d+)? or (?:later|higher|newer)|navigator is not defined|File is not defined|ERR_REQUIRE_ESM|Invalid regular expression flags|styleText is not a function|getBuiltinModule|markAsUncloneable/i],
  ['native-module', /\.node['"\s]|Could not locate the bindings file|NODE_MODULE_VERSION|prebuild|node-gyp|Cannot find module '\.\.?\/build\/|keytar|better_sqlite3|better-sqlite3|sharp-|ERR_DLOPEN_FAILED|onnxruntime|No native build/i],
  ['install-failed', /npm install .* failed/i],
  ['not-a-server', /declares no bin|has several bins|no main file|is missing from the package/i],
  ['missing-module', /Cannot find module|ERR_MODULE_NOT_FOUND|Cannot find package|ERR_PACKAGE_PATH_NOT_EXPORTED|does not provide an export named|SyntaxError/i],
  ['needs-network', /ENOTFOUND|EAI_AGAIN|getaddrinfo|ENETUNREACH|fetch failed|ECONNREFUSED|connect ECONN|socket hang up/i],
  ['needs-credentials', /\b(?:required|missing|must be (?:set|provided)|not set|not configured|not found in environment|please (?:set|provide)|is undefined)\b.{0,80}|\b(?:api[_ ]?key|token|credential|secret|password|env(?:ironment)? var)/i],
];

/**
 * The cause of a failed attempt. `code` is the ingestion error code when there is one
 * (`timeout`, `exited`, `protocol`, ...), `phase` where it failed. Pure.
 */
export function classifyFailure(message: string, code?: string, phase?: 'install' | 'prepare' | 'list'): Cause {
  if (code === 'no-tools') return 'no-tools';
  for (const [cause, re] of RULES) {
    if (cause === 'install-failed' && phase !== 'install') continue;
    if (re.test(message)) {
      // An install that npm refused for a missing package is the registry's doing, anything else npm's.
      if (phase === 'install' && cause !== 'registry-missing' && cause !== 'node-version') return 'install-failed';
      return cause;
    }
  }
  if (phase === 'install') return 'install-failed';
  if (code === 'timeout') return 'timeout';
  if (code === 'protocol') return 'protocol';
  return 'exited';
}

/** Causes a second try (README env names, `--stdio`, the main file) may fix. */
export const RETRYABLE: ReadonlySet<Cause> = new Set<Cause>(['needs-credentials', 'needs-network', 'timeout', 'no-tools', 'protocol', 'exited', 'not-a-server']);
