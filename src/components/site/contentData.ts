/**
 * Reading the content plugin's global data (`usePluginData('essaim-content')`) in one place, so
 * that the site's components do not depend on its exact shape. Every field is optional: the
 * components render without it.
 */
import { usePluginData } from '@docusaurus/useGlobalData';

export interface RefTarget {
  titre: string;
  url: string;
}

export interface ContentData {
  refs?: Record<string, RefTarget>;
  [key: string]: unknown;
}

export function useContentData(): ContentData {
  return (usePluginData('essaim-content') as ContentData | undefined) ?? {};
}

export function useRefs(): Record<string, RefTarget> {
  return useContentData().refs ?? {};
}

/** One line of the home page's lists. */
export interface HomeItem {
  titre: string;
  url: string;
  /** Date shown next to the title (AAAA-MM-JJ or date-time). */
  date?: string;
  /** Short context: collection, funder, place… */
  detail?: string;
}

export interface HomeLists {
  latest: HomeItem[];
  calls: HomeItem[];
  events: HomeItem[];
}

function items(value: unknown, max: number): HomeItem[] {
  if (!Array.isArray(value)) return [];
  const out: HomeItem[] = [];
  for (const v of value) {
    if (!v || typeof v !== 'object') continue;
    const r = v as Record<string, unknown>;
    if (typeof r.titre !== 'string' || typeof r.url !== 'string') continue;
    const date = [r.date, r.cloture, r.debut, r.date_maj].find((d): d is string => typeof d === 'string');
    const detail = [r.detail, r.financeur, r.collection_label, r.lieu].find((d): d is string => typeof d === 'string');
    out.push({ titre: r.titre, url: r.url, ...(date ? { date } : {}), ...(detail ? { detail } : {}) });
    if (out.length >= max) break;
  }
  return out;
}

/** Latest entries, calls closing soon and upcoming events, as computed by the content plugin at build time. */
export function useHomeLists(max = 5): HomeLists {
  const data = useContentData();
  return {
    latest: items(data.latest ?? data.dernieres, max),
    calls: items(data.calls ?? data.appels, max),
    events: items(data.events ?? data.evenements, max),
  };
}
