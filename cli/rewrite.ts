import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readEntry } from '../src/content/load.js';
import type { ParsedEntry } from '../src/content/parse.js';
import type { Problem } from '../src/content/problems.js';

export interface Rewritten {
  /** Entries read. */
  files: number;
  /** Entries whose text changes (written, unless `check`), with what `rewrite` says of each. */
  changed: { file: string; detail: string }[];
  /** Why some entries could not be read: they are left untouched. */
  unreadable: Problem[];
}

/**
 * The loop of `essaim format` and `essaim migrer`: reads every entry under `paths` (relative to
 * `cwd`; all of `content/` when empty) and writes the text `rewrite` gives where it differs.
 */
export function rewriteEntries(
  root: string,
  cwd: string,
  paths: readonly string[],
  check: boolean,
  rewrite: (entry: ParsedEntry) => { text: string; detail: string } | undefined,
): Rewritten {
  const listing = listEntries(
    root,
    paths.map((p) => path.resolve(cwd, p)),
  );
  const out: Rewritten = { files: listing.files.length, changed: [], unreadable: [...listing.problems] };
  for (const f of listing.files) {
    const entry = readEntry(root, f);
    if (!entry.data) {
      out.unreadable.push(...entry.problems);
      continue;
    }
    const next = rewrite(entry);
    if (!next || next.text === entry.source) continue;
    out.changed.push({ file: f.file, detail: next.detail });
    if (!check) fs.writeFileSync(path.join(root, f.file), next.text);
  }
  return out;
}
