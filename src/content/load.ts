/**
 * Finding and reading the entries of the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allCollections, collectionOfPath, extensionOf, refOfFile, type Collection } from './collections.js';
import { parseEntry, type ParsedEntry } from './parse.js';
import { problem, type Problem } from './problems.js';
import { listFiles, relPath } from './paths.js';

export interface EntryFile {
  collection: Collection;
  /** Repository-relative path. */
  file: string;
}

export interface Listing {
  files: EntryFile[];
  problems: Problem[];
}

function classify(root: string, abs: string, listing: Listing): void {
  const rel = relPath(root, abs);
  if (rel.toLowerCase().endsWith('.mdx')) {
    listing.problems.push(
      problem(
        rel,
        { line: 1, col: 1 },
        'mdx-interdit',
        'Les fichiers .mdx ne sont pas acceptés : le contenu est du Markdown simple, sans code.',
        `Renommez le fichier en .md et retirez les import, export et composants JSX.`,
      ),
    );
    return;
  }
  const collection = collectionOfPath(rel);
  if (!collection) {
    listing.problems.push(
      problem(
        rel,
        { line: 1, col: 1 },
        'fichier-inattendu',
        'Ce fichier n’appartient à aucune collection.',
        `Rangez-le dans un des dossiers : ${allCollections()
          .map((c) => c.folder)
          .join(', ')}.`,
      ),
    );
    return;
  }
  const ext = extensionOf(collection);
  if (!rel.endsWith(ext)) {
    listing.problems.push(
      problem(
        rel,
        { line: 1, col: 1 },
        'fichier-inattendu',
        `La collection « ${collection.label} » n’accepte que des fichiers ${ext}.`,
        ext === '.yaml' && rel.endsWith('.yml')
          ? 'Renommez le fichier en .yaml.'
          : `Retirez ce fichier du dossier ${collection.folder}/.`,
      ),
    );
    return;
  }
  listing.files.push({ collection, file: rel });
}

/**
 * Lists entry files under `content/` (or only under the given paths), with problems for files
 * that cannot be entries (.mdx, wrong extension, outside any collection).
 */
export function listEntries(root: string, paths?: readonly string[]): Listing {
  const listing: Listing = { files: [], problems: [] };
  const targets = paths && paths.length > 0 ? paths.map((p) => path.resolve(root, p)) : [path.join(root, 'content')];
  for (const target of targets) {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (!stat) continue;
    // Hidden files and folders (.DS_Store, .git…) are not entries.
    const files = stat.isDirectory()
      ? listFiles(target).filter(
          (abs) =>
            !path
              .relative(target, abs)
              .split(path.sep)
              .some((s) => s.startsWith('.')),
        )
      : [target];
    for (const abs of files) classify(root, abs, listing);
  }
  return listing;
}

export function readEntry(root: string, f: EntryFile): ParsedEntry {
  const abs = path.join(root, f.file);
  const size = fs.statSync(abs).size;
  // Oversized files are refused by the parser from their size alone, without reading them.
  const bytes = size > 1024 * 1024 ? Buffer.alloc(size) : fs.readFileSync(abs);
  return parseEntry(f.collection, f.file, bytes);
}

/** `<collection>/<id>` of every entry file of the repository, from file names. */
export function knownRefs(root: string): Set<string> {
  return new Set(listEntries(root).files.map(refOfFile));
}
