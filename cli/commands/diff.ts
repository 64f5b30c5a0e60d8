import { diffRevisions } from '../../src/content/diff.js';
import { renderDiff } from '../../src/content/diff-render.js';
import { assertGitRepository } from '../../src/content/git.js';
import type { ExitCode, Io } from '../io.js';
import { parseFormat } from '../report.js';
import { findRoot } from '../root.js';

export interface DiffOptions {
  format?: string;
}

/**
 * `essaim diff <base> [head]`: what `head` (default: the working tree) changes in the content
 * compared with `base`, entry by entry, in French.
 */
export async function diff(base: string, head: string | undefined, options: DiffOptions, io: Io): Promise<ExitCode> {
  const format = parseFormat(options.format, ['text', 'markdown', 'json'] as const, 'text');
  const root = findRoot(io.cwd);
  assertGitRepository(root);
  // Like a pull request: from where head branched off base.
  const result = diffRevisions(root, base, head, { mergeBase: true });
  io.out(format === 'json' ? JSON.stringify(result, null, 2) : renderDiff(result, format));
  return 0;
}
