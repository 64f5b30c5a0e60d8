/**
 * The data the content plugin hands to the browser. Pure types and constants: this module is
 * imported by the plugin (Node) and by the React components (browser).
 */

/** How a facet filters: a vocabulary (checkboxes), the territory hierarchy (one select), a yes/no
 * field, a date range, or the status of a call or event (computed in the reader's browser). */
export type FacetKind = 'vocab' | 'territory' | 'bool' | 'date' | 'status';

export interface FacetValue {
  /** The code stored in the entries. */
  value: string;
  /** Its French label. */
  label: string;
}

export interface FacetDef {
  /** Field path (`maillons`, `porteur.type`) or `statut`; also the URL parameter. */
  key: string;
  /** French label (the schema's `title`). */
  label: string;
  kind: FacetKind;
  /** Values in display order (vocab, bool, status); the territory facet reads global data. */
  values?: FacetValue[];
}

/** The dates a status is computed from (in the reader's browser): [opening or start, deadline or end]. */
export type StatusWindow = [string | null, string | null];

/** One line of a catalog: only what the list and the filters need. */
export interface ListItem {
  /** Unique in the catalog (entry id, or `<funder>/<call>` for calls). */
  id: string;
  title: string;
  summary: string;
  /** Page of the item, when it is not `<catalog route>/<id>` (calls: the funder's page). */
  url?: string;
  /** Facet values by facet key (booleans as `oui` / `non`). */
  facets: Record<string, string[]>;
  /** The date of the date facet (publication, start of an event, deadline of a call). */
  date?: string;
  window?: StatusWindow;
  /** One extra line (funder of a call, organiser, place). */
  extra?: string;
  /** A call without dates: permanent, or annual with its next dates to be confirmed. */
  recurrence?: CallRecurrence;
  /** What a past event left to see or read (its replay, else its written summary). */
  replay?: { url: string; label: string };
  /** Date of the last review, in a collection re-read every `CatalogData.reviewMonths` months. */
  reviewed?: string;
}

export type CallRecurrence = 'permanent' | 'annuel';

export type StatusKind = 'call' | 'event';

/** A catalog and all its lines, in display order. */
export interface CatalogData {
  /** Catalog route (`/etudes`, `/financements/appels`…). */
  route: string;
  title: string;
  intro: string;
  /** Singular noun of an item, for counts (« 3 études »). */
  noun: [string, string];
  facets: FacetDef[];
  status?: StatusKind;
  items: ListItem[];
  /** Links to other views (calls of the funders' catalog, exports). */
  links: { label: string; href: string }[];
  /** Lines sorted by relevance when the reader searches by keywords (else by their order here). */
  ranked?: boolean;
  /** Filters of a pre-filtered page (a maillon's sheets), applied while its URL has no query string. */
  preset?: Record<string, string[]>;
  /** The collection's review interval: a line reviewed longer ago is « à vérifier » (see content/review.ts). */
  reviewMonths?: number;
  /** Lines show their date (`ListItem.date`): the news, listed by publication. */
  dated?: boolean;
}

/** Lines a catalog shows at first, and each time the reader asks for more. */
export const CATALOG_PAGE = 30;

/** How many lines each value of each facet gives (`counts[facet][value]`). */
export type FacetCounts = Record<string, Record<string, number>>;

/**
 * What a catalog page receives (`catalog-<name>.js`, written by the plugin): everything but the
 * lines, which only filtering needs, and which it loads on demand (`loadItems`, its own chunk).
 * Before that, the page shows the first lines and the counts computed at build time.
 */
export interface CatalogPageData extends Omit<CatalogData, 'items'> {
  /** The first `CATALOG_PAGE` lines (with the preset filters). */
  first: ListItem[];
  /** Number of lines. */
  total: number;
  /** Number of lines the preset filters give (the total without them). */
  matched: number;
  /** Counts with the preset filters only; statuses aside (they depend on the reader's clock). */
  counts: FacetCounts;
  /** With statuses: the window of every line, for the status counts before the lines are loaded. */
  windows?: (StatusWindow | null)[];
  /** Events: every line with a replay or a summary, for « Revoir » before the lines are loaded. */
  replays?: ListItem[];
  /**
   * Build date: lines already « à vérifier » then are marked in the static page (a review only gets
   * older); the reader's clock adds those that became so since.
   */
  builtOn: string;
  loadItems: () => Promise<{ default: ListItem[] }>;
}

/** A rendered field of an entry page. */
export type FieldView =
  | { kind: 'text'; label: string; value: string }
  | { kind: 'url'; label: string; value: string }
  | { kind: 'email'; label: string; value: string }
  | { kind: 'date'; label: string; value: string }
  | { kind: 'labels'; label: string; value: string[] }
  | { kind: 'list'; label: string; value: string[] }
  | { kind: 'refs'; label: string; value: { titre: string; url: string; ref: string }[] }
  | { kind: 'links'; label: string; value: { titre: string; url: string }[] }
  | { kind: 'group'; label: string; value: FieldView[] }
  | { kind: 'items'; label: string; value: ItemView[] };

/** One element of an array of objects (a call, a session, a contact). */
export interface ItemView {
  anchor?: string;
  title?: string;
  fields: FieldView[];
  /** Status window, when the item is a call or a session. */
  window?: StatusWindow;
  status?: StatusKind;
  recurrence?: CallRecurrence;
}

/** A compact HTML tree rendered from a Markdown body at build time (see markdown.ts):
 * text, or [tag, attributes, ...children]. */
export type HastLite = string | [string, Record<string, string> | null, ...HastLite[]];

export interface EntryPageData {
  collection: string;
  collectionLabel: string;
  collectionRoute: string;
  id: string;
  titre: string;
  resume: string;
  fields: FieldView[];
  body: HastLite[];
  status?: StatusKind;
  window?: StatusWindow;
  dateMaj?: string;
  /** Last review and interval of a collection that has one: past it, the page says « à vérifier ». */
  review?: { date: string; months: number };
  /** A news entry's publication date: its page describes it as an article to search engines (JSON-LD). */
  published?: string;
  source: string;
}

/** A call whose deadline is near at build time; the browser recomputes its status. */
export interface CallRef {
  titre: string;
  financeur: string;
  url: string;
  ouverture: string | null;
  cloture: string;
}

export interface EventRef {
  titre: string;
  url: string;
  debut: string;
  fin: string | null;
  lieu: string | null;
}

/** One line of a territory page. */
export interface TerritoryLine {
  title: string;
  url: string;
  extra?: string;
}

/** What a territory page shows of one collection (calls for the funders, events not over). */
export interface TerritorySection {
  collection: string;
  title: string;
  /** The catalog filtered by this territory. */
  catalog: string;
  /** The first lines tied to the territory (or to one of its départements, or its région). */
  local: TerritoryLine[];
  localCount: number;
  /**
   * National lines are shared by every page (`TerritoryNational`): those of the shared list that
   * are tied to this territory too, hence listed above as its own, are not shown apart.
   */
  nationalSkip: string[];
  nationalCount: number;
}

/**
 * The national lines of each collection, in each section's order, in one data module shared by
 * every territory page: enough of them for each page to show its first `SECTION_LINES` ones once
 * its own `nationalSkip` are left out.
 */
export type TerritoryNational = Record<string, TerritoryLine[]>;

export interface TerritorySummary {
  code: string;
  label: string;
  /** Région of a département. */
  parent?: string;
  parentLabel?: string;
}

/** What `/territoires/<code>` receives. */
export interface TerritoryPageData extends TerritorySummary {
  kind: 'region' | 'departement';
  /** Départements of a région. */
  children: { code: string; label: string }[];
  sections: TerritorySection[];
  /** Routes of its Atom feed and iCalendar. */
  feed: string;
  calendar: string;
}

/** What `/territoires` receives: every région with its départements and counts, and the map (static SVG). */
export interface TerritoryIndexData {
  regions: {
    code: string;
    label: string;
    count: number;
    departements: { code: string; label: string; count: number }[];
  }[];
  map: string;
}

/** Title and page of every entry some other entry links to, by `<collection>/<id>`. */
export type Refs = Record<string, { titre: string; url: string }>;

export interface LatestRef {
  titre: string;
  url: string;
  /** French label of the entry's collection. */
  collection_label: string;
  date_maj: string;
}

/** The plugin's global data (see global-data.ts). */
export interface EssaimGlobalData {
  refs: Refs;
  vocabularies: Record<string, Record<string, string>>;
  territoryParents: Record<string, string>;
  latest: LatestRef[];
  closingSoon: CallRef[];
  upcomingEvents: EventRef[];
}

export const PLUGIN_NAME = 'essaim-content';

/** Where the search payload is written, relative to the site's base URL. */
export const SEARCH_FILE = 'recherche/index.json';

/** Page of a catalog item. */
export function itemUrl(catalogRoute: string, item: Pick<ListItem, 'id' | 'url'>): string {
  return item.url ?? `${catalogRoute}/${item.id}`;
}
