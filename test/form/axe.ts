/**
 * axe-core in the browser tests, every violation (not only the serious ones), and the record of
 * the runs that the « Déclaration d’accessibilité » shows: written to src/legal/accessibilite.json
 * when the tests run with ESSAIM_ACCESSIBILITE=ecrire (a normal run leaves the file alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../src/content/paths.js';
import type { AxeReport, AxeRun } from '../../src/legal/accessibility.js';

const runs: AxeRun[] = [];

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page as it is, records the run under `label`, returns the violations. */
export async function axeViolations(page: Page, label: string): Promise<Violation[]> {
  const axe = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: fs.readFileSync(axe, 'utf8') });
  const violations = await page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  const url = new URL(page.url());
  runs.push({
    page: label,
    // A proposal's tracking number changes at every run: not in the record.
    adresse: `${url.pathname}${url.search.replace(/([?&]id=)[^&]+/, '$1…')}`,
    violations: violations.reduce((n, v) => n + v.nodes.length, 0),
    regles: violations.map((v) => v.id),
  });
  return violations;
}

/** Writes the runs for the accessibility statement, when asked (ESSAIM_ACCESSIBILITE=ecrire). */
export function saveAxeReport(): void {
  if (process.env.ESSAIM_ACCESSIBILITE !== 'ecrire' || runs.length === 0) return;
  const version = (
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/axe-core/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const report: AxeReport = { date: new Date().toISOString().slice(0, 10), outil: `axe-core ${version}`, pages: runs };
  fs.writeFileSync(path.join(repoRoot, 'src/legal/accessibilite.json'), `${JSON.stringify(report, null, 2)}\n`);
}
