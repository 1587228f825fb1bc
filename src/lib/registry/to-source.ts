/**
 * From a parsed `server.json` to a `sources.yaml`-style entry the sandboxed runner can start: the
 * first runnable package (npm or pypi over stdio), else the first remote (Streamable HTTP / SSE).
 * Required inputs get dummy values (secrets always a dummy, never a default); the registry name,
 * version and declared environment variables are kept for server.yaml. Pure.
 */
import type { RegistryInfo } from '../schema/server.js';
import type { Source } from '../schema/source.js';
import { SANDBOX_VARS } from '../sources/env.js';
import { parseNpmSpec } from '../sources/npm-spec.js';
import { parsePypiSpec } from '../sources/pypi-spec.js';
import type { Argument, Input, KeyValueInput, Package, RemoteTransport, ServerJson, ServerJsonIssue } from './server-json.js';

/** A server.json turned into a source, with what to record and one note per choice made. */
export interface RegistrySource {
  source: Source;
  registry: RegistryInfo;
  /** e.g. `using packages[0] (npm @scope/x@1.2.3)`, `runtimeArguments of packages[0] ignored`. */
  notes: string[];
}

/** Folder id for a registry name: `io.github.Owner/my.server` -> `io-github-owner-my-server`. Pure. */
export function registrySlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 100)
    .replace(/[-_]+$/g, '');
  return slug || 'server';
}

const WHY_NOT: Partial<Record<Package['registryType'], string>> = {
  oci: 'oci packages are container images, and no container runtime is used here (run it yourself and ingest it with --url or --command)',
  nuget: 'nuget packages (.NET) are not installed here',
  mcpb: 'mcpb bundles are not installed here',
};

/** Replace `{name}` from `variables` (value, else default); unknown names stay as they are. */
function substitute(text: string, variables: Record<string, Input> | undefined): string {
  if (!variables) return text;
  return text.replace(/\{([A-Za-z0-9_.-]+)\}/g, (whole, key: string) => {
    const v = variables[key];
    const value = v && !v.isSecret ? v.value ?? v.default : v ? `dummy-${key}` : undefined;
    return value ?? whole;
  });
}

/** A dummy value for an input that has none: by format, first choice, or `dummy-<hint>`. */
function dummyFor(input: Input, hint: string): string {
  if (input.choices?.length) return input.choices[0] as string;
  if (input.format === 'number') return '1';
  if (input.format === 'boolean') return 'false';
  const safe = hint.replace(/[^A-Za-z0-9_.-]+/g, '-').toLowerCase() || 'value';
  if (input.format === 'filepath') return `{scratch}/${safe}`;
  return `dummy-${safe}`;
}

/**
 * The value an input is started with: a fixed `value` (variables substituted), else for a secret a
 * dummy, else its `default`, else a dummy when required; undefined when optional and unset.
 */
export function inputValue(input: Input & { variables?: Record<string, Input> | undefined }, hint: string): string | undefined {
  if (input.value !== undefined && !input.isSecret) return substitute(input.value, input.variables);
  if (input.isSecret) return input.isRequired || input.value !== undefined ? dummyFor({ ...input, choices: [] }, hint) : undefined;
  if (input.default !== undefined) return input.default;
  return input.isRequired ? dummyFor(input, hint) : undefined;
}

/** Command-line words for `packageArguments`. Pure. */
export function argumentWords(args: readonly Argument[]): string[] {
  const words: string[] = [];
  for (const a of args) {
    if (a.type === 'positional') {
      // A positional is part of the command line whenever it is declared: a dummy if it has no value.
      const v = inputValue({ ...a, isRequired: true }, a.valueHint ?? 'arg');
      if (v !== undefined) words.push(v);
    } else {
      const v = inputValue(a, a.name.replace(/^-+/, ''));
      if (v === undefined) continue;
      if (a.format === 'boolean' && a.value === undefined) {
        if (v === 'true') words.push(a.name);
        continue;
      }
      words.push(a.name, v);
    }
  }
  return words;
}

/** Registry env declarations for server.yaml (names and flags, never values). */
export function declaredEnv(vars: readonly KeyValueInput[] | undefined): RegistryInfo['env'] {
  return (vars ?? []).map((v) => ({
    name: v.name,
    required: v.isRequired === true,
    secret: v.isSecret === true,
    ...(v.description ? { description: v.description } : {}),
  }));
}

function httpsOrUndefined(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/**
 * Turn `server` into a source. `id` defaults to {@link registrySlug} of the registry name. Returns
 * issues (file, field, message) when nothing in it can be started here.
 */
export function sourceFromServerJson(
  server: ServerJson,
  file: string,
  opts: { id?: string } = {},
): { ok: true; value: RegistrySource } | { ok: false; issues: ServerJsonIssue[] } {
  const id = opts.id ?? registrySlug(server.name);
  const notes: string[] = [];
  const base = {
    id,
    name: server.title ?? server.name,
    description: server.description,
    ...(httpsOrUndefined(server.repository?.url) ? { repository: server.repository?.url as string } : {}),
    ...(httpsOrUndefined(server.websiteUrl) ? { homepage: server.websiteUrl as string } : {}),
  };
  const skipped: ServerJsonIssue[] = [];
  const packages = server.packages ?? [];
  for (const [n, p] of packages.entries()) {
    const at = `packages[${n}]`;
    if (p.registryType !== 'npm' && p.registryType !== 'pypi') {
      skipped.push({ file, path: `${at}.registryType`, message: WHY_NOT[p.registryType] ?? `${p.registryType} packages are not runnable here` });
      continue;
    }
    if (p.transport.type !== 'stdio') {
      skipped.push({ file, path: `${at}.transport.type`, message: `${p.transport.type} packages start their own HTTP server; only stdio packages are started here` });
      continue;
    }
    const version = p.version ?? '';
    const spec = p.registryType === 'npm' ? `${p.identifier}@${version}` : `${p.identifier}==${version}`;
    const check = p.registryType === 'npm' ? parseNpmSpec(spec) : parsePypiSpec(spec);
    if (!check.ok) return { ok: false, issues: [{ file, path: `${at}.version`, message: check.message }] };
    const env: Record<string, string> = {};
    for (const [k, v] of (p.environmentVariables ?? []).entries()) {
      if ((SANDBOX_VARS as readonly string[]).includes(v.name)) {
        notes.push(`${at}.environmentVariables[${k}] ${v.name} is set by the sandbox; the declared value is not used`);
        continue;
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name)) return { ok: false, issues: [{ file, path: `${at}.environmentVariables[${k}].name`, message: `"${v.name}" is not a valid variable name` }] };
      const value = inputValue(v, v.name);
      if (value !== undefined) env[v.name] = value;
    }
    if (p.runtimeArguments?.length) notes.push(`${at}.runtimeArguments are for ${p.runtimeHint ?? 'the runtime'} and are not used (the package is run directly)`);
    if (p.registryBaseUrl) notes.push(`${at}.registryBaseUrl ${p.registryBaseUrl} is not used (the install uses the configured registry or index)`);
    notes.push(`using ${at} (${p.registryType} ${spec})`);
    const source: Source = {
      ...base,
      ...(p.registryType === 'npm' ? { npm: spec } : { pypi: spec }),
      args: argumentWords(p.packageArguments ?? []),
      env,
    };
    return {
      ok: true,
      value: { source, notes, registry: { name: server.name, version: server.version, started: p.registryType, env: declaredEnv(p.environmentVariables) } },
    };
  }
  for (const [n, r] of (server.remotes ?? []).entries()) {
    const remote = r as RemoteTransport;
    const url = substitute(remote.url, remote.variables);
    if (/\{[^}]*\}/.test(url) || !/^https?:\/\//i.test(url)) {
      skipped.push({ file, path: `remotes[${n}].url`, message: `"${url}" is not a usable http(s) URL once its variables are filled in` });
      continue;
    }
    const headers = (remote.headers ?? []).filter((h) => h.isRequired);
    if (headers.length) notes.push(`remotes[${n}] requires header${headers.length > 1 ? 's' : ''} ${headers.map((h) => h.name).join(', ')}, which ${headers.length > 1 ? 'are' : 'is'} not sent (listing tools needs no credentials)`);
    notes.push(`using remotes[${n}] (${remote.type} ${url})`);
    return {
      ok: true,
      value: {
        source: { ...base, url, args: [], env: {} },
        notes,
        // Headers are not environment variables; the required ones are named in the notes.
        registry: { name: server.name, version: server.version, started: 'remote', env: [] },
      },
    };
  }
  if (skipped.length) return { ok: false, issues: skipped };
  return { ok: false, issues: [{ file, path: 'packages', message: 'declares no package and no remote, so there is nothing to start' }] };
}
