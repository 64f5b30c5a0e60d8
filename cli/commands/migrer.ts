import fs from 'node:fs';
import path from 'node:path';
import { migrateEntry, migrations } from '../../src/content/migrations/index.js';
import { formatProblems } from '../report.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';
import { rewriteEntries } from '../rewrite.js';
import { findCollection } from '../../src/content/collections.js';
import { parseEntry } from '../../src/content/parse.js';
import { editionFiles, listEditions } from '../../src/plugins/sheets/editions.js';

/** The sheets of the cut editions (validated against the current model too). */
function editionSheets(root: string): { rel: string; contentFile: string }[] {
  return listEditions(root).flatMap((name) => editionFiles(root, name).filter((f) => f.rel.endsWith('.md')));
}

export interface MigrerOptions {
  check?: boolean;
}

export function migrer(paths: string[], options: MigrerOptions, io: Io): ExitCode {
  const root = findRoot(io.cwd);
  const {
    files,
    changed: rewritten,
    unreadable,
  } = rewriteEntries(root, io.cwd, paths, !!options.check, (entry) => {
    const { text, applied } = migrateEntry(entry);
    return { text, detail: applied.join(', ') };
  });
  const changed = rewritten.map((c) => `  ${c.file}  (${c.detail})`);
  const practices = findCollection('practices');
  if (paths.length === 0 && practices)
    for (const f of editionSheets(root)) {
      const entry = parseEntry(practices, f.contentFile, fs.readFileSync(path.join(root, f.rel)));
      if (!entry.data) continue; // `essaim edition --check` reports it
      const { text, applied } = migrateEntry(entry);
      if (applied.length === 0) continue;
      changed.push(`  ${f.rel}  (${applied.join(', ')})`);
      if (!options.check) fs.writeFileSync(path.join(root, f.rel), text);
    }
  if (unreadable.length > 0) {
    io.err(formatProblems(unreadable, 'text', files).split('\n').slice(0, -1).join('\n'));
    io.err('Ces fichiers ne peuvent pas être migrés tant qu’ils sont illisibles : corrigez-les d’abord.');
  }
  const n = changed.length;
  const steps = migrations.map((m) => `  ${m.id} : ${m.description}`).join('\n');
  if (n === 0) {
    io.out(`✔ Rien à migrer (${files} fichier${files > 1 ? 's' : ''}).`);
  } else if (options.check) {
    io.out(
      `${n} fichier${n > 1 ? 's' : ''} à migrer :\n${changed.join('\n')}\nÉtapes :\n${steps}\n→ Lancez \`essaim migrer\`.`,
    );
  } else {
    io.out(`${n} fichier${n > 1 ? 's' : ''} migré${n > 1 ? 's' : ''} :\n${changed.join('\n')}\nÉtapes :\n${steps}`);
  }
  if (unreadable.length > 0) return 1;
  return options.check && n > 0 ? 1 : 0;
}
