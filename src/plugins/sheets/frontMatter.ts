/**
 * The bridge between the content core and Docusaurus' Markdown loader (`markdown.parseFrontMatter`).
 *
 * Every Markdown entry of `content/` — and every sheet of a cut edition in
 * `practices_versioned_docs/` — is read by the one safe parser (`parseEntry`) and checked by the one
 * validator (`validateEntry`); an invalid entry makes the build fail with the CLI's own messages.
 * This is the ONE place where the French fields are mapped to Docusaurus' own front-matter keys.
 * The French fields are kept (the sheet page shows them); fields marked `x-public: false` (such as
 * `note_interne`) are removed, so that they never reach the built site.
 */
import path from 'node:path';
import { collectionOfPath, type Collection } from '../../content/collections.js';
import { parseEntry, type ParsedEntry } from '../../content/parse.js';
import type { Problem } from '../../content/problems.js';
import { problemLine } from '../../content/report.js';
import { readSchema, resolve } from '../../content/schemas.js';
import { validateEntry } from '../../content/validate.js';
import { findCollection } from '../../content/collections.js';

/** Folder of the cut editions of the practice sheets (Docusaurus docs versioning, instance `practices`). */
export const VERSIONED_DOCS = 'practices_versioned_docs';

export interface EntryLocation {
  collection: Collection;
  /** Repository-relative path of the file as it is on disk. */
  file: string;
  /** Path the entry would have in `content/` (the same, except for cut editions). */
  contentFile: string;
}

/** Where a Markdown file of the site belongs: an entry of `content/`, a sheet of a cut edition, or neither. */
export function locateEntry(siteDir: string, filePath: string): EntryLocation | undefined {
  const rel = path.relative(siteDir, filePath).split(path.sep).join('/');
  const versioned = new RegExp(`^${VERSIONED_DOCS}/version-[^/]+/(.+)$`).exec(rel);
  if (versioned) {
    const practices = findCollection('practices')!;
    return { collection: practices, file: rel, contentFile: `${practices.folder}/${versioned[1]}` };
  }
  const collection = collectionOfPath(rel);
  return collection && collection.format === 'md' ? { collection, file: rel, contentFile: rel } : undefined;
}

/** Fields never published (`x-public: false` in the collection's schema). */
function privateFields(c: Collection): string[] {
  const props = readSchema(c.schema).properties ?? {};
  return Object.entries(props)
    .filter(([, s]) => resolve(s)['x-public'] === false || s['x-public'] === false)
    .map(([k]) => k);
}

/** The public data of an entry, with the Docusaurus keys derived from the French fields. */
export function docusaurusFrontMatter(c: Collection, data: Record<string, unknown>): Record<string, unknown> {
  const hidden = new Set(privateFields(c));
  const out = Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.has(key)));
  if (typeof data.titre === 'string') out.title = data.titre;
  if (typeof data.resume === 'string') out.description = data.resume;
  if (c.name === 'practices' && typeof data.id === 'string') {
    // Stable address: /fiches/<id>, whatever the maillon folder the sheet lives in.
    out.slug = `/${data.id}`;
    // The sheet page renders its own title, followed by the sheet's fields (src/theme/DocItem/Content).
    out.hide_title = true;
  }
  return out;
}

/** Thrown when an entry cannot be published; its message is the list of problems, as the CLI prints them. */
export class InvalidEntryError extends Error {
  override name = 'InvalidEntryError';
  constructor(readonly problems: readonly Problem[]) {
    super(
      `Entrée invalide — corrigez ces problèmes (essaim validate les affiche aussi) :\n${problems.map(problemLine).join('\n')}`,
    );
  }
}

/** Reads and validates one entry located by `locateEntry`; problems are reported with the real path. */
export function readForSite(siteDir: string, where: EntryLocation, fileContent: string): ParsedEntry {
  const entry = parseEntry(where.collection, where.contentFile, fileContent);
  const problems = validateEntry(entry, siteDir)
    .filter((p) => p.severity === 'error')
    .map((p) => ({ ...p, file: where.file }));
  if (problems.length > 0) throw new InvalidEntryError(problems);
  return entry;
}

interface Params {
  filePath: string;
  fileContent: string;
  defaultParseFrontMatter: (p: {
    filePath: string;
    fileContent: string;
  }) => Promise<{ frontMatter: Record<string, unknown>; content: string }>;
}

/** Docusaurus' `markdown.parseFrontMatter` hook, bound to the site directory. */
export function entryFrontMatterParser(siteDir: string) {
  return async (params: Params): Promise<{ frontMatter: Record<string, unknown>; content: string }> => {
    const where = locateEntry(siteDir, params.filePath);
    if (!where) return params.defaultParseFrontMatter(params);
    const entry = readForSite(siteDir, where, params.fileContent);
    return { frontMatter: docusaurusFrontMatter(where.collection, entry.data ?? {}), content: entry.body };
  };
}
