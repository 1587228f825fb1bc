/**
 * The "MCP Registry entry" part of a server page: the registry name and version a server was
 * ingested from (`server.yaml` `registry`), what was started, and the environment variables its
 * server.json declares (secret ones marked). Display text only; values are never stored.
 */
import type { Server } from '../schema/index.js';

export interface RegistryEnvRow {
  name: string;
  required: boolean;
  secret: boolean;
  /** "required, secret", "optional"... */
  flags: string;
  description: string;
}

export interface RegistryView {
  name: string;
  version: string;
  /** One sentence: which part of the server.json was started for the listing. */
  started: string;
  env: RegistryEnvRow[];
  /** How many declared variables are secret. */
  secrets: number;
}

const STARTED: Record<string, string> = {
  npm: 'Its npm package was installed and started over stdio for this listing.',
  pypi: 'Its PyPI package was installed and started over stdio for this listing.',
  remote: 'Its remote endpoint was listed over HTTP.',
};

/** The registry section of a server page, or undefined when the server did not come from a server.json. Pure. */
export function registryView(server: Server): RegistryView | undefined {
  const r = server.registry;
  if (!r) return undefined;
  const env = r.env.map((e) => ({
    name: e.name,
    required: e.required,
    secret: e.secret,
    flags: [e.required ? 'required' : 'optional', ...(e.secret ? ['secret'] : [])].join(', '),
    description: e.description ?? '',
  }));
  return {
    name: r.name,
    version: r.version,
    started: (r.started && STARTED[r.started]) ?? 'It was started from its server.json for this listing.',
    env,
    secrets: env.filter((e) => e.secret).length,
  };
}
