import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readEntry } from '../../src/content/load.js';
import { formatProblems } from '../report.js';
import { canonicalSource } from '../../src/content/serialize.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';

export interface FormatOptions {
  check?: boolean;
}

export async function format(paths: string[], options: FormatOptions, io: Io): Promise<ExitCode> {
  const root = findRoot(io.cwd);
  const listing = listEntries(
    root,
    paths.map((p) => path.resolve(io.cwd, p)),
  );
  const changed: string[] = [];
  const unreadable = [...listing.problems];
  for (const f of listing.files) {
    const entry = readEntry(root, f);
    if (!entry.data) {
      unreadable.push(...entry.problems);
      continue;
    }
    const canonical = canonicalSource(entry);
    if (canonical === entry.source) continue;
    changed.push(f.file);
    if (!options.check) fs.writeFileSync(path.join(root, f.file), canonical);
  }
  if (unreadable.length > 0) {
    io.err(formatProblems(unreadable, 'text', listing.files.length).split('\n').slice(0, -1).join('\n'));
    io.err(
      'Ces fichiers ne peuvent pas être mis en forme tant qu’ils sont illisibles : corrigez-les d’abord (essaim validate).',
    );
  }
  if (options.check) {
    if (changed.length > 0) {
      io.out(
        `${changed.length} fichier${changed.length > 1 ? 's ne sont pas' : ' n’est pas'} sous forme canonique :\n${changed.map((f) => `  ${f}`).join('\n')}\n→ Lancez \`node cli/bin.mjs format\` pour les corriger.`,
      );
      return 1;
    }
    io.out(`✔ ${listing.files.length} fichier${listing.files.length > 1 ? 's' : ''} sous forme canonique.`);
  } else {
    io.out(
      changed.length > 0
        ? `${changed.length} fichier${changed.length > 1 ? 's' : ''} mis en forme :\n${changed.map((f) => `  ${f}`).join('\n')}`
        : `✔ Rien à changer (${listing.files.length} fichier${listing.files.length > 1 ? 's' : ''}).`,
    );
  }
  return unreadable.length > 0 ? 1 : 0;
}
