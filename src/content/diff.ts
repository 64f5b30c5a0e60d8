/**
 * The semantic diff: what changes between two versions of the content, entry by entry and field by
 * field, in the words of the schemas (French field titles, vocabulary labels, dates as JJ/MM/AAAA).
 * Used by `essaim diff`, by `essaim propose` for the pull-request body, by CI and by the service.
 * Rendering lives in `diff-render.ts`.
 */
import type { Heading, Root, RootContent } from 'mdast';
import {
  collectionOfPath,
  collectionOrder,
  extensionOf,
  idOfFile,
  type Collection,
  type CollectionName,
} from './collections.js';
import { changedFiles, mergeBase, requireCommit, showFiles, type ChangedFile } from './git.js';
import { parseMarkdown } from './markdown.js';
import { parseEntry, type ParsedEntry } from './parse.js';
import { readSchema, resolve, type JsonSchema } from './schemas.js';
import fs from 'node:fs';
import path from 'node:path';

export type EntryChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** One field that changed. Texts (`label`, `before`, `after`, `added`, `removed`) are French, ready to print. */
export interface FieldChange {
  /** Data path; items of lists of objects are named by their key (`id`, `titre`…), not their position. */
  path: string[];
  /** French label from the top, e.g. `Appel à projets « Mieux manger » : Date limite`. */
  label: string;
  /** `changed`: a value replaced; `set`/`unset`: a value appears or disappears; `list`: items added or removed. */
  kind: 'changed' | 'set' | 'unset' | 'list' | 'order';
  before?: string;
  after?: string;
  added?: string[];
  removed?: string[];
}

/** A `##` section of the Markdown body that was added, removed or modified. */
export interface SectionChange {
  /** Heading text; empty for the text before the first heading. */
  heading: string;
  kind: 'added' | 'removed' | 'changed';
}

export interface UnreadableSide {
  side: 'base' | 'head';
  problems: { line: number; col: number; message: string }[];
}

export interface EntryDiff {
  kind: EntryChangeKind;
  collection: CollectionName;
  /** Path of the entry in the head (in the base when removed). */
  file: string;
  /** Previous path, for moved entries. */
  previousFile?: string;
  id: string;
  /** Title of the entry (head version when readable), or its id. */
  title: string;
  fields: FieldChange[];
  sections: SectionChange[];
  /** Sides that could not be read: their fields are not compared. */
  unreadable: UnreadableSide[];
}

export interface ContentDiff {
  /** Revision given as the base. */
  base: string;
  /** Commit actually compared from, when it is not `base` itself: where the head branched off it. */
  from?: string;
  /** Revision compared to, or undefined for the working tree. */
  head?: string;
  entries: EntryDiff[];
  /** Changed files under content/ that are not entries (images, stray files…). */
  others: ChangedFile[];
}

// ---------------------------------------------------------------------------------------------
// Values in French

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;
const MAX_TEXT = 120;

/** `2026-01-31` → `31/01/2026`; `2026-03-12T14:00:00+01:00` → `12/03/2026 14:00`. Other text unchanged. */
export function frenchDate(value: string): string {
  const d = DATE.exec(value);
  if (d) return `${d[3]}/${d[2]}/${d[1]}`;
  const t = DATETIME.exec(value);
  if (t) return `${t[3]}/${t[2]}/${t[1]} ${t[4]}:${t[5]}`;
  return value;
}

function labelsOf(s: JsonSchema | undefined): Record<string, string> | undefined {
  return s ? resolve(s)['x-labels'] : undefined;
}

/** French label of one scalar value of a field whose (resolved) schema is `s`. */
export function scalarText(s: JsonSchema | undefined, value: unknown): string {
  if (value === undefined || value === null) return '(vide)';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  const r = s ? resolve(s) : undefined;
  if (typeof value === 'number') {
    // French grouping with a plain no-break space: « 20 000 € », « 80 % ».
    const n = new Intl.NumberFormat('fr-FR').format(value).replace(/\u202f/g, '\u00a0');
    return r?.['x-unit'] ? `${n}\u00a0${r['x-unit']}` : n;
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  const labels = labelsOf(r);
  if (labels && value in labels) {
    const label = labels[value]!;
    const code = r?.['x-parents'] !== undefined ? /^(?:reg|dep)-(.+)$/.exec(value)?.[1] : undefined;
    return code ? `${label} (${code})` : label;
  }
  if (DATE.test(value) || DATETIME.test(value)) return frenchDate(value);
  if (/^https?:\/\/\S+$/.test(value)) return value;
  const flat = value.replace(/\s+/g, ' ').trim();
  return `« ${flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat} »`;
}

// ---------------------------------------------------------------------------------------------
// Field by field

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Keys of two objects, schema order first, then unknown keys alphabetically. */
function keysOf(s: JsonSchema | undefined, a: Data, b: Data): string[] {
  const known = Object.keys(s?.properties ?? {});
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...known.filter((k) => all.has(k)), ...[...all].filter((k) => !known.includes(k)).sort()];
}

const KEY_FIELDS = ['id', 'titre', 'structure', 'nom', 'debut', 'url'];

/** The field that identifies items of a list of objects, when every item has a distinct value for it. */
function keyFieldOf(itemSchema: JsonSchema | undefined, lists: readonly Data[][]): string | undefined {
  const props = itemSchema?.properties ?? {};
  for (const k of KEY_FIELDS) {
    if (!(k in props)) continue;
    const ok = lists.every((items) => {
      const values = items.map((it) => it[k]);
      return values.every((v) => typeof v === 'string' && v !== '') && new Set(values).size === values.length;
    });
    if (ok) return k;
  }
  return undefined;
}

/** How an item of a list of objects is named: its title (or name, or id), else its values. */
function itemName(itemSchema: JsonSchema | undefined, item: Data): string {
  const props = itemSchema?.properties ?? {};
  for (const k of ['titre', 'structure', 'nom', 'id']) {
    const v = item[k];
    if (typeof v === 'string' && v !== '') return scalarText(props[k], v).replace(/^« (.*) »$/s, '$1');
  }
  const values = Object.entries(item)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')
    .map(([k, v]) => scalarText(props[k], v).replace(/^« (.*) »$/s, '$1'));
  return [...new Set(values)].join(', ') || '…';
}

const join = (prefix: string, label: string): string => (prefix ? `${prefix} : ${label}` : label);

function diffValue(
  s: JsonSchema | undefined,
  before: unknown,
  after: unknown,
  path: string[],
  label: string,
  out: FieldChange[],
): void {
  if (same(before, after)) return;
  const r = s ? resolve(s) : undefined;
  if (Array.isArray(before) || Array.isArray(after)) {
    diffList(
      r,
      Array.isArray(before) ? before : [],
      Array.isArray(after) ? after : [],
      path,
      label,
      out,
      before,
      after,
    );
    return;
  }
  if (isObject(before) || isObject(after)) {
    const a = isObject(before) ? before : {};
    const b = isObject(after) ? after : {};
    for (const k of keysOf(r, a, b)) {
      const sub = r?.properties?.[k];
      diffValue(sub, a[k], b[k], [...path, k], join(label, titleOf(sub, k)), out);
    }
    return;
  }
  if (before === undefined || before === null) out.push({ path, label, kind: 'set', after: scalarText(r, after) });
  else if (after === undefined || after === null)
    out.push({ path, label, kind: 'unset', before: scalarText(r, before) });
  else out.push({ path, label, kind: 'changed', before: scalarText(r, before), after: scalarText(r, after) });
}

function titleOf(s: JsonSchema | undefined, key: string): string {
  return (s ? resolve(s).title : undefined) ?? key;
}

function diffList(
  s: JsonSchema | undefined,
  before: unknown[],
  after: unknown[],
  path: string[],
  label: string,
  out: FieldChange[],
  rawBefore: unknown,
  rawAfter: unknown,
): void {
  const itemSchema = s?.items ? resolve(s.items) : undefined;
  const objects = [...before, ...after].every(isObject) && before.length + after.length > 0;
  if (!objects) {
    const text = (v: unknown): string =>
      isObject(v) || Array.isArray(v) ? JSON.stringify(v) : scalarText(itemSchema, v);
    const keyOf = (v: unknown): string => JSON.stringify(v);
    const beforeKeys = new Set(before.map(keyOf));
    const afterKeys = new Set(after.map(keyOf));
    const added = after.filter((v) => !beforeKeys.has(keyOf(v))).map(text);
    const removed = before.filter((v) => !afterKeys.has(keyOf(v))).map(text);
    if (added.length > 0 || removed.length > 0) out.push({ path, label, kind: 'list', added, removed });
    else if (rawBefore !== undefined && rawAfter !== undefined) {
      out.push({ path, label, kind: 'order', before: before.map(text).join(', '), after: after.map(text).join(', ') });
    }
    return;
  }
  const a = before as Data[];
  const b = after as Data[];
  const keyField = keyFieldOf(itemSchema, [a, b]);
  const keyOf = (item: Data): string => (keyField ? String(item[keyField]) : JSON.stringify(item));
  const beforeByKey = new Map(a.map((item) => [keyOf(item), item]));
  const afterKeys = new Set(b.map(keyOf));
  const added: string[] = [];
  const removed = a.filter((item) => !afterKeys.has(keyOf(item))).map((item) => `« ${itemName(itemSchema, item)} »`);
  const nested: FieldChange[] = [];
  const itemTitle = itemSchema?.title ?? label;
  for (const item of b) {
    const previous = beforeByKey.get(keyOf(item));
    const name = `« ${itemName(itemSchema, item)} »`;
    if (!previous) added.push(name);
    else
      diffValue(
        itemSchema,
        previous,
        item,
        [...path, keyOf(item)],
        join(parentOf(label), `${itemTitle} ${name}`),
        nested,
      );
  }
  if (added.length > 0 || removed.length > 0) out.push({ path, label, kind: 'list', added, removed });
  else if (nested.length === 0 && !same(a.map(keyOf), b.map(keyOf))) {
    out.push({
      path,
      label,
      kind: 'order',
      before: a.map((i) => `« ${itemName(itemSchema, i)} »`).join(', '),
      after: b.map((i) => `« ${itemName(itemSchema, i)} »`).join(', '),
    });
  }
  out.push(...nested);
}

/** The label of the object holding a list: items are named on their own ("Appel à projets « x »"). */
function parentOf(label: string): string {
  const i = label.lastIndexOf(' : ');
  return i < 0 ? '' : label.slice(0, i);
}

/** Field-by-field changes between two versions of an entry's data. */
export function diffData(c: Collection, before: Data, after: Data): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue(readSchema(c.schema), before, after, [], '', out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sections of the Markdown body

interface Section {
  heading: string;
  key: string;
  text: string;
}

function textOf(node: RootContent | Heading): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}

/** The body cut at its `##` headings; the text before the first heading is the section with an empty heading. */
export function sectionsOf(body: string): Section[] {
  const tree: Root = parseMarkdown(body);
  const cuts: { offset: number; heading: string }[] = [{ offset: 0, heading: '' }];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2 && node.position)
      cuts.push({ offset: node.position.start.offset ?? 0, heading: textOf(node).trim() });
  }
  const seen = new Map<string, number>();
  const out: Section[] = [];
  cuts.forEach((cut, i) => {
    const end = cuts[i + 1]?.offset ?? body.length;
    const text = body
      .slice(cut.offset, end)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim();
    if (cut.heading === '' && text === '') return;
    const n = (seen.get(cut.heading) ?? 0) + 1;
    seen.set(cut.heading, n);
    out.push({ heading: cut.heading, key: `${cut.heading}\u0000${n}`, text });
  });
  return out;
}

export function diffSections(before: string, after: string): SectionChange[] {
  const a = sectionsOf(before);
  const b = sectionsOf(after);
  const byKey = new Map(a.map((s) => [s.key, s]));
  const afterKeys = new Set(b.map((s) => s.key));
  const out: SectionChange[] = [];
  for (const s of b) {
    const previous = byKey.get(s.key);
    if (!previous) out.push({ heading: s.heading, kind: 'added' });
    else if (previous.text !== s.text) out.push({ heading: s.heading, kind: 'changed' });
  }
  for (const s of a) if (!afterKeys.has(s.key)) out.push({ heading: s.heading, kind: 'removed' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entries

function unreadable(side: UnreadableSide['side'], e: ParsedEntry | undefined): UnreadableSide[] {
  if (!e || e.data !== undefined) return [];
  return [{ side, problems: e.problems.map((p) => ({ line: p.line, col: p.col, message: p.message })) }];
}

/**
 * What changed in one entry. `before` undefined: added; `after` undefined: removed; different files:
 * moved. Sides that cannot be read are reported, not compared.
 */
export function diffEntries(before: ParsedEntry | undefined, after: ParsedEntry | undefined): EntryDiff {
  const e = after ?? before;
  if (!e) throw new Error('diffEntries : aucune version à comparer');
  const c = e.collection;
  const kind: EntryChangeKind = !before
    ? 'added'
    : !after
      ? 'removed'
      : before.file !== after.file
        ? 'moved'
        : 'changed';
  const titre = (x: ParsedEntry | undefined): string | undefined =>
    typeof x?.data?.titre === 'string' ? x.data.titre : undefined;
  const diff: EntryDiff = {
    kind,
    collection: c.name,
    file: e.file,
    ...(kind === 'moved' && before ? { previousFile: before.file } : {}),
    id: typeof e.data?.id === 'string' ? e.data.id : idOfFile(e.file),
    title: titre(after) ?? titre(before) ?? idOfFile(e.file),
    fields: [],
    sections: [],
    unreadable: [...unreadable('base', before), ...unreadable('head', after)],
  };
  if (diff.unreadable.length > 0) return diff;
  if (kind === 'added' && after?.data) {
    // A new entry: its facets, so that reviewers see at a glance where it will be listed.
    const facets: Data = {};
    for (const f of c.facets) {
      const [top, sub] = f.split('.') as [string, string | undefined];
      const value = after.data[top];
      if (value === undefined) continue;
      if (sub === undefined) facets[top] = value;
      else if (isObject(value) && value[sub] !== undefined)
        facets[top] = { ...(isObject(facets[top]) ? facets[top] : {}), [sub]: value[sub] };
    }
    diff.fields = diffData(c, {}, facets);
  } else if ((kind === 'changed' || kind === 'moved') && before?.data && after?.data) {
    diff.fields = diffData(c, before.data, after.data);
    if (c.format === 'md') diff.sections = diffSections(before.body, after.body);
  }
  return diff;
}

// ---------------------------------------------------------------------------------------------
// Between two revisions

export interface DiffOptions {
  /** Only these files (relative to the root). */
  files?: readonly string[];
  /**
   * Compare from the common ancestor of `base` and `head`, as a pull request does: changes made on
   * the base branch since the head branched off are not shown as undone.
   */
  mergeBase?: boolean;
}

function isEntryFile(file: string): Collection | undefined {
  const c = collectionOfPath(file);
  return c && file.endsWith(extensionOf(c)) ? c : undefined;
}

/**
 * The semantic diff of `content/` between revision `base` and revision `head` (the working tree when
 * undefined, untracked files included).
 */
export function diffRevisions(root: string, base: string, head?: string, options: DiffOptions = {}): ContentDiff {
  const baseCommit = requireCommit(root, base);
  if (head) requireCommit(root, head);
  const ancestor = options.mergeBase ? mergeBase(root, baseCommit, head ?? 'HEAD') : undefined;
  const from = ancestor ?? baseCommit;
  const only = options.files ? new Set(options.files) : undefined;
  const changes = changedFiles(root, from, head).filter((f) => !only || only.has(f.file));
  // Each side read by one `git cat-file --batch` (a week of a big portal is hundreds of files).
  const entryFiles = (status: ChangedFile['status']): string[] =>
    changes.filter((f) => f.status !== status && isEntryFile(f.file)).map((f) => f.file);
  const fromBytes = showFiles(root, from, entryFiles('A'));
  const headBytes = head ? showFiles(root, head, entryFiles('D')) : undefined;
  const parsed = (c: Collection, file: string, bytes: Buffer | undefined): ParsedEntry | undefined =>
    bytes ? parseEntry(c, file, bytes) : undefined;
  const others: ChangedFile[] = [];
  const added: ParsedEntry[] = [];
  const removed: ParsedEntry[] = [];
  const entries: EntryDiff[] = [];
  for (const change of changes) {
    const c = isEntryFile(change.file);
    if (!c) {
      if (!change.file.endsWith('.gitkeep')) others.push(change);
      continue;
    }
    const before = change.status === 'A' ? undefined : parsed(c, change.file, fromBytes.get(change.file));
    const after =
      change.status === 'D'
        ? undefined
        : parsed(c, change.file, headBytes ? headBytes.get(change.file) : readWorkingFile(root, change.file));
    if (before && !after) removed.push(before);
    else if (after && !before) added.push(after);
    else if (before && after) entries.push(diffEntries(before, after));
  }
  // Same collection and id in a removed and an added file: the entry moved (e.g. to another maillon folder).
  for (const a of added) {
    const i = removed.findIndex((r) => r.collection === a.collection && idOfFile(r.file) === idOfFile(a.file));
    const from = i >= 0 ? removed.splice(i, 1)[0] : undefined;
    entries.push(diffEntries(from, a));
  }
  for (const r of removed) entries.push(diffEntries(r, undefined));
  entries.sort((x, y) => collectionOrder(x.collection) - collectionOrder(y.collection) || x.file.localeCompare(y.file));
  return { base, ...(from !== baseCommit ? { from } : {}), ...(head ? { head } : {}), entries, others };
}

function readWorkingFile(root: string, file: string): Buffer | undefined {
  try {
    return fs.readFileSync(path.join(root, file));
  } catch {
    return undefined;
  }
}
