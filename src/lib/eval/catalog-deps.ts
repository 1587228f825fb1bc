/** The catalogue pieces the corpus snapshot uses (one import site, so the corpus module stays small). */
export { listServerIds, loadServer, parseToolText, parseYaml, type CatalogServer } from '../catalog/index.js';
export { ServerSchema } from '../schema/index.js';
