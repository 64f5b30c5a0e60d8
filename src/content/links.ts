/** Every link an entry holds — in its fields and in its Markdown body — located for error messages. */
import { visit } from 'unist-util-visit';
import { parseMarkdown } from './markdown.js';
import type { ParsedEntry } from './parse.js';
import { schemaAt } from './schemas.js';

export interface EntryLink {
  url: string;
  file: string;
  line: number;
  col: number;
  /** `champ` for a field of the front matter/YAML, `texte` for the Markdown body. */
  where: 'champ' | 'texte';
  image: boolean;
}

export interface FieldUrl {
  url: string;
  /** Data path of the field. */
  steps: (string | number)[];
}

function walkFields(entry: ParsedEntry, value: unknown, steps: (string | number)[], out: FieldUrl[]): void {
  if (typeof value === 'string') {
    if (schemaAt(entry.collection, steps)?.format === 'uri') out.push({ url: value, steps });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkFields(entry, v, [...steps, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkFields(entry, v, [...steps, k], out);
  }
}

/**
 * The URLs held by the fields of an entry (those whose schema says they are URLs), not located:
 * locating a field reads the YAML again, which validation does only for a field with a problem.
 */
export function fieldUrls(entry: ParsedEntry): FieldUrl[] {
  const out: FieldUrl[] = [];
  if (entry.data) walkFields(entry, entry.data, [], out);
  return out;
}

/** The links held by the fields of an entry, located. */
export function fieldLinks(entry: ParsedEntry): EntryLink[] {
  return fieldUrls(entry).map(({ url, steps }) => ({
    url,
    file: entry.file,
    ...entry.locate(steps),
    where: 'champ',
    image: false,
  }));
}

export function extractLinks(entry: ParsedEntry): EntryLink[] {
  if (!entry.data) return [];
  const out = fieldLinks(entry);
  visit(parseMarkdown(entry.body), (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const start = node.position?.start;
    out.push({
      url: node.url,
      file: entry.file,
      line: (start?.line ?? 1) + entry.bodyLine - 1,
      col: start?.column ?? 1,
      where: 'texte',
      image: node.type === 'image',
    });
  });
  return out;
}

export const isExternal = (url: string): boolean => /^https?:\/\//i.test(url);
