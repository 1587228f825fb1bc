/**
 * `mcp-risk audit --live`: list the config's servers that are not in the catalogue. Placeholder
 * replaced below.
 */
import type { AuditServer, CatalogueIndex, ParsedConfig } from '../../src/lib/audit/index.js';
import type { ListLimits } from '../../src/lib/ingest/index.js';

/** Options of `listUnknown`. */
export interface LiveOptions {
  catalog: string;
  useEnv: boolean;
  limits: Partial<ListLimits>;
  scratch?: string;
  progress: (line: string) => void;
}

export async function listUnknown(_config: ParsedConfig, _catalogue: CatalogueIndex, _opts: LiveOptions): Promise<Map<string, AuditServer | { error: string }>> {
  return new Map();
}
