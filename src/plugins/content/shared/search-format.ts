/**
 * The search payload written at build time (`/recherche/index.json`) and read by the search box:
 * a lunr index in a compact form (sorted terms, gap-encoded postings per field, no positions),
 * and a small store of documents. The browser turns it back into a `lunr.Index`.
 */
export interface SearchPayload {
  v: 2;
  /** Collections: [label, route]. */
  c: [string, string][];
  /** Documents, by number: [collection index, path under the collection's route, title]. The path
   * is a number n when it is the first n characters of the title's slug (see `pathOf`). */
  d: [number, string | number, string][];
  /** Indexed fields with their boost. */
  f: [string, number][];
  /** Terms (stems), sorted. */
  t: string[];
  /** p[term][field] = the documents holding the term in that field (`encodePostings`), '' if none. */
  p: string[][];
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A sorted list of document numbers as text: gaps between numbers, each written in base 32 with
 * one character per 5 bits (characters 32–63 mark « more digits follow »). About half the size of
 * the same list in JSON, before gzip.
 */
export function encodePostings(sorted: readonly number[]): string {
  let out = '';
  let previous = 0;
  for (const n of sorted) {
    let gap = n - previous;
    previous = n;
    const digits: number[] = [];
    do {
      digits.push(gap & 31);
      gap >>>= 5;
    } while (gap > 0);
    for (let i = digits.length - 1; i >= 0; i--) out += DIGITS.charAt(digits[i]! + (i > 0 ? 32 : 0));
  }
  return out;
}

export function decodePostings(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const d = DIGITS.indexOf(text[i]!);
    value = value * 32 + (d & 31);
    if (d < 32) {
      previous += value;
      out.push(previous);
      value = 0;
    }
  }
  return out;
}

/** Slug of a title: lower case, no accents, words joined by dashes (ids are usually a prefix of it). */
export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Compact form of a document's path: its length when it is a prefix of the title's slug. */
export function packPath(path: string, title: string): string | number {
  return path.length > 0 && slugOf(title).startsWith(path) ? path.length : path;
}

export function pathOf(packed: string | number, title: string): string {
  return typeof packed === 'number' ? slugOf(title).slice(0, packed) : packed;
}
