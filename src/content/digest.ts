/**
 * The digest of a period (`essaim lettre`): what changed in `content/` according to Git, in the
 * semantic diff's words ("Nouvel appel à projets", "Date limite reportée"), the calls closing
 * soon, the coming events and the latest news. Built once per period; each alert subscriber then
 * gets the items that match their criteria (`matcherFor`), without reading the content again.
 */
import { allCollections, collections, entryUrl, type Collection, type CollectionName } from './collections.js';
import { changeText, sectionsText } from './diff-render.js';
import { diffRevisions, frenchDate, type EntryDiff, type FieldChange } from './diff.js';
import { gitText, resolveCommit } from './git.js';
import { listEntries, readEntry } from './load.js';
import type { ParsedEntry } from './parse.js';
import { territoryParents, vocabularies } from './schemas.js';
import { NATIONAL, territoryMatches } from '../plugins/content/shared/territory.js';

export type DigestSection = 'nouveautes' | 'appels' | 'agenda' | 'actualites';

export interface DigestItem {
  section: DigestSection;
  /** `appels` for a call closing soon, else the entry's collection: what a subscriber picks in « contenus ». */
  kind: CollectionName | 'appels';
  /** `<collection>/<id>` of the entry (of the funder, for a call). */
  ref: string;
  title: string;
  /** Portal path of the page. */
  url: string;
  /** What happened, in French: « Nouvel appel à projets », « Date limite reportée », « Mise à jour »… */
  words: string;
  /** Details, one French line each. */
  details: string[];
  maillons: string[];
  territoires: string[];
}

export interface Digest {
  since: string;
  until: string;
  items: DigestItem[];
}

/** What a subscriber asked for; an empty list means « tous ». */
export interface AlertCriteria {
  territoires: string[];
  maillons: string[];
  /** Collection names, and `appels` for calls for projects closing soon. */
  contenus: string[];
}

const NEW_WORDS: Record<CollectionName, string> = {
  practices: 'Nouvelle fiche pratique',
  studies: 'Nouvelle étude',
  funders: 'Nouveau financeur',
  trainings: 'Nouvelle formation',
  tools: 'Nouvel outil',
  events: 'Nouvel événement',
  platforms: 'Nouvelle plateforme',
  news: 'Nouvelle actualité',
  actors: 'Nouvel acteur',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objects = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/** `31/05/2026` → `2026-05-31` (dates printed by the semantic diff), for comparing them. */
const isoOfFrench = (s: string | undefined): string | undefined => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
};

/** The words of one field change: a new call and a moved deadline are said as such. */
function changeWords(f: FieldChange): { headline?: string; line: string } {
  if (f.path.length === 1 && f.path[0] === 'appels' && f.kind === 'list' && (f.added?.length ?? 0) > 0) {
    const added = `Nouvel appel à projets : ${(f.added ?? []).join(', ')}`;
    const removed = f.removed?.length ? ` ; retiré : ${f.removed.join(', ')}` : '';
    return { headline: 'Nouvel appel à projets', line: added + removed };
  }
  if (f.path.at(-1) === 'cloture' && f.kind === 'changed') {
    const before = isoOfFrench(f.before);
    const after = isoOfFrench(f.after);
    if (before && after && before !== after) {
      const headline = after > before ? 'Date limite reportée' : 'Date limite avancée';
      return { headline, line: `${headline} — ${f.label} : ${changeText(f)}` };
    }
  }
  return { line: `${f.label} : ${changeText(f)}` };
}

function changedItem(d: EntryDiff, entry: ParsedEntry | undefined): DigestItem {
  const data = entry?.data ?? {};
  let words = d.kind === 'added' ? NEW_WORDS[d.collection] : 'Mise à jour';
  const details: string[] = [];
  if (d.kind !== 'added') {
    for (const f of d.fields) {
      // Bookkeeping fields say nothing to a reader.
      if (f.path[0] === 'date_maj' || f.path[0] === 'note_interne') continue;
      const w = changeWords(f);
      if (w.headline && words === 'Mise à jour') words = w.headline;
      details.push(w.line);
    }
    if (d.sections.length > 0) details.push(`Texte : ${sectionsText(d.sections)}`);
  } else {
    const resume = str(data.resume);
    if (resume) details.push(resume);
  }
  return {
    section: 'nouveautes',
    kind: d.collection,
    ref: `${d.collection}/${d.id}`,
    title: d.title,
    url: entryUrl(collections.get(d.collection) as Collection, d.id),
    words,
    details,
    maillons: strs(data.maillons),
    territoires: strs(data.territoires),
  };
}

const addDays = (iso: string, days: number): string => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** The commit `content/` was at on the morning of `since` (a date), or `since` itself when it is a revision. */
export function baseRevision(root: string, since: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) return resolveCommit(root, since);
  return gitText(root, ['rev-list', '-1', `--before=${since}T00:00:00`, 'HEAD']) || undefined;
}

export interface DigestOptions {
  /** Start of the period: a date (AAAA-MM-JJ) or a Git revision. */
  since: string;
  /** End of the period (AAAA-MM-JJ), the digest's date. */
  until: string;
  /** Calls closing and events starting within this many days after `until`. */
  days: number;
}

/** The digest of a period: changes from the commit at `since` to the working tree; calls, events and news from the working tree. */
export function buildDigest(root: string, o: DigestOptions): Digest {
  const entries = listEntries(root)
    .files.map((f) => readEntry(root, f))
    .flatMap((e) => (e.data ? [{ ...e, data: e.data }] : []));
  const byRef = new Map(entries.map((e) => [`${e.collection.name}/${str(e.data.id) ?? ''}`, e]));
  const items: DigestItem[] = [];
  const base = baseRevision(root, o.since);
  if (base) {
    // To the working tree, which the rest of the digest reads too (the same as HEAD in a clean checkout).
    for (const d of diffRevisions(root, base).entries) {
      if (d.kind === 'removed' || d.collection === 'news' || d.unreadable.length > 0) continue;
      items.push(changedItem(d, byRef.get(`${d.collection}/${d.id}`)));
    }
  }
  const horizon = addDays(o.until, o.days);
  const sinceDate = /^\d{4}-\d{2}-\d{2}$/.test(o.since) ? o.since : '';
  const calls: [string, DigestItem][] = [];
  const events: [string, DigestItem][] = [];
  const news: [string, DigestItem][] = [];
  for (const e of entries) {
    const data = e.data;
    const id = str(data.id) ?? '';
    const url = entryUrl(e.collection, id);
    const common = { ref: `${e.collection.name}/${id}`, url, details: [] as string[] };
    if (e.collection.name === 'funders') {
      for (const call of objects(data.appels)) {
        const closing = str(call.cloture);
        if (!closing || closing < o.until || closing > horizon) continue;
        calls.push([
          closing,
          {
            ...common,
            section: 'appels',
            kind: 'appels',
            title: str(call.titre) ?? id,
            words: `Date limite : ${frenchDate(closing)}`,
            details: [`${str(data.titre) ?? id}${str(call.montant) ? ` — ${str(call.montant)}` : ''}`],
            maillons: strs(call.maillons).length ? strs(call.maillons) : strs(data.maillons),
            territoires: strs(call.territoires).length ? strs(call.territoires) : strs(data.territoires),
          },
        ]);
      }
    } else if (e.collection.name === 'events') {
      const when = str(data.debut);
      const start = when?.slice(0, 10);
      if (!when || !start || start < o.until || start > horizon) continue;
      events.push([
        start,
        {
          ...common,
          section: 'agenda',
          kind: 'events',
          title: str(data.titre) ?? id,
          words: `Le ${frenchDate(when)}${str(data.lieu) ? ` — ${str(data.lieu)}` : ''}`,
          maillons: strs(data.maillons),
          territoires: strs(data.territoires),
        },
      ]);
    } else if (e.collection.name === 'news') {
      const date = str(data.date);
      // The newsletters themselves are the archive of this digest, not news in it.
      if (!date || date <= sinceDate || date > o.until || data.type === 'lettre') continue;
      news.push([
        date,
        {
          ...common,
          section: 'actualites',
          kind: 'news',
          title: str(data.titre) ?? id,
          words: `Publiée le ${frenchDate(date)}`,
          details: [str(data.resume) ?? ''].filter(Boolean),
          maillons: strs(data.maillons),
          territoires: strs(data.territoires),
        },
      ]);
    }
  }
  const byDate = (a: [string, DigestItem], b: [string, DigestItem]): number => a[0].localeCompare(b[0]);
  items.push(...calls.sort(byDate).map(([, i]) => i));
  items.push(...events.sort(byDate).map(([, i]) => i));
  items.push(...news.sort((a, b) => byDate(b, a)).map(([, i]) => i));
  return { since: o.since, until: o.until, items };
}

const DIMENSIONS = ['territoires', 'maillons', 'contenus'] as const;

/**
 * Does an item match one value a subscriber picked? Territories follow the hierarchy (a
 * département finds the entries of its région and the national ones, and the reverse); an entry
 * without territory is national. The one definition of matching: `matcherFor` and `DigestIndex`
 * both ask it.
 */
function valueMatches(
  dimension: keyof AlertCriteria,
  value: string,
  item: DigestItem,
  parents: Readonly<Record<string, string>>,
): boolean {
  if (dimension === 'contenus') return item.kind === value;
  if (dimension === 'maillons') return item.maillons.includes(value);
  return territoryMatches(item.territoires.length > 0 ? item.territoires : [NATIONAL], value, parents);
}

/** Does an item match a subscriber's criteria? Each list is « any of these », an empty one « all ». */
export function matcherFor(
  criteria: AlertCriteria,
  parents: Readonly<Record<string, string>> = territoryParents(),
): (item: DigestItem) => boolean {
  return (item) =>
    DIMENSIONS.every((d) => criteria[d].length === 0 || criteria[d].some((v) => valueMatches(d, v, item, parents)));
}

/**
 * The items of a digest indexed by criterion value (one bit per item), so that matching a
 * subscriber costs a few ORs and ANDs of short bit sets, whatever their criteria and the number
 * of items. Each value's bit set is computed once, with `valueMatches`.
 */
export class DigestIndex {
  private readonly words: number;
  private readonly sets = new Map<string, Uint32Array>();

  constructor(
    readonly items: readonly DigestItem[],
    private readonly parents: Readonly<Record<string, string>> = territoryParents(),
  ) {
    this.words = Math.ceil(items.length / 32);
  }

  private setOf(dimension: keyof AlertCriteria, value: string): Uint32Array {
    const key = `${dimension}:${value}`;
    let set = this.sets.get(key);
    if (!set) {
      set = new Uint32Array(this.words);
      for (let i = 0; i < this.items.length; i++)
        if (valueMatches(dimension, value, this.items[i]!, this.parents)) set[i >>> 5]! |= 1 << (i & 31);
      this.sets.set(key, set);
    }
    return set;
  }

  /** The positions in the digest of the items matching `criteria`, in order. */
  matching(criteria: AlertCriteria): number[] {
    let all: Uint32Array | undefined;
    for (const d of DIMENSIONS) {
      if (criteria[d].length === 0) continue;
      const any = new Uint32Array(this.words);
      for (const v of criteria[d]) {
        const set = this.setOf(d, v);
        for (let w = 0; w < this.words; w++) any[w]! |= set[w]!;
      }
      if (all) for (let w = 0; w < this.words; w++) all[w]! &= any[w]!;
      else all = any;
    }
    if (!all) return this.items.map((_, i) => i);
    const out: number[] = [];
    for (let i = 0; i < this.items.length; i++) if (all[i >>> 5]! & (1 << (i & 31))) out.push(i);
    return out;
  }
}

const MAX_LIST = 30;

/** Checks criteria sent by a reader; returns them cleaned, or a French reason. */
export function readCriteria(input: unknown): AlertCriteria | string {
  if (typeof input !== 'object' || input === null) return 'Les critères de l’alerte sont manquants.';
  const raw = input as Record<string, unknown>;
  const vocab = vocabularies();
  const known: Record<keyof AlertCriteria, [Set<string>, string]> = {
    territoires: [new Set(Object.keys(vocab.territoire?.labels ?? {})), 'territoire'],
    maillons: [new Set(Object.keys(vocab.maillon?.labels ?? {})), 'maillon'],
    contenus: [new Set([...allCollections().map((c) => c.name), 'appels']), 'type de contenu'],
  };
  const out: AlertCriteria = { territoires: [], maillons: [], contenus: [] };
  for (const key of Object.keys(known) as (keyof AlertCriteria)[]) {
    const value = raw[key] ?? [];
    if (!Array.isArray(value) || value.length > MAX_LIST || value.some((v) => typeof v !== 'string'))
      return `Critère « ${key} » : une liste de ${MAX_LIST} valeurs au plus est attendue.`;
    const [set, what] = known[key];
    const unknown = (value as string[]).find((v) => !set.has(v));
    if (unknown !== undefined) return `Critère « ${key} » : ${what} inconnu (« ${unknown.slice(0, 60)} »).`;
    out[key] = [...new Set(value as string[])];
  }
  for (const key of Object.keys(raw))
    if (!(key in known)) return `Critère inconnu : « ${key.slice(0, 60)} » (territoires, maillons ou contenus).`;
  return out;
}
