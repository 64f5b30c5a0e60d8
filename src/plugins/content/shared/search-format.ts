/**
 * The search payload written at build time (`/recherche/index.json`) and read by the search box:
 * a lunr index in a compact form (sorted terms, delta-encoded postings per field, no positions),
 * and a small store of documents. The browser turns it back into a `lunr.Index`.
 */
export interface SearchPayload {
  v: 1;
  /** Collections: [label, route]. */
  c: [string, string][];
  /** Documents, by number: [collection index, path under the collection's route, title]. */
  d: [number, string, string][];
  /** Indexed fields with their boost. */
  f: [string, number][];
  /** Terms (stems), sorted. */
  t: string[];
  /** p[term][field] = document numbers, delta-encoded, or 0 when the term is absent from that field. */
  p: (number[] | 0)[][];
}

export function deltaEncode(sorted: readonly number[]): number[] {
  return sorted.map((n, i) => (i === 0 ? n : n - (sorted[i - 1] ?? 0)));
}

export function deltaDecode(deltas: readonly number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  for (const d of deltas) out.push((acc += d));
  return out;
}
