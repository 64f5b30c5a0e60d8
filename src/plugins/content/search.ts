/**
 * Building the search payload: every entry of every collection (sheets included), indexed on its
 * title, summary, a few facet labels and the start of its body, with lunr's French pipeline.
 */
import type lunr from 'lunr';
import { allCollections } from '../../content/collections.js';
import { resolve, schemaAt } from '../../content/schemas.js';
import type { LoadedEntry } from './load.js';
import { frenchLunr } from './lunr-fr.js';
import { deltaEncode, type SearchPayload } from './shared/search-format.js';
import { entryUrl, facetValues } from './views.js';

/** Indexed fields and their boosts. */
export const SEARCH_FIELDS: [string, number][] = [['titre', 10], ['resume', 2], ['etiquettes', 3], ['texte', 1]];
/** How much of a body is indexed. */
export const BODY_CHARS = 300;
/** Facets whose labels are indexed (so that « épicerie » also finds the entries of an épicerie solidaire). */
const TAG_FIELDS = ['maillons', 'type', 'porteur.type', 'publics', 'format', 'audience'];

export interface SearchDoc {
  entry: LoadedEntry;
  /** Plain text of the body (may be long; only its start is indexed). */
  text: string;
}

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

/** Text of the start of a Markdown body, without its syntax (link targets, marks, headings). */
export function roughText(markdown: string): string {
  return markdown
    .slice(0, BODY_CHARS * 4)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#*_`>[\]|~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function startOf(text: string): string {
  if (text.length <= BODY_CHARS) return text;
  const cut = text.slice(0, BODY_CHARS);
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : BODY_CHARS);
}

/** Stems of a text through the French indexing pipeline (the browser runs the same on queries). */
export function stems(pipeline: lunr.Pipeline, text: string): string[] {
  const l = frenchLunr();
  return pipeline.run(l.tokenizer(text)).map((t) => t.toString()).filter((t) => t.length > 0);
}

export function frenchPipeline(): lunr.Pipeline {
  const l = frenchLunr();
  const p = new l.Pipeline();
  p.add(l.fr.trimmer!, l.fr.stopWordFilter!, l.fr.accentFold!, l.fr.stemmer!);
  return p;
}

export function buildSearchPayload(docs: readonly SearchDoc[]): SearchPayload {
  const collections = allCollections();
  const pipeline = frenchPipeline();
  const postings = new Map<string, Set<number>[]>();
  const d: SearchPayload['d'] = [];
  docs.forEach(({ entry, text }, n) => {
    const url = entryUrl(entry);
    const ci = collections.indexOf(entry.collection);
    d.push([ci, url.slice(entry.collection.route.length + 1), String(entry.data.titre ?? entry.id)]);
    const values = [String(entry.data.titre ?? ''), String(entry.data.resume ?? ''), tagsOf(entry), startOf(text)];
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
    v: 1,
    c: collections.map((c) => [c.label, c.route]),
    d,
    f: SEARCH_FIELDS,
    t: terms,
    p: terms.map((t) => postings.get(t)!.map((set) => (set.size === 0 ? 0 : deltaEncode([...set])))),
  };
}
