/**
 * The search engine of the search box, loaded only when the box is used: lunr with the French
 * pipeline (stop words, accent folding, Snowball stemmer), rebuilt from the compact payload
 * written at build time (src/plugins/content/search.ts).
 */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import french from 'lunr-languages/lunr.fr.js';
import { decodePostings, type SearchPayload } from '../../plugins/content/shared/search-format.js';

let ready = false;
function setup(): void {
  if (ready) return;
  // The plugins register their pipeline functions once per lunr (Node may already have done it).
  if (!('fr' in lunr)) {
    stemmerSupport(lunr);
    french(lunr);
  }
  ready = true;
}

export interface SearchHit {
  title: string;
  url: string;
  collection: string;
}

export interface Engine {
  search(query: string, limit?: number): { hits: SearchHit[]; total: number };
}

/** Rebuilds the lunr index: postings by field, and field vectors scored as lunr's builder does
 * (idf × field boost; lengths and term frequencies are not kept, which keeps the payload small). */
export function indexFromPayload(p: SearchPayload): lunr.Index {
  setup();
  const fields = p.fields.map((f) => f.name);
  const n = p.documents.length;
  const invertedIndex = Object.create(null) as Record<string, Record<string, unknown>>;
  const vectors = Object.create(null) as Record<string, number[]>;
  p.terms.forEach((term, ti) => {
    const perField = (p.postings[ti] ?? []).map(decodePostings);
    const posting: Record<string, unknown> = { _index: ti };
    let withTerm = 0;
    fields.forEach((field, fi) => {
      const docs = Object.create(null) as Record<string, object>;
      for (const d of perField[fi] ?? []) docs[String(d)] = Object.create(null) as object;
      posting[field] = docs;
      withTerm += perField[fi]?.length ?? 0;
    });
    invertedIndex[term] = posting;
    const idf = Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5)));
    fields.forEach((field, fi) => {
      const score = Math.round(idf * (p.fields[fi]?.boost ?? 1) * 1000) / 1000;
      for (const d of perField[fi] ?? []) (vectors[`${field}/${d}`] ??= []).push(ti, score);
    });
  });
  const fieldVectors = Object.create(null) as Record<string, lunr.Vector>;
  for (const [ref, elements] of Object.entries(vectors)) fieldVectors[ref] = new lunr.Vector(elements);
  const pipeline = new lunr.Pipeline();
  pipeline.add(lunr.fr.trimmer!, lunr.fr.accentFold!, lunr.fr.stemmer!);
  // @types/lunr leaves out `fieldVectors` and `TokenSet.fromArray`, both part of lunr 2's API.
  const tokenSet = (lunr.TokenSet as unknown as { fromArray(terms: string[]): lunr.TokenSet }).fromArray(p.terms);
  return new lunr.Index({
    invertedIndex,
    fieldVectors,
    tokenSet,
    fields,
    pipeline,
  } as unknown as lunr.Index.Attributes);
}

/** Query stems: the same French pipeline as at indexing time. */
export function queryStems(query: string): string[] {
  setup();
  const p = new lunr.Pipeline();
  p.add(lunr.fr.trimmer!, lunr.fr.stopWordFilter!, lunr.fr.accentFold!, lunr.fr.stemmer!);
  return p
    .run(lunr.tokenizer(query))
    .map((t) => t.toString())
    .filter((t) => t.length > 0);
}

export function createEngine(p: SearchPayload): Engine {
  const index = indexFromPayload(p);
  return {
    search(query, limit = 10) {
      const stems = queryStems(query);
      if (stems.length === 0) return { hits: [], total: 0 };
      // Every word must match (as a word, or as the start of one while typing); whole words rank higher.
      const results = index.query((q) => {
        for (const stem of stems) {
          q.term(stem, {
            usePipeline: false,
            wildcard: lunr.Query.wildcard.TRAILING,
            presence: lunr.Query.presence.REQUIRED,
          });
          q.term(stem, { usePipeline: false, boost: 10 });
        }
      });
      const hits = results.slice(0, limit).flatMap((r) => {
        const doc = p.documents[Number(r.ref)];
        const collection = doc && p.collections[doc.collection];
        return doc && collection
          ? [{ title: doc.title, url: `${collection.route}/${doc.path}`, collection: collection.label }]
          : [];
      });
      return { hits, total: results.length };
    },
  };
}
