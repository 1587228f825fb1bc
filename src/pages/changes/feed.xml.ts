/** `/changes/feed.xml`: Atom feed of recent tool definition changes, riskiest first. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/view/site-data.js';
import { changesFeedXml } from '../../lib/view/changes-feed.js';

export const GET: APIRoute = ({ site }) =>
  new Response(changesFeedXml(getSiteData(), site ?? 'http://localhost:4321'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
