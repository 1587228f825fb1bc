/** `/changes/changes.json`: recent tool definition changes, riskiest first, as JSON. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/view/site-data.js';
import { changesJsonFor } from '../../lib/view/changes-feed.js';

export const GET: APIRoute = ({ site }) => Response.json(changesJsonFor(getSiteData(), site ?? 'http://localhost:4321'));
