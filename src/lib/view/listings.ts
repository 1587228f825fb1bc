/**
 * The paginated listing routes (`/tools/`, `/categories/<c>/`, `/risk/<level>/`, 100 tools a page):
 * each page's path, route parameters and props. The props are everything a listing page renders
 * besides the site's settings and templates (its pages read nothing else from the site data), so
 * the build manifest (src/lib/build/manifest.ts) hashes them to tell which listing pages an
 * incremental build must render again: a one-tool change that does not move the tool changes one
 * page per listing, not every page.
 */
import { CATEGORIES, RISK_LEVELS, type Category, type Risk } from '../schema/index.js';
import { paginate, pageParam, type PageSlice } from './browse.js';
import { riskDistribution } from './distribution.js';
import { categorySegment, riskSegment } from './labels.js';
import type { SiteData, SiteTool } from './site-data.js';
import { urls } from './urls.js';

/** One listing page: its path (`/tools/2/`), route parameters and props. */
export interface ListingRoute<P> {
  path: string;
  params: Record<string, string | undefined>;
  props: P;
}

/** Props of an `/tools/` page. */
export interface ToolsPageProps {
  slice: PageSlice<SiteTool>;
  /** Tools and servers in the catalogue (the page's summary line and server filter). */
  toolCount: number;
  servers: { id: string; name: string }[];
}

/** Props of a `/categories/<c>/` page. */
export interface CategoryPageProps {
  category: Category;
  slice: PageSlice<SiteTool>;
  /** The category's risk distribution (over all its tools, not the page's). */
  dist: ReturnType<typeof riskDistribution>;
}

/** Props of a `/risk/<level>/` page. */
export interface RiskPageProps {
  level: Risk;
  slice: PageSlice<SiteTool>;
}

/** The `/tools/` pages. */
export function toolsListing(data: SiteData): ListingRoute<ToolsPageProps>[] {
  const servers = data.servers.map((s) => ({ id: s.id, name: s.server.name }));
  return paginate(data.tools).map((slice) => ({
    path: urls.tools(slice.page),
    params: { page: pageParam(slice.page) },
    props: { slice, toolCount: data.tools.length, servers },
  }));
}

/** The `/categories/<c>/` pages of every category. */
export function categoryListings(data: SiteData): ListingRoute<CategoryPageProps>[] {
  return CATEGORIES.flatMap((category) => {
    // Once per category, not once per page (a category can have thousands of pages).
    const dist = riskDistribution(data.byCategory[category].map((t) => t.verdict));
    return paginate(data.byCategory[category]).map((slice) => ({
      path: urls.category(category, slice.page),
      params: { category: categorySegment(category), page: pageParam(slice.page) },
      props: { category, slice, dist },
    }));
  });
}

/** The `/risk/<level>/` pages of every level. */
export function riskListings(data: SiteData): ListingRoute<RiskPageProps>[] {
  return RISK_LEVELS.flatMap((level) =>
    paginate(data.byRisk[level]).map((slice) => ({
      path: urls.risk(level, slice.page),
      params: { level: riskSegment(level), page: pageParam(slice.page) },
      props: { level, slice },
    })),
  );
}

/** Every listing page. */
export function listingRoutes(data: SiteData): ListingRoute<unknown>[] {
  return [...toolsListing(data), ...categoryListings(data), ...riskListings(data)];
}
