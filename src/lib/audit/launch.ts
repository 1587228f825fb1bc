/**
 * What a server entry runs: the npm or PyPI package (and version) in its command, for the
 * catalogue lookup. Understood: `npx [-y] pkg@ver`, `npx -p pkg bin`, `npm exec -- pkg`,
 * `bunx pkg`, `pnpm dlx pkg`, `pnpx pkg`, `yarn dlx pkg`, `node .../node_modules/<pkg>/...`,
 * `.../node_modules/.bin/<bin>`, `uvx pkg[==ver]`, `uvx --from pkg bin`, `uv tool run pkg`,
 * `pipx run [--spec pkg] pkg[==ver]`. Pure.
 */

/** A package a command runs. `version` is an exact version, or absent when unpinned. */
export interface LaunchPackage {
  ecosystem: 'npm' | 'pypi';
  name: string;
  version?: string;
  /** The version text given when it is not an exact version (a tag or a range). */
  range?: string;
  /** Found only as a `node_modules/.bin/<bin>` name (a bin, not necessarily the package name). */
  binOnly?: boolean;
}

const EXACT_NPM = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const EXACT_PYPI = /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/;

/** The command's program name: last path segment, without `.cmd`/`.exe`, lowercased. */
export function programName(command: string): string {
  const parts = command.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').replace(/\.(?:cmd|exe|bat|ps1)$/i, '').toLowerCase();
}

/** `name@version` / `@scope/name@version` / `name` as a package; undefined if it is not a package name. */
export function parseNpmArg(spec: string): LaunchPackage | undefined {
  const m = /^((?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*)(?:@(.+))?$/i.exec(spec);
  if (!m) return undefined;
  const name = (m[1] as string).toLowerCase();
  const version = m[2];
  const out: LaunchPackage = { ecosystem: 'npm', name };
  if (version !== undefined) {
    if (EXACT_NPM.test(version)) out.version = version;
    else out.range = version;
  }
  return out;
}

/** PyPI's normalised name (PEP 503). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg`, `pkg==1.2.3`, `pkg@1.2.3`, `pkg[extra]>=1` as a PyPI package. */
export function parsePypiArg(spec: string): LaunchPackage | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:(==|@|>=|<=|~=|!=|>|<)\s*(.+))?$/.exec(spec);
  if (!m) return undefined;
  const out: LaunchPackage = { ecosystem: 'pypi', name: normalizePypiName(m[1] as string) };
  const op = m[2];
  const version = m[3];
  if (op !== undefined && version !== undefined) {
    if ((op === '==' || op === '@') && EXACT_PYPI.test(version)) out.version = version;
    else out.range = `${op}${version}`;
  }
  return out;
}

/** Options of each runner that take a value (the next argument), so it is not read as the package. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  npx: new Set(['-p', '--package', '-c', '--call', '--cache', '--registry', '--userconfig', '-w', '--workspace']),
  npm: new Set(['-p', '--package', '-c', '--call', '--cache', '--registry', '--userconfig', '-w', '--workspace', '--prefix']),
  bunx: new Set(['-p', '--package']),
  pnpm: new Set(['--package', '-C', '--dir', '--registry']),
  yarn: new Set(['-p', '--package', '--cwd']),
  uvx: new Set(['--from', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--index-url', '--extra-index-url', '--default-index', '-i', '--directory', '--project', '--env-file', '-c', '--constraints', '--cache-dir', '--config-file']),
  pipx: new Set(['--spec', '--python', '--pip-args', '--index-url']),
};

/** The first positional argument (skipping flags and their values), and the values of `--package`-like flags. */
function scan(args: readonly string[], valueOptions: ReadonlySet<string>): { positional?: string; given: Map<string, string> } {
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (a === '--') return { ...(args[i + 1] !== undefined ? { positional: args[i + 1] as string } : {}), given };
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      if (eq > 0) given.set(a.slice(0, eq), a.slice(eq + 1));
      else if (valueOptions.has(a)) {
        const v = args[i + 1];
        if (v !== undefined) given.set(a, v);
        i += 1;
      }
      continue;
    }
    return { positional: a, given };
  }
  return { given };
}

function fromNodeModules(path: string): LaunchPackage | undefined {
  const p = path.replace(/\\/g, '/');
  const bin = /node_modules\/\.bin\/([^/]+)$/.exec(p);
  if (bin) {
    const name = (bin[1] as string).replace(/\.(?:cmd|ps1)$/i, '').toLowerCase();
    return { ecosystem: 'npm', name, binOnly: true };
  }
  const m = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(p);
  return m ? { ecosystem: 'npm', name: (m[1] as string).toLowerCase() } : undefined;
}

/** The package a stdio command runs, if it is one of the runners above. */
export function launchPackage(command: string, args: readonly string[]): LaunchPackage | undefined {
  const prog = programName(command);
  const direct = fromNodeModules(command);
  if (direct) return direct;
  const npmLike = (rest: readonly string[], runner: string): LaunchPackage | undefined => {
    const { positional, given } = scan(rest, VALUE_OPTIONS[runner] ?? new Set());
    const pkg = given.get('--package') ?? given.get('-p');
    if (pkg !== undefined) return parseNpmArg(pkg);
    return positional !== undefined ? parseNpmArg(positional) : undefined;
  };
  switch (prog) {
    case 'npx':
    case 'pnpx':
      return npmLike(args, 'npx');
    case 'bunx':
      return npmLike(args, 'bunx');
    case 'bun':
      return args[0] === 'x' ? npmLike(args.slice(1), 'bunx') : undefined;
    case 'npm':
      return args[0] === 'exec' || args[0] === 'x' ? npmLike(args.slice(1), 'npm') : undefined;
    case 'pnpm':
      return args[0] === 'dlx' ? npmLike(args.slice(1), 'pnpm') : undefined;
    case 'yarn':
      return args[0] === 'dlx' ? npmLike(args.slice(1), 'yarn') : undefined;
    case 'node':
    case 'nodejs':
    case 'bun-node': {
      const script = args.find((a) => !a.startsWith('-'));
      return script ? fromNodeModules(script) : undefined;
    }
    case 'uvx':
    case 'uv': {
      const rest = prog === 'uvx' ? args : args[0] === 'tool' && args[1] === 'run' ? args.slice(2) : undefined;
      if (!rest) return undefined;
      const { positional, given } = scan(rest, VALUE_OPTIONS.uvx as ReadonlySet<string>);
      const from = given.get('--from');
      if (from !== undefined) return parsePypiArg(from);
      return positional !== undefined ? parsePypiArg(positional) : undefined;
    }
    case 'pipx': {
      if (args[0] !== 'run') return undefined;
      const { positional, given } = scan(args.slice(1), VALUE_OPTIONS.pipx as ReadonlySet<string>);
      const spec = given.get('--spec');
      if (spec !== undefined) return parsePypiArg(spec);
      return positional !== undefined ? parsePypiArg(positional) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A URL reduced for comparison: lowercase scheme and host, no default port, no credentials,
 * query or fragment, no trailing slash. Undefined when it does not parse as http(s).
 */
export function normalizeUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host.toLowerCase()}${path}`;
}
