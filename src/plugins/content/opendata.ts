/**
 * Open data: every collection as JSON and CSV (public fields only), the field documentation of
 * the /donnees page, the Atom feed of new and updated entries, and the iCalendar files.
 */
import { allCollections, type Collection } from '../../content/collections.js';
import { readSchema, resolve, type JsonSchema } from '../../content/schemas.js';
import { toAtom, type AtomFeed } from './export/atom.js';
import { toRss } from './export/rss.js';
import { toCsv } from './export/csv.js';
import { toIcs, type IcsEvent } from './export/ics.js';
import type { LoadedEntry } from './load.js';
import { callsOf, callUrl, entryUrl, publicData, publicKeys, type Call } from './views.js';

/** Column holding the Markdown body of Markdown collections (the text published on the portal). */
export const BODY_COLUMN = 'texte';

export function exportRows(c: Collection, entries: readonly LoadedEntry[]): Record<string, unknown>[] {
  return entries.map((e) => ({
    ...publicData(c, e.data),
    ...(c.format === 'md' ? { [BODY_COLUMN]: e.body.trim() } : {}),
  }));
}

export function exportColumns(c: Collection): string[] {
  return [...publicKeys(c), ...(c.format === 'md' ? [BODY_COLUMN] : [])];
}

export function collectionJson(c: Collection, entries: readonly LoadedEntry[]): string {
  return `${JSON.stringify(exportRows(c, entries), null, 1)}\n`;
}

export function collectionCsv(c: Collection, entries: readonly LoadedEntry[]): string {
  return toCsv(exportColumns(c), exportRows(c, entries));
}

/** Columns of the calls table: one row per call, with its funder, amounts as numbers. */
export const CALL_COLUMNS = [
  'financeur_id',
  'financeur',
  'appel_id',
  'titre',
  'recurrence',
  'ouverture',
  'cloture',
  'calendrier',
  'type_aide',
  'montant_min',
  'montant_max',
  'taux_max',
  'montant',
  'beneficiaires',
  'territoires',
  'maillons',
  'url',
  'reglement',
  'page',
] as const;

export function callRows(funders: readonly LoadedEntry[]): Record<string, unknown>[] {
  return callsOf(funders).map(({ funder, call }) => {
    const row: Record<string, unknown> = {
      financeur_id: funder.id,
      financeur: funder.data.titre,
      appel_id: call.id,
      recurrence: call.recurrence ?? 'ponctuel',
      page: callUrl(funder, String(call.id)),
    };
    for (const k of CALL_COLUMNS) if (!(k in row) && call[k] !== undefined) row[k] = call[k];
    return row;
  });
}

export function callsJson(funders: readonly LoadedEntry[]): string {
  return `${JSON.stringify(callRows(funders), null, 1)}\n`;
}

export function callsCsv(funders: readonly LoadedEntry[]): string {
  return toCsv([...CALL_COLUMNS], callRows(funders));
}

export interface FieldDoc {
  name: string;
  title: string;
  description: string;
  type: string;
  required: boolean;
  values?: { value: string; label: string }[];
}

export interface CollectionDoc {
  name: string;
  label: string;
  description: string;
  count: number;
  fields: FieldDoc[];
}

function typeOf(s: JsonSchema): string {
  const r = resolve(s);
  if (r.format === 'date') return 'date (AAAA-MM-JJ)';
  if (Array.isArray(r.anyOf) && r.anyOf.some((a) => a.format === 'date-time'))
    return 'date ou date et heure (ISO 8601)';
  if (r.format === 'uri' || (typeof r.pattern === 'string' && r.pattern.startsWith('^https://'))) return 'adresse web';
  if (r.format === 'email') return 'courriel';
  if (r.type === 'boolean') return 'booléen (oui / non en CSV)';
  if (r.type === 'array') {
    const items = resolve(r.items ?? {});
    if (items.type === 'object') return 'liste d’objets (JSON en CSV)';
    if (typeof items.pattern === 'string' && items.pattern.startsWith('^(practices|'))
      return 'liste de références <collection>/<identifiant> (séparées par « ; » en CSV)';
    return 'liste de textes (séparés par « ; » en CSV)';
  }
  if (r.type === 'object') return 'objet (JSON en CSV)';
  return 'texte';
}

function valuesOf(s: JsonSchema): { value: string; label: string }[] | undefined {
  const r = resolve(s);
  const labels = r['x-labels'] ?? (r.items ? resolve(r.items)['x-labels'] : undefined);
  return labels ? Object.entries(labels).map(([value, label]) => ({ value, label })) : undefined;
}

export function collectionDoc(c: Collection, count: number): CollectionDoc {
  const schema = readSchema(c.schema);
  const fields: FieldDoc[] = publicKeys(c).map((name) => {
    const raw = schema.properties![name]!;
    const r = resolve(raw);
    const values = name === 'territoires' ? undefined : valuesOf(raw);
    return {
      name,
      title: r.title ?? name,
      description: r.description ?? '',
      type: typeOf(raw),
      required: (schema.required ?? []).includes(name),
      ...(values ? { values } : {}),
    };
  });
  if (c.format === 'md')
    fields.push({
      name: BODY_COLUMN,
      title: 'Texte',
      description: 'Le texte de l’entrée, en Markdown (CommonMark), tel que publié sur le portail.',
      type: 'texte (Markdown)',
      required: false,
    });
  return { name: c.name, label: c.label, description: schema.description ?? '', count, fields };
}

export interface SiteInfo {
  /** Absolute URL of the site root, with a trailing slash (url + baseUrl). */
  root: string;
  title: string;
  host: string;
}

function abs(site: SiteInfo, route: string): string {
  return site.root + route.replace(/^\//, '');
}

export interface FeedInfo {
  /** Route of the feed file (`/flux/nouveautes.atom`). */
  path: string;
  title: string;
  subtitle: string;
}

const ALL_NEWS: FeedInfo = {
  path: '/flux/nouveautes.atom',
  title: 'nouveautés',
  subtitle:
    'Entrées nouvelles ou mises à jour du portail : fiches pratiques, études, financements, formations, outils, agenda, plateformes.',
};

/** The 50 most recently updated entries, newest first. */
export function atomFeed(entries: readonly LoadedEntry[], site: SiteInfo, feed: FeedInfo = ALL_NEWS): string {
  return toAtom(feedOf(entries, site, feed));
}

/** The same feed in RSS 2.0. */
export function rssFeed(entries: readonly LoadedEntry[], site: SiteInfo, feed: FeedInfo): string {
  return toRss(feedOf(entries, site, feed));
}

function feedOf(entries: readonly LoadedEntry[], site: SiteInfo, feed: FeedInfo): AtomFeed {
  const sorted = [...entries]
    .sort((a, b) => b.data.date_maj.localeCompare(a.data.date_maj) || a.file.localeCompare(b.file))
    .slice(0, 50);
  return {
    id: abs(site, feed.path),
    title: `${site.title} — ${feed.title}`,
    subtitle: feed.subtitle,
    url: site.root,
    self: abs(site, feed.path),
    author: site.title,
    entries: sorted.map((e) => ({
      id: `tag:${site.host},2026:${e.collection.name}/${e.id}`,
      title: e.data.titre,
      url: abs(site, entryUrl(e)),
      updated: e.data.date_maj,
      summary: e.data.resume,
      category: e.collection.label,
    })),
  };
}

function placeOf(d: Record<string, unknown>): string | undefined {
  const parts = [typeof d.lieu === 'string' ? d.lieu : '', d.en_ligne === true ? 'En ligne' : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The iCalendar events of dated events. */
export function eventIcsEvents(events: readonly LoadedEntry[], site: SiteInfo): IcsEvent[] {
  return events
    .filter((e) => typeof e.data.debut === 'string')
    .map((e) => ({
      uid: `events-${e.id}@${site.host}`,
      summary: e.data.titre,
      start: String(e.data.debut),
      end: typeof e.data.fin === 'string' ? e.data.fin : null,
      description: `${e.data.resume}\nOrganisateur : ${typeof e.data.organisateur === 'string' ? e.data.organisateur : ''}`,
      location: placeOf(e.data),
      url: abs(site, entryUrl(e)),
    }));
}

/** The deadlines of calls for projects, as iCalendar events. */
export function callIcsEvents(calls: readonly Call[], site: SiteInfo): IcsEvent[] {
  return calls
    .filter(({ call }) => typeof call.cloture === 'string')
    .map(({ funder, call }) => ({
      uid: `funders-${funder.id}-${String(call.id)}@${site.host}`,
      summary: `Date limite : ${String(call.titre)} (${funder.data.titre})`,
      start: String(call.cloture),
      description: `${typeof call.resume === 'string' ? call.resume : ''}${typeof call.montant === 'string' ? `\nMontant : ${call.montant}` : ''}${typeof call.ouverture === 'string' ? `\nOuverture : ${call.ouverture}` : ''}`,
      url: abs(site, callUrl(funder, String(call.id))),
      categories: ['Appel à projets'],
    }));
}

export function eventsIcs(events: readonly LoadedEntry[], site: SiteInfo, stamp: Date): string {
  return toIcs({
    name: `${site.title} — agenda`,
    description: 'Webinaires, ateliers, visites apprenantes et rencontres de la lutte contre la précarité alimentaire.',
    events: eventIcsEvents(events, site),
    stamp,
  });
}

export function callsIcs(funders: readonly LoadedEntry[], site: SiteInfo, stamp: Date): string {
  return toIcs({
    name: `${site.title} — dates limites des appels à projets`,
    events: callIcsEvents(callsOf(funders), site),
    stamp,
  });
}

export function collectionsWithExports(): readonly Collection[] {
  return allCollections();
}
