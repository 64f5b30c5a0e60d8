import { validateRepository } from '../../src/content/validate.js';
import type { ExitCode, Io } from '../io.js';
import { formatProblems, parseFormat } from '../report.js';
import { findRoot } from '../root.js';

export interface ValidateOptions {
  format?: string;
  today?: string;
}

export async function validate(paths: string[], options: ValidateOptions, io: Io): Promise<ExitCode> {
  const format = parseFormat(options.format, ['text', 'json', 'github'] as const, 'text');
  const root = findRoot(io.cwd);
  const { files, problems } = validateRepository(
    root,
    paths.map((p) => resolveFrom(io.cwd, p)),
    { today: options.today },
  );
  const read = new Set(files);
  const checked = files.length + new Set(problems.filter((p) => !read.has(p.file)).map((p) => p.file)).size;
  const text = formatProblems(problems, format, checked);
  if (text) io.out(text);
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function resolveFrom(cwd: string, p: string): string {
  return p.startsWith('/') ? p : `${cwd}/${p}`;
}
