/**
 * Building the search payload: every entry of every collection (sheets included), indexed on its
 * title, summary and a few facet labels, with lunr's French pipeline. Bodies are not indexed: with
 * their first 300 characters the payload for 10,000 entries would pass the 500 Ko gzip budget
 * (see `npm run bench:build -- --recherche`).
 */
import type lunr from 'lunr';
import { allCollections } from '../../content/collections.js';
import { resolve, schemaAt } from '../../content/schemas.js';
import type { LoadedEntry } from './load.js';
import { frenchLunr } from './lunr-fr.js';
import { encodePostings, type SearchPayload } from './shared/search-format.js';
import { entryUrl, facetValues } from './views.js';

/** Indexed fields and their boosts. */
export const SEARCH_FIELDS: SearchPayload['fields'] = [
  { name: 'titre', boost: 10 },
  { name: 'resume', boost: 2 },
  { name: 'etiquettes', boost: 3 },
];

/** Facets whose labels are indexed (so that « épicerie » also finds the entries of an épicerie solidaire). */
const TAG_FIELDS = ['maillons', 'type', 'porteur.type', 'publics', 'format', 'audience'];

const tagLabels = new Map<string, (Record<string, string> | undefined)[]>();

function tagsOf(e: LoadedEntry): string {
  let labels = tagLabels.get(e.collection.name);
  if (!labels) {
    labels = TAG_FIELDS.map((key) => {
      const s = schemaAt(e.collection, key.split('.'));
      if (!s) return undefined;
      const r = resolve(s);
      return r['x-labels'] ?? (r.items ? resolve(r.items)['x-labels'] : undefined) ?? {};
    });
    tagLabels.set(e.collection.name, labels);
  }
  const out: string[] = [];
  TAG_FIELDS.forEach((key, i) => {
    const l = labels[i];
    if (l) for (const v of facetValues(e.data, key)) out.push(l[v] ?? v);
  });
  return out.join(' ');
}

/** Stems of a text through the French indexing pipeline (the browser runs the same on queries). */
export function stems(pipeline: lunr.Pipeline, text: string): string[] {
  const l = frenchLunr();
  return pipeline
    .run(l.tokenizer(text))
    .map((t) => t.toString())
    .filter((t) => t.length > 0);
}

export function frenchPipeline(): lunr.Pipeline {
  const l = frenchLunr();
  const p = new l.Pipeline();
  p.add(l.fr.trimmer!, l.fr.stopWordFilter!, l.fr.accentFold!, l.fr.stemmer!);
  return p;
}

export function buildSearchPayload(entries: readonly LoadedEntry[]): SearchPayload {
  const collections = allCollections();
  const pipeline = frenchPipeline();
  const postings = new Map<string, Set<number>[]>();
  const documents: SearchPayload['documents'] = [];
  entries.forEach((entry, n) => {
    documents.push({
      collection: collections.indexOf(entry.collection),
      path: entryUrl(entry).slice(entry.collection.route.length + 1),
      title: entry.data.titre,
    });
    const values = [entry.data.titre, entry.data.resume, tagsOf(entry)];
    values.forEach((value, fi) => {
      for (const stem of stems(pipeline, value)) {
        let perField = postings.get(stem);
        if (!perField) postings.set(stem, (perField = SEARCH_FIELDS.map(() => new Set<number>())));
        perField[fi]!.add(n);
      }
    });
  });
  const terms = [...postings.keys()].sort();
  return {
    version: 3,
    collections: collections.map((c) => ({ label: c.label, route: c.route })),
    documents,
    fields: SEARCH_FIELDS,
    terms,
    postings: terms.map((t) => postings.get(t)!.map((set) => encodePostings([...set]))),
  };
}
