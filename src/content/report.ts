/** Printing problems: text for people, JSON for tools, GitHub workflow annotations for CI. */
import type { Problem } from './problems.js';

export type ReportFormat = 'text' | 'json' | 'github';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatProblems(problems: readonly Problem[], format: ReportFormat, checkedCount: number): string {
  if (format === 'json') return JSON.stringify({ fichiers: checkedCount, problemes: problems }, null, 2);
  if (format === 'github') {
    return problems
      .map((p) => `::${p.severity === 'warning' ? 'warning' : 'error'} file=${escapeProperty(p.file)},line=${p.line},col=${p.col},title=${escapeProperty(p.rule)}::${escapeData(p.message + (p.hint ? `\n${p.hint}` : ''))}`)
      .join('\n');
  }
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}${p.hint ? `\n    → ${p.hint}` : ''}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const files = new Set(problems.map((p) => p.file)).size;
  lines.push(errors === 0
    ? `✔ ${checkedCount} fichier${checkedCount > 1 ? 's' : ''} vérifié${checkedCount > 1 ? 's' : ''}, aucun problème.`
    : `✖ ${errors} problème${errors > 1 ? 's' : ''} dans ${files} fichier${files > 1 ? 's' : ''} (${checkedCount} vérifié${checkedCount > 1 ? 's' : ''}).`);
  return lines.join('\n');
}
