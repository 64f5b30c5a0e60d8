/**
 * The accessibility statement's figures: the axe-core runs of the browser tests (written to
 * accessibilite.json by `npm run accessibilite`), and
 * the RGAA conformity state they allow to declare.
 */
import report from './accessibilite.json' with { type: 'json' };

export interface AxeRun {
  /** What was checked, in French (« Formulaire de proposition, étape Quoi »). */
  page: string;
  /** Its address on the portal. */
  adresse: string;
  /** Number of axe-core violations (all impacts), and their rule ids. */
  violations: number;
  regles: string[];
}

export interface AxeReport {
  /** When the runs were made (ISO date). */
  date: string;
  /** The tool and its version (« axe-core 4.14.1 »). */
  outil: string;
  pages: AxeRun[];
}

/** An RGAA audit (by people, on the whole RGAA): none so far. */
export interface Audit {
  date: string;
  /** Share of the applicable RGAA criteria met, in percent. */
  taux: number;
  auditeur: string;
}

export const audit: Audit | undefined = undefined;

export const axeReport: AxeReport = report;

export type ConformityState = 'totalement conforme' | 'partiellement conforme' | 'non conforme';

/**
 * The state the RGAA lets a site declare. Automatic tests check a part of the criteria only: without
 * an audit, the RGAA asks to declare the site « non conforme », whatever axe-core finds.
 */
export function conformityState(a: Audit | undefined): ConformityState {
  if (!a) return 'non conforme';
  if (a.taux >= 100) return 'totalement conforme';
  return a.taux >= 50 ? 'partiellement conforme' : 'non conforme';
}

export function totalViolations(r: AxeReport): number {
  return r.pages.reduce((n, p) => n + p.violations, 0);
}
