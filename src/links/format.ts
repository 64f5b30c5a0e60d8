/** Printing a link report: text for people, JSON for tools, Markdown for the upkeep issue, GitHub annotations for CI. */
import { githubAnnotation } from '../content/report.js';
import type { LinkReport, LinkResult } from './types.js';

export type LinkReportFormat = 'text' | 'json' | 'markdown' | 'github';

/** Stable rule ids, shared with the content validator's output. */
export const RULE_BROKEN = 'lien-casse';
export const RULE_REDIRECTED = 'lien-redirige';

function problems(report: LinkReport): LinkResult[] {
  return report.results
    .filter((r) => r.status === 'broken' || r.status === 'warning')
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.url.localeCompare(b.url));
}

function rule(result: LinkResult): string {
  return result.status === 'broken' ? RULE_BROKEN : RULE_REDIRECTED;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

function summary(report: LinkReport): string {
  const broken = report.results.filter((r) => r.status === 'broken').length;
  const redirected = report.results.filter((r) => r.status === 'warning').length;
  const { urls, fromCache } = report.stats;
  const checked = `${plural(report.results.length, 'lien', 'liens')}, ${plural(urls, 'adresse', 'adresses')}${fromCache ? ` dont ${fromCache} depuis le cache` : ''}`;
  if (broken === 0 && redirected === 0) return `✔ Aucun lien cassé ni redirigé (${checked}).`;
  return `✖ ${plural(broken, 'lien cassé', 'liens cassés')}, ${plural(redirected, 'redirection permanente', 'redirections permanentes')} (${checked}).`;
}

function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatLinkReport(report: LinkReport, format: LinkReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  const list = problems(report);
  if (format === 'github') {
    return list
      .map((r) =>
        githubAnnotation(
          r.status === 'broken' ? 'error' : 'warning',
          r.file,
          r.line,
          r.col,
          rule(r),
          `${r.url} : ${r.message}`,
        ),
      )
      .join('\n');
  }
  if (format === 'markdown') {
    const lines = [`**${summary(report)}**`];
    if (list.length > 0) {
      lines.push('', '| Emplacement | Lien | Problème |', '|---|---|---|');
      for (const r of list) {
        const place = `\`${escapeCell(`${r.file}:${r.line}:${r.col}`)}\``;
        const label = r.status === 'broken' ? '❌' : '↪️';
        lines.push(`| ${place} | <${escapeCell(encodeURI(decodeSafe(r.url)))}> | ${label} ${escapeCell(r.message)} |`);
      }
    }
    return lines.join('\n');
  }
  return [
    ...list.map((r) => `${r.file}:${r.line}:${r.col}  ${rule(r)}  ${r.url} : ${r.message}`),
    summary(report),
  ].join('\n');
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
