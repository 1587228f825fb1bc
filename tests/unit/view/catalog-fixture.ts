/** An in-memory catalogue server for the view tests: tools as given, slugs = names, optional reviews. */
import type { Catalog, CatalogTool } from '../../../src/lib/catalog/index.js';
import type { Review, Server, ToolDefinition } from '../../../src/lib/schema/index.js';

export function catalogServer(id: string, defs: ToolDefinition[], reviews: Record<string, Review> = {}): Catalog['servers'][number] {
  const s: Server = {
    id,
    name: `Server ${id}`,
    description: '',
    launch: { transport: 'stdio', command: 'x', args: [], env: [] },
    ingestedAt: '2026-01-01T00:00:00Z',
    toolsHash: 'sha256:0',
    toolCount: defs.length,
  };
  const tools: CatalogTool[] = defs.map((definition, position) => {
    const t: CatalogTool = { slug: definition.name, file: `/x/${definition.name}.md`, position, definition, body: '' };
    const r = reviews[definition.name];
    if (r) t.review = r;
    return t;
  });
  return { id, dir: `/x/${id}`, server: s, tools };
}
