/**
 * Whether the browser tests can run here. They launch the system Chromium; on a machine without
 * it they are skipped (tag `navigateur`, given to a test file by a `// @module-tag navigateur`
 * line), and the run ends with a French note saying how many and how to run them. With CI=true
 * a missing browser is a failure: the tests run and fail on it.
 */
import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Debian's Chromium, or another Chromium-based browser given by CHROMIUM_PATH (e.g. on GitHub's runners). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const BROWSER_TAG = 'navigateur';

export const chromiumMissing = (): boolean => !fs.existsSync(CHROMIUM);

const inCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== 'false';

/** The tag of the browser tests: skipped when Chromium is missing, outside CI. */
export function browserTag(): { name: string; description: string; skip: boolean } {
  return { name: BROWSER_TAG, description: 'tests dans Chromium', skip: chromiumMissing() && !inCi() };
}

/** What to say when Chromium is missing. */
export function missingChromiumHelp(): string {
  return `Chromium est introuvable (${CHROMIUM}). Pour lancer les tests de navigateur : installez-le (apt-get install chromium), ou indiquez son chemin par la variable CHROMIUM_PATH.`;
}

/** Ends the run with the number of browser tests skipped, and how to run them. */
export class SkippedBrowserTests implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    if (!browserTag().skip) return; // in CI, or with Chromium: failures say what went wrong
    let skipped = 0;
    for (const m of modules)
      for (const t of m.children.allTests('skipped')) if (t.tags.includes(BROWSER_TAG)) skipped++;
    if (skipped === 0) return;
    process.stdout.write(
      `\n${skipped} test${skipped > 1 ? 's' : ''} de navigateur ignoré${skipped > 1 ? 's' : ''}. ${missingChromiumHelp()}\n`,
    );
  }
}
