/**
 * Loading every collection through the core. An invalid entry fails the build with the very
 * text `essaim validate` prints.
 */
import type { Collection, CollectionName } from '../../content/collections.js';
import { formatProblems } from '../../content/report.js';
import type { EntryOf } from '../../content/types.js';
import { isRead, validateRepository } from '../../content/validate.js';

export interface LoadedEntry {
  collection: Collection;
  id: string;
  /** Repository-relative file. */
  file: string;
  data: Record<string, unknown> & Pick<EntryOf<CollectionName>, 'id' | 'titre' | 'resume' | 'date_maj'>;
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
  return entries.filter(isRead).map((e) => {
    const data = e.data as LoadedEntry['data']; // every entry passed its schema: any error threw above
    return { collection: e.collection, id: data.id, file: e.file, data, body: e.body };
  });
}
