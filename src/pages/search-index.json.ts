/** `/search-index.json`: the search index, fetched by /search/ only when search is used. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../lib/view/site-data.js';
import { searchIndexFor } from '../lib/view/api.js';

export const GET: APIRoute = () => Response.json(searchIndexFor(getSiteData()));
