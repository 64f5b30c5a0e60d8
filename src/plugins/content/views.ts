/**
 * From an entry's data to what the portal shows: the fields of its page (labels from the schema,
 * only public fields), its line in a catalog, and the catalogs' facets.
 */
import type { Collection } from '../../content/collections.js';
import { expandTerritories } from '../../content/geography.js';
import { reviewOf } from '../../content/review.js';
import { readSchema, resolve, schemaAt, territoryParents, type JsonSchema } from '../../content/schemas.js';
import type { LoadedEntry } from './load.js';
import { countFacets, emptyState, filterItems } from './shared/facets.js';
import {
  CATALOG_PAGE,
  type CallRecurrence,
  type CatalogData,
  type CatalogPageData,
  type FacetDef,
  type FacetValue,
  type FieldView,
  type ItemView,
  type ListItem,
  type Refs,
  type StatusKind,
  type StatusWindow,
} from './shared/model.js';
import { CALL_STATUS_LABELS, EVENT_STATUS_LABELS } from './shared/status.js';

/**
 * The public page of an entry. Practices are published by the docs instance under /fiches, with
 * `slug: /<id>` from src/plugins/sheets/frontMatter.ts, like every other entry.
 */
export function entryUrl(e: LoadedEntry): string {
  return `${e.collection.route}/${e.id}`;
}

/** Top-level properties published by the portal: those whose schema says `x-public: true`. */
export function publicKeys(c: Collection): string[] {
  const props = readSchema(c.schema).properties ?? {};
  return Object.keys(props).filter((k) => props[k]?.['x-public'] === true);
}

export function publicData(c: Collection, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of publicKeys(c)) if (data[k] !== undefined) out[k] = data[k];
  return out;
}

function labelsOf(s: JsonSchema): Record<string, string> | undefined {
  const r = resolve(s);
  return r['x-labels'] ?? (r.items ? resolve(r.items)['x-labels'] : undefined);
}

function isUrl(s: JsonSchema): boolean {
  return s.format === 'uri' || (typeof s.pattern === 'string' && s.pattern.startsWith('^https://'));
}
function isDate(s: JsonSchema): boolean {
  // A partial date (AAAA, AAAA-MM or AAAA-MM-JJ, defs' date_partielle) sorts and filters like a date.
  const partial = s.type === 'string' && typeof s.pattern === 'string' && s.pattern.startsWith('^(19|20)');
  return s.format === 'date' || partial || (Array.isArray(s.anyOf) && s.anyOf.some((a) => a.format === 'date'));
}
function isRef(s: JsonSchema): boolean {
  return typeof s.pattern === 'string' && s.pattern.startsWith('^(practices|');
}

/** The view of one value, or undefined when there is nothing to show. */
function viewOf(label: string, raw: JsonSchema, value: unknown, refs: Refs, key: string): FieldView | undefined {
  const s = resolve(raw);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return { kind: 'text', label, value: value ? 'Oui' : 'Non' };
  if (typeof value === 'number') return { kind: 'text', label, value: String(value) };
  if (typeof value === 'string') {
    const labels = labelsOf(s);
    if (labels) return { kind: 'labels', label, value: [labels[value] ?? value] };
    if (isUrl(s)) return { kind: 'url', label, value };
    if (s.format === 'email') return { kind: 'email', label, value };
    if (isDate(s)) return { kind: 'date', label, value };
    return { kind: 'text', label, value };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const items = resolve(s.items ?? {});
    if (value.every((v) => typeof v === 'string')) {
      const labels = labelsOf(items);
      if (labels) return { kind: 'labels', label, value: value.map((v) => labels[v] ?? v) };
      if (isRef(items)) {
        return {
          kind: 'refs',
          label,
          value: value.map((ref) => ({ ref, titre: refs[ref]?.titre ?? ref, url: refs[ref]?.url ?? '' })),
        };
      }
      return { kind: 'list', label, value };
    }
    const props = items.properties ?? {};
    if (props.titre && props.url && Object.keys(props).length === 2) {
      return {
        kind: 'links',
        label,
        value: (value as { titre: string; url: string }[]).map((l) => ({ titre: l.titre, url: l.url })),
      };
    }
    const objects = value as Record<string, unknown>[];
    const views: ItemView[] = (key === 'appels' ? sortCalls(objects, (c) => c) : objects).map((item) => {
      const fields = objectFields(items, item, refs, ['id', 'titre']);
      const view: ItemView = { fields };
      if (typeof item.titre === 'string') view.title = item.titre;
      if (typeof item.id === 'string') view.anchor = `${key === 'appels' ? 'appel' : key}-${item.id}`;
      const window = windowOf(item);
      if (window) {
        view.window = window.window;
        view.status = window.status;
      }
      const recurrence = key === 'appels' ? recurrenceOf(item) : undefined;
      if (recurrence) {
        view.status = 'call';
        view.recurrence = recurrence;
      }
      return view;
    });
    return { kind: 'items', label, value: views };
  }
  if (typeof value === 'object') {
    const fields = objectFields(s, value as Record<string, unknown>, refs, []);
    return fields.length > 0 ? { kind: 'group', label, value: fields } : undefined;
  }
  return undefined;
}

/** A call (ouverture/cloture) or a dated item (debut/fin) has a status computed in the browser. */
function windowOf(item: Record<string, unknown>): { window: StatusWindow; status: StatusKind } | undefined {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  if (typeof item.cloture === 'string') return { window: [str(item.ouverture), item.cloture], status: 'call' };
  if (typeof item.debut === 'string') return { window: [item.debut, str(item.fin)], status: 'event' };
  return undefined;
}

/** The recurrence of a call without a deadline: a badge stands for its dates. */
export function recurrenceOf(call: Record<string, unknown>): CallRecurrence | undefined {
  if (typeof call.cloture === 'string') return undefined;
  return call.recurrence === 'permanent' || call.recurrence === 'annuel' ? call.recurrence : undefined;
}

/** Calls by deadline; then annual calls whose next dates are to be confirmed; permanent calls last. */
export function sortCalls<T>(list: readonly T[], callOf: (t: T) => Record<string, unknown>): T[] {
  const rank = (t: T): [number, string] => {
    const call = callOf(t);
    const r = recurrenceOf(call);
    return [r === 'permanent' ? 2 : r === 'annuel' ? 1 : 0, typeof call.cloture === 'string' ? call.cloture : ''];
  };
  return list
    .map((t) => ({ t, r: rank(t) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1].localeCompare(b.r[1]))
    .map(({ t }) => t);
}

/** The last review of an entry and its collection's interval, for « à vérifier » (see content/review.ts). */
export function reviewView(c: Collection, data: object): { review?: { date: string; months: number } } {
  const review = reviewOf(c, data);
  return review ? { review } : {};
}

function objectFields(
  schema: JsonSchema,
  data: Record<string, unknown>,
  refs: Refs,
  skip: readonly string[],
): FieldView[] {
  const out: FieldView[] = [];
  for (const [key, raw] of Object.entries(resolve(schema).properties ?? {})) {
    if (skip.includes(key) || raw['x-public'] === false) continue;
    const s = resolve(raw);
    const v = viewOf(s.title ?? key, raw, data[key], refs, key);
    if (v) out.push(v);
  }
  return out;
}

/** The fields of an entry page: every public field but the id, title and summary shown above. */
export function entryFields(c: Collection, data: Record<string, unknown>, refs: Refs): FieldView[] {
  const schema = readSchema(c.schema);
  const out: FieldView[] = [];
  for (const key of publicKeys(c)) {
    if (key === 'id' || key === 'titre' || key === 'resume') continue;
    const raw = schema.properties?.[key];
    if (!raw) continue;
    const v = viewOf(resolve(raw).title ?? key, raw, data[key], refs, key);
    if (v) out.push(v);
  }
  return out;
}

/** The value of a field path (`porteur.type`) as facet codes. */
export function facetValues(data: Record<string, unknown>, key: string): string[] {
  let v: unknown = data;
  for (const step of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
  if (typeof v === 'boolean') return [v ? 'oui' : 'non'];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

const facetValuesOf = (labels: Record<string, string> | undefined): FacetValue[] =>
  Object.entries(labels ?? {}).map(([value, label]) => ({ value, label }));

const BOOL_VALUES = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

function facetDef(c: Collection, key: string, label?: string): FacetDef {
  const s = schemaAt(c, key.split('.'));
  const title = label ?? s?.title ?? key;
  if (key === 'territoires') return { key, label: title, kind: 'territory' };
  if (s && isDate(s)) return { key, label: title, kind: 'date' };
  if (s && resolve(s).type === 'boolean') return { key, label: title, kind: 'bool', values: BOOL_VALUES };
  const labels = s ? labelsOf(s) : undefined;
  return { key, label: title, kind: 'vocab', values: facetValuesOf(labels) };
}

/** Facets of a collection's catalog, from the registry's `facets`. */
export function catalogFacets(c: Collection): FacetDef[] {
  const facets = c.facets.map((k) => facetDef(c, k));
  if (c.name === 'events')
    facets.unshift({ key: 'statut', label: 'Statut', kind: 'status', values: facetValuesOf(EVENT_STATUS_LABELS) });
  return facets;
}

/** Facets of the calls' catalog. */
export function callFacets(funders: Collection): FacetDef[] {
  const at = (k: string): string[] => ['appels', k];
  const def = (k: string): FacetDef => {
    const s = schemaAt(funders, at(k));
    const labels = s ? labelsOf(s) : undefined;
    return { key: k, label: s?.title ?? k, kind: 'vocab', values: facetValuesOf(labels) };
  };
  return [
    {
      key: 'statut',
      label: 'Statut de l’appel',
      kind: 'status',
      values: (['ouvert', 'bientot', 'a-venir', 'clos'] as const).map((value) => ({
        value,
        label: CALL_STATUS_LABELS[value],
      })),
    },
    { ...def('maillons'), label: 'Maillons' },
    { key: 'territoires', label: 'Territoires', kind: 'territory' },
    { ...def('beneficiaires'), label: 'Structures éligibles' },
    { key: 'financeur', label: 'Type de financeur', kind: 'vocab', values: facetDef(funders, 'type').values ?? [] },
    { key: 'cloture', label: 'Date limite', kind: 'date' },
  ];
}

/** Longest summary kept in a catalog line. */
const SUMMARY_CHARS = 220;

export function shorten(s: string, max = SUMMARY_CHARS): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}

const dateKeys = new Map<string, string | undefined>();
function dateFacetKey(c: Collection): string | undefined {
  if (!dateKeys.has(c.name))
    dateKeys.set(
      c.name,
      c.facets.find((k) => facetDef(c, k).kind === 'date'),
    );
  return dateKeys.get(c.name);
}

const EXTRA: Partial<Record<string, string[]>> = {
  studies: ['editeur'],
  tools: ['editeur'],
  platforms: ['editeur'],
  trainings: ['organisateur'],
  events: ['organisateur', 'lieu'],
};

export function listItem(e: LoadedEntry, facets: readonly FacetDef[]): ListItem {
  const d = e.data;
  const item: ListItem = {
    id: e.id,
    title: d.titre,
    summary: shorten(d.resume),
    facets: {},
  };
  for (const f of facets) {
    if (f.kind === 'status' || f.kind === 'date') continue;
    const vs =
      f.kind === 'territory' ? expandTerritories(facetValues(d, f.key), 'departements') : facetValues(d, f.key);
    if (vs.length > 0) item.facets[f.key] = vs;
  }
  const dk = dateFacetKey(e.collection);
  const date = dk ? d[dk] : undefined;
  if (typeof date === 'string') item.date = date;
  if (e.collection.name === 'events' && typeof d.debut === 'string')
    item.window = [d.debut, typeof d.fin === 'string' ? d.fin : null];
  if (e.collection.name === 'events') {
    if (typeof d.replay === 'string') item.replay = { url: d.replay, label: 'Voir le replay' };
    else if (typeof d.compte_rendu === 'string') item.replay = { url: d.compte_rendu, label: 'Lire le compte rendu' };
  }
  const extra = (EXTRA[e.collection.name] ?? [])
    .map((k) => d[k])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  if (e.collection.name === 'events' && d.en_ligne === true) extra.push('En ligne');
  if (extra.length > 0) item.extra = extra.join(' · ');
  const review = reviewOf(e.collection, d);
  if (review) item.reviewed = review.date;
  return item;
}

export interface Call {
  funder: LoadedEntry;
  call: Record<string, unknown>;
}

export function callsOf(funders: readonly LoadedEntry[]): Call[] {
  return funders.flatMap((funder) =>
    (Array.isArray(funder.data.appels) ? (funder.data.appels as Record<string, unknown>[]) : []).map((call) => ({
      funder,
      call,
    })),
  );
}

export function callUrl(funder: LoadedEntry, callId: string): string {
  return `${entryUrl(funder)}#appel-${callId}`;
}

export function callItem({ funder, call }: Call): ListItem {
  const cloture = typeof call.cloture === 'string' ? call.cloture : '';
  const item: ListItem = {
    id: `${funder.id}/${String(call.id)}`,
    title: String(call.titre ?? call.id),
    summary: shorten(typeof call.resume === 'string' ? call.resume : ''),
    url: callUrl(funder, String(call.id)),
    facets: {},
    date: cloture,
    // No deadline: a permanent call stays open (`null` end); an annual one has no status until its dates are known.
    window: [
      typeof call.ouverture === 'string' ? call.ouverture : null,
      cloture || (recurrenceOf(call) === 'permanent' ? null : ''),
    ],
    extra: `${funder.data.titre}${typeof call.montant === 'string' ? ` · ${call.montant}` : ''}`,
  };
  for (const k of ['maillons', 'beneficiaires']) {
    const vs = facetValues(call, k);
    if (vs.length > 0) item.facets[k] = vs;
  }
  // A call without its own territories or maillons inherits its funder's.
  item.facets.territoires = expandTerritories(
    facetValues(call, 'territoires').length > 0
      ? facetValues(call, 'territoires')
      : facetValues(funder.data, 'territoires'),
    'departements',
  );
  if (!item.facets.maillons) {
    const m = facetValues(funder.data, 'maillons');
    if (m.length > 0) item.facets.maillons = m;
  }
  item.facets.financeur = facetValues(funder.data, 'type');
  const recurrence = recurrenceOf(call);
  if (recurrence) item.recurrence = recurrence;
  return item;
}

const NOUNS: Record<string, [string, string]> = {
  studies: ['étude', 'études'],
  funders: ['financeur', 'financeurs'],
  trainings: ['formation', 'formations'],
  tools: ['outil', 'outils'],
  events: ['événement', 'événements'],
  platforms: ['plateforme', 'plateformes'],
  practices: ['fiche', 'fiches'],
  news: ['actualité', 'actualités'],
};

const titleOf = (e: LoadedEntry): string => (typeof e.data.titre === 'string' ? e.data.titre : e.id);

export function catalogData(c: Collection, entries: readonly LoadedEntry[]): CatalogData {
  const facets = catalogFacets(c);
  const sortKey = (e: LoadedEntry): string => {
    const v = c.sortBy ? e.data[c.sortBy] : undefined;
    return typeof v === 'string' ? v : '';
  };
  const items = [...entries]
    .sort((a, b) => sortKey(b).localeCompare(sortKey(a)) || titleOf(a).localeCompare(titleOf(b), 'fr'))
    .map((e) => listItem(e, facets));
  if (c.name === 'events') items.sort((a, b) => (a.window?.[0] ?? '').localeCompare(b.window?.[0] ?? ''));
  const links = [
    ...(c.name === 'funders' ? [{ label: 'Tous les appels à projets', href: `${c.route}/appels` }] : []),
    ...(c.name === 'events' ? [{ label: 'Agenda au format iCalendar (.ics)', href: '/agenda.ics' }] : []),
    { label: 'Données ouvertes (JSON, CSV)', href: '/donnees' },
  ];
  const schema = readSchema(c.schema);
  return {
    route: c.route,
    title: c.label,
    intro: schema.description ?? '',
    noun: NOUNS[c.name] ?? [c.singular, c.label.toLowerCase()],
    facets,
    status: c.name === 'events' ? 'event' : undefined,
    items,
    links,
    ...(c.sortBy ? { ranked: true } : {}),
    ...(c.reviewMonths !== undefined && c.reviewField ? { reviewMonths: c.reviewMonths } : {}),
    ...(c.name === 'news' ? { dated: true } : {}),
  };
}

export function callsCatalogData(funders: Collection, entries: readonly LoadedEntry[]): CatalogData {
  const items = sortCalls(callsOf(entries), (c) => c.call).map(callItem);
  return {
    route: `${funders.route}/appels`,
    title: 'Appels à projets',
    intro:
      'Tous les appels à projets des financeurs, avec leurs dates limites. Le statut de chaque appel est calculé à la date du jour.',
    noun: ['appel', 'appels'],
    facets: callFacets(funders),
    status: 'call',
    items,
    links: [
      { label: 'Les financeurs', href: funders.route },
      { label: 'Dates limites au format iCalendar (.ics)', href: `${funders.route}/appels.ics` },
    ],
  };
}

/**
 * The JavaScript module a catalog route loads: its data but the lines (see `CatalogPageData`),
 * and `loadItems`, which imports `itemsModule` (the JSON of every line, written by the plugin
 * with `createData`): the bundler puts that import in a chunk of its own, loaded on demand.
 */
export function catalogPageModule(data: CatalogData, itemsModule: string, builtOn: string): string {
  const { items, ...rest } = data;
  const state = { ...emptyState(), values: { ...data.preset } };
  const ctx = { facets: data.facets, parents: territoryParents(), status: data.status, now: null };
  const counts = countFacets(items, state, ctx);
  const shown = data.preset ? filterItems(items, state, ctx) : items;
  const page: Omit<CatalogPageData, 'loadItems'> = {
    ...rest,
    first: shown.slice(0, CATALOG_PAGE),
    total: items.length,
    matched: shown.length,
    counts,
    ...(data.status ? { windows: items.map((i) => i.window ?? null) } : {}),
    ...(data.status === 'event' ? { replays: shown.filter((i) => i.replay !== undefined) } : {}),
    builtOn,
  };
  return `export default { ...${JSON.stringify(page)}, loadItems: () => import(${JSON.stringify(itemsModule)}) };
`;
}
