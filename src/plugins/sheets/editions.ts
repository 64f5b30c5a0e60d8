/**
 * Editions of the practice sheets: snapshots cut by Docusaurus docs versioning (instance
 * `practices`) into `practices_versioned_docs/version-<nom>/`. A snapshot lives outside content/,
 * so `essaim validate` does not see it; this module checks it with the same core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findCollection } from '../../content/collections.js';
import { knownRefs } from '../../content/load.js';
import { parseEntry, type ParsedEntry } from '../../content/parse.js';
import { problem, sortProblems, type Problem } from '../../content/problems.js';
import { validateEntry, validateRepositoryRules, type ValidateOptions } from '../../content/validate.js';
import { VERSIONED_DOCS } from './frontMatter.js';

export const VERSIONS_FILE = 'practices_versions.json';

/** A name Docusaurus accepts as a version and that reads well in an address: `2026`, `2027-printemps`. */
export const EDITION_NAME = /^[0-9a-z]+(?:[.-][0-9a-z]+)*$/;

export function editionDir(name: string): string {
  return `${VERSIONED_DOCS}/version-${name}`;
}

/** The cut editions, newest first (as Docusaurus writes them). */
export function listEditions(root: string): string[] {
  const file = path.join(root, VERSIONS_FILE);
  if (!fs.existsSync(file)) return [];
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function walk(dir: string, out: string[]): void {
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) walk(abs, out);
    else if (item.isFile()) out.push(abs);
  }
}

/** The files of an edition's snapshot (repository paths), with the path each would have in content/practices/. */
export function editionFiles(root: string, name: string): { rel: string; contentFile: string }[] {
  const practices = findCollection('practices')!;
  const abs = path.join(root, editionDir(name));
  if (!fs.existsSync(abs)) return [];
  const files: string[] = [];
  walk(abs, files);
  return files.sort().map((file) => ({
    rel: path.relative(root, file).split(path.sep).join('/'),
    contentFile: `${practices.folder}/${path.relative(abs, file).split(path.sep).join('/')}`,
  }));
}

export interface SnapshotResult {
  entries: ParsedEntry[];
  problems: Problem[];
}

/**
 * Validates every file of an edition's snapshot as a practice sheet: each must parse and pass the
 * entry rules (as if it were in content/practices/), ids must be unique and references must
 * resolve in the repository. Problems name the snapshot's files.
 */
export function validateEdition(root: string, name: string, options: ValidateOptions = {}): SnapshotResult {
  const practices = findCollection('practices')!;
  const dir = editionDir(name);
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs))
    return {
      entries: [],
      problems: [
        problem(
          dir,
          { line: 1, col: 1 },
          'edition-introuvable',
          `L’édition « ${name} » n’a pas de dossier ${dir}/.`,
          'Créez-la avec `essaim edition <nom>`.',
        ),
      ],
    };
  const problems: Problem[] = [];
  const entries: ParsedEntry[] = [];
  const realPath = new Map<string, string>();
  for (const { rel, contentFile } of editionFiles(root, name)) {
    if (!rel.endsWith('.md')) {
      problems.push(
        problem(
          rel,
          { line: 1, col: 1 },
          'fichier-inattendu',
          'Une édition ne contient que des fiches pratiques en Markdown (.md).',
          `Retirez ce fichier du dossier ${dir}/.`,
        ),
      );
      continue;
    }
    realPath.set(contentFile, rel);
    const entry = parseEntry(practices, contentFile, fs.readFileSync(path.join(root, rel)));
    entries.push(entry);
    problems.push(...validateEntry(entry, root, options));
  }
  problems.push(...validateRepositoryRules(entries, knownRefs(root)));
  const located = problems.map((p) => ({ ...p, file: realPath.get(p.file) ?? p.file }));
  return { entries, problems: sortProblems(located) };
}
