/**
 * Runs the core validator on entries given as text, and prints problems as one line each
 * (`file:line:col  rule  message → hint`), ready for inline snapshots.
 */
import { findCollection, collectionOfPath } from '../../src/content/collections.js';
import { parseEntry } from '../../src/content/parse.js';
import type { Problem } from '../../src/content/problems.js';
import { validateEntry, validateRepository } from '../../src/content/validate.js';
import path from 'node:path';
import { fixturesDir, makeTree, TODAY } from './tree.js';

export function line(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}${p.hint ? ` → ${p.hint}` : ''}`;
}

/** Problems of one entry on its own (reading, schema and entry rules), validated at TODAY, in the
 * repository of the `valide` fixture (its entries and static/ files are what local links can reach). */
export function checkEntry(file: string, text: string | Uint8Array, today = TODAY): string[] {
  const collection = collectionOfPath(file) ?? findCollection(file.split('/')[1] ?? '');
  if (!collection) throw new Error(`checkEntry: ${file} n’est dans aucune collection`);
  return validateEntry(parseEntry(collection, file, text), path.join(fixturesDir, 'valide'), { today }).map(line);
}

/** Problems of a whole temporary repository (fixture tree + files), validated at TODAY. */
export function checkTree(
  tree: string | undefined,
  files: Record<string, string | Uint8Array>,
  today = TODAY,
): string[] {
  const root = makeTree(tree, files);
  return validateRepository(root, undefined, { today }).problems.map(line);
}
