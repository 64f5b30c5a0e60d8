/** A problem found in an entry, located for the contributor who has to fix it. */
export interface Problem {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  col: number;
  /** Stable rule id (see `src/content/rules/`). */
  rule: string;
  /** What is wrong, in French. */
  message: string;
  /** How to fix it, in French, when known. */
  hint?: string;
  severity: 'error' | 'warning';
  /** Data path of the field concerned (`['contact', 'courriel']`, `['appels', 0, 'id']`), when the problem is about a field. */
  path?: readonly (string | number)[];
}

export interface Position {
  line: number;
  col: number;
  /** The field found at this position, when it was located from a data path. */
  path?: readonly (string | number)[];
}

export function problem(
  file: string,
  pos: Position,
  rule: string,
  message: string,
  hint?: string,
  severity: Problem['severity'] = 'error',
): Problem {
  return {
    file,
    line: pos.line,
    col: pos.col,
    rule,
    message,
    ...(hint ? { hint } : {}),
    severity,
    ...(pos.path ? { path: pos.path } : {}),
  };
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule),
  );
}

/** Thrown for bad command-line usage or configuration: exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
