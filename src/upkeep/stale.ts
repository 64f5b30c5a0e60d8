/**
 * What needs upkeep: entries not re-reviewed within their collection's interval (the registry's
 * `reviewMonths`), calls past their deadline still listed, permanent calls not confirmed for a year,
 * past events with nothing to see again, entries whose links were broken at the last external check.
 */
import type { ParsedEntry } from '../content/parse.js';
import { extractLinks, isExternal } from '../content/links.js';
import { isIn, validEntry } from '../content/validate.js';
import { isOverdue, monthsBefore, reviewOf } from '../content/review.js';

export { monthsBefore, needsReview, reviewOf } from '../content/review.js';

export interface StaleItem {
  file: string;
  line: number;
  col: number;
  titre: string;
  /** French explanation. */
  detail: string;
}

export interface StaleReport {
  today: string;
  /** The interval given on the command line for every collection, instead of the registry's. */
  months?: number;
  aRelire: StaleItem[];
  appelsClos: StaleItem[];
  evenementsPasses: StaleItem[];
  liensCasses: StaleItem[];
}

/** Broken URLs from the last external link check, with their French messages. */
export type BrokenLinks = ReadonlyMap<string, string>;

export function frDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** What needs upkeep among the entries that pass their schema (the others are for `essaim validate`). */
export function findStale(
  entries: readonly ParsedEntry[],
  options: { today: string; months?: number; broken?: BrokenLinks },
): StaleReport {
  const { today, months } = options;
  const yearAgo = monthsBefore(today, 12);
  const report: StaleReport = {
    today,
    ...(months !== undefined ? { months } : {}),
    aRelire: [],
    appelsClos: [],
    evenementsPasses: [],
    liensCasses: [],
  };
  for (const parsed of entries) {
    const entry = validEntry(parsed);
    if (!entry) continue;
    const { titre } = entry.data;
    const item = (steps: (string | number)[], detail: string, title = titre): StaleItem => ({
      file: entry.file,
      ...entry.locate(steps),
      titre: title,
      detail,
    });
    const review = reviewOf(entry.collection, entry.data, months ?? entry.collection.reviewMonths);
    if (review && isOverdue(review, today)) {
      const what = entry.collection.reviewField === 'derniere_revue' ? 'Dernière revue' : 'Dernière mise à jour';
      report.aRelire.push(
        item(
          [entry.collection.reviewField ?? ''],
          `${what} le ${frDate(review.date)}, il y a plus de ${review.months} mois.`,
        ),
      );
    }
    if (isIn(entry, 'funders')) {
      (entry.data.appels ?? []).forEach((call, i) => {
        // A permanent call has no deadline: confirm once a year (the funder's last update) that it still runs.
        if (call.recurrence === 'permanent' && entry.data.date_maj < yearAgo)
          report.appelsClos.push(
            item(
              ['appels', i, 'recurrence'],
              `Dispositif permanent non confirmé depuis le ${frDate(entry.data.date_maj)} : vérifiez qu’il existe toujours, puis mettez à jour date_maj.`,
              `${titre} — ${call.titre}`,
            ),
          );
        if (call.cloture !== undefined && call.cloture < today)
          report.appelsClos.push(
            item(
              ['appels', i, 'cloture'],
              `Clos depuis le ${frDate(call.cloture)} : mettez à jour ou retirez l’appel.`,
              `${titre} — ${call.titre}`,
            ),
          );
      });
    }
    // A past event with a replay or a summary stays useful: the agenda lists it under « Revoir ».
    if (isIn(entry, 'events') && !entry.data.replay && !entry.data.compte_rendu) {
      const end = entry.data.fin ?? entry.data.debut;
      if (end.slice(0, 10) < today)
        report.evenementsPasses.push(
          item(
            [entry.data.fin ? 'fin' : 'debut'],
            `Passé depuis le ${frDate(end)} : archivez-le ou retirez-le de l’agenda.`,
          ),
        );
    }
    if (options.broken && options.broken.size > 0) {
      for (const link of extractLinks(parsed)) {
        const message = isExternal(link.url) ? options.broken.get(link.url) : undefined;
        if (message)
          report.liensCasses.push({
            file: link.file,
            line: link.line,
            col: link.col,
            titre,
            detail: `${link.url} : ${message}`,
          });
      }
    }
  }
  return report;
}

const SECTIONS: [keyof Omit<StaleReport, 'today' | 'months'>, string][] = [
  ['aRelire', 'Entrées à relire'],
  ['appelsClos', 'Appels à projets clos ou à confirmer'],
  ['evenementsPasses', 'Événements passés'],
  ['liensCasses', 'Liens cassés (dernière vérification)'],
];

export function formatStale(report: StaleReport, format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  const total = SECTIONS.reduce((n, [key]) => n + report[key].length, 0);
  const lines: string[] = [];
  if (format === 'markdown') {
    lines.push(
      `Rapport d’entretien du ${frDate(report.today)} : ${total === 0 ? 'rien à signaler.' : `${total} point${total > 1 ? 's' : ''} à traiter.`}`,
    );
    for (const [key, title] of SECTIONS) {
      const items = report[key];
      lines.push('', `### ${title} (${items.length})`, '');
      if (items.length === 0) {
        lines.push('Rien à signaler.');
        continue;
      }
      lines.push('| Entrée | Fichier | Détail |', '| --- | --- | --- |');
      for (const it of items) lines.push(`| ${cell(it.titre)} | \`${it.file}:${it.line}\` | ${cell(it.detail)} |`);
    }
    return lines.join('\n');
  }
  for (const [key, title] of SECTIONS) {
    const items = report[key];
    if (items.length === 0) continue;
    lines.push(`${title} (${items.length}) :`);
    for (const it of items) lines.push(`  ${it.file}:${it.line}:${it.col}  ${it.titre} — ${it.detail}`);
  }
  lines.push(total === 0 ? '✔ Rien à signaler.' : `${total} point${total > 1 ? 's' : ''} d’entretien.`);
  return lines.join('\n');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
