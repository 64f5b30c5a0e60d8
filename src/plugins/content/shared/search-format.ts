/**
 * The search payload written at build time (`/recherche/index.json`) and read by the search box:
 * a lunr index in a compact form (sorted terms, gap-encoded postings per field, no positions),
 * and a small store of documents. The browser turns it back into a `lunr.Index`.
 */
export interface SearchPayload {
  version: 3;
  collections: { label: string; route: string }[];
  /** By document number; `path` is under the collection's route. */
  documents: { collection: number; path: string; title: string }[];
  /** Indexed fields with their boost. */
  fields: { name: string; boost: number }[];
  /** Terms (stems), sorted. */
  terms: string[];
  /** postings[term][field] = the documents holding the term in that field (`encodePostings`), '' if none. */
  postings: string[][];
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
