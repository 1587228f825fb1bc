/** `/api/catalog.json`: every server and a one-line summary of every tool. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/view/site-data.js';
import { catalogJson } from '../../lib/view/api.js';

export const GET: APIRoute = ({ site }) => Response.json(catalogJson(getSiteData(), site ?? 'http://localhost:4321'));
