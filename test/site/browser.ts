/** Launching the system Chromium with playwright-core, with a fresh profile (never `playwright install`). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, chromiumMissing, missingChromiumHelp } from '../helpers/chromium.js';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** For test files tagged `// @module-tag navigateur` (skipped, outside CI, when Chromium is missing). */
/** `bypassCSP`: lets axe-core be injected in pages served by the service (whose CSP forbids inline scripts). */
export async function launchBrowser({ bypassCSP = false }: { bypassCSP?: boolean } = {}): Promise<Browser> {
  if (chromiumMissing()) throw new Error(missingChromiumHelp());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    bypassCSP,
  });
  // Only loopback: anything else is refused, so that no test depends on the network.
  await context.route(/^https?:\/\/(?!127\.)/, (route) => route.abort());
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core (from node_modules) in the page; returns the serious and critical violations. */
export async function seriousViolations(
  page: import('playwright-core').Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  const axePath = path.join(process.cwd(), 'node_modules/axe-core/axe.min.js');
  await page.addScriptTag({ content: fs.readFileSync(axePath, 'utf8') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
}
