/** Printing problems: text for people, JSON for tools, GitHub workflow annotations for CI. */
import type { Problem } from './problems.js';

export type ReportFormat = 'text' | 'json' | 'github';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One GitHub workflow annotation (`::error file=…,line=…::message`). */
export function githubAnnotation(
  severity: 'error' | 'warning',
  file: string,
  line: number,
  col: number,
  title: string,
  message: string,
): string {
  return `::${severity} file=${escapeProperty(file)},line=${line},col=${col},title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** `file:line:col  rule  message`, then the hint on its own line. */
export function problemLine(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}${p.hint ? `\n    → ${p.hint}` : ''}`;
}

export function formatProblems(problems: readonly Problem[], format: ReportFormat, checkedCount: number): string {
  if (format === 'json') return JSON.stringify({ fichiers: checkedCount, problemes: problems }, null, 2);
  if (format === 'github') {
    return problems
      .map((p) =>
        githubAnnotation(p.severity, p.file, p.line, p.col, p.rule, p.message + (p.hint ? `\n${p.hint}` : '')),
      )
      .join('\n');
  }
  const lines = problems.map(problemLine);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const files = new Set(problems.map((p) => p.file)).size;
  lines.push(
    errors === 0
      ? `✔ ${checkedCount} fichier${checkedCount > 1 ? 's' : ''} vérifié${checkedCount > 1 ? 's' : ''}, aucun problème.`
      : `✖ ${errors} problème${errors > 1 ? 's' : ''} dans ${files} fichier${files > 1 ? 's' : ''} (${checkedCount} vérifié${checkedCount > 1 ? 's' : ''}).`,
  );
  return lines.join('\n');
}
