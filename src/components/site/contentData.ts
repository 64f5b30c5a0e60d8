/**
 * Reading the content plugin's global data (`usePluginData('essaim-content')`, shape
 * `EssaimGlobalData` in src/plugins/content/global-data.ts) in one place for the site's components.
 * The components still render (with codes instead of labels, without lists) when it is missing.
 */
import { usePluginData } from '@docusaurus/useGlobalData';
import type { EssaimGlobalData } from '@site/src/plugins/content/global-data.ts';

export type RefTarget = EssaimGlobalData['refs'][string];

export function useContentData(): Partial<EssaimGlobalData> {
  return (usePluginData('essaim-content') as Partial<EssaimGlobalData> | undefined) ?? {};
}

export function useRefs(): Record<string, RefTarget> {
  return useContentData().refs ?? {};
}

/** French labels of a shared vocabulary (maillon, critere, stade, public, type_structure, territoire). */
export function useVocabulary(name: string): Record<string, string> | undefined {
  return useContentData().vocabularies?.[name];
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

/**
 * Latest entries, calls closing soon and upcoming events, as computed by the content plugin at
 * build time. Given `today` (AAAA-MM-JJ, the reader's date once the page runs in the browser), calls
 * closed and events over since the build are left out.
 */
export function useHomeLists(max = 5, today?: string): HomeLists {
  const data = useContentData();
  const open = (data.closingSoon ?? []).filter((c) => !today || c.cloture >= today);
  const coming = (data.upcomingEvents ?? []).filter((e) => !today || (e.fin ?? e.debut).slice(0, 10) >= today);
  return {
    latest: (data.latest ?? [])
      .slice(0, max)
      .map((e) => ({ titre: e.titre, url: e.url, date: e.date_maj, detail: e.collection_label })),
    calls: open.slice(0, max).map((c) => ({ titre: c.titre, url: c.url, date: c.cloture, detail: c.financeur })),
    events: coming
      .slice(0, max)
      .map((e) => ({ titre: e.titre, url: e.url, date: e.debut, ...(e.lieu ? { detail: e.lieu } : {}) })),
  };
}
