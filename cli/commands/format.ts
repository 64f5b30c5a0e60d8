import { formatProblems } from '../report.js';
import { canonicalSource } from '../../src/content/serialize.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';
import { rewriteEntries } from '../rewrite.js';

export interface FormatOptions {
  check?: boolean;
}

export async function format(paths: string[], options: FormatOptions, io: Io): Promise<ExitCode> {
  const root = findRoot(io.cwd);
  const {
    files,
    changed: rewritten,
    unreadable,
  } = rewriteEntries(root, io.cwd, paths, !!options.check, (entry) => ({
    text: canonicalSource(entry),
    detail: '',
  }));
  const changed = rewritten.map((c) => c.file);
  if (unreadable.length > 0) {
    io.err(formatProblems(unreadable, 'text', files).split('\n').slice(0, -1).join('\n'));
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
    io.out(`✔ ${files} fichier${files > 1 ? 's' : ''} sous forme canonique.`);
  } else {
    io.out(
      changed.length > 0
        ? `${changed.length} fichier${changed.length > 1 ? 's' : ''} mis en forme :\n${changed.map((f) => `  ${f}`).join('\n')}`
        : `✔ Rien à changer (${files} fichier${files > 1 ? 's' : ''}).`,
    );
  }
  return unreadable.length > 0 ? 1 : 0;
}
