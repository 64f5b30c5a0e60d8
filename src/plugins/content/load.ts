/**
 * Loading every collection through the core. An invalid entry fails the build with the very
 * text `essaim validate` prints.
 */
import path from 'node:path';
import type { Collection } from '../../content/collections.js';
import { formatProblems } from '../../content/report.js';
import { isRead, validateRepository } from '../../content/validate.js';

export interface LoadedEntry {
  collection: Collection;
  id: string;
  /** Repository-relative file. */
  file: string;
  data: Record<string, unknown>;
  body: string;
}

/** Reads and validates every entry under `<siteDir>/content`; throws with the CLI's report on error. */
export function loadEntries(siteDir: string, options: { today?: string } = {}): LoadedEntry[] {
  const { entries, problems } = validateRepository(siteDir, undefined, options);
  if (problems.some((p) => p.severity === 'error')) {
    const checked =
      entries.length + new Set(problems.filter((p) => !entries.some((e) => e.file === p.file)).map((p) => p.file)).size;
    throw new Error(formatProblems(problems, 'text', checked));
  }
  return entries.filter(isRead).map((e) => ({
    collection: e.collection,
    id: String(e.data.id ?? path.posix.basename(e.file).replace(/\.(md|yaml)$/, '')),
    file: e.file,
    data: e.data,
    body: e.body,
  }));
}
