// @module-tag navigateur
/**
 * What the browser computes after the page is shown (statuses from the reader's clock, their
 * facet and its counts) must not move the page: the layout-shift score (PerformanceObserver
 * 'layout-shift' entries, as Lighthouse's CLS adds them) stays ≤ 0.05 on the catalogs with
 * statuses, on a phone and on a desktop screen.
 */
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../site/in-browser.js';
import { buildFixtureSite } from './site.js';

const site = siteInBrowser(buildFixtureSite);

async function layoutShift(route: string, viewport: { width: number; height: number }): Promise<number> {
  const page = await site.browser.context.newPage();
  try {
    await page.setViewportSize(viewport);
    await page.clock.install({ time: new Date('2026-04-20T10:00:00') });
    await page.addInitScript(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) w.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(site.server.url + route, { waitUntil: 'networkidle' });
    // Hydrated: the statuses and their facet are computed.
    await page.locator('main [data-statut]').first().waitFor();
    await page
      .getByRole('group', { name: /^Statut/ })
      .getByRole('checkbox')
      .first()
      .waitFor();
    // Two frames: the shifts of the last render are reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return await page.evaluate(() => (window as unknown as { shift: number }).shift);
  } finally {
    await page.close();
  }
}

describe('pas de décalage de mise en page quand le navigateur calcule statuts et comptes', () => {
  for (const route of ['/financements/appels', '/agenda'])
    it(`${route} : score de décalage ≤ 0,05 sur téléphone et sur grand écran`, async () => {
      const phone = await layoutShift(route, { width: 412, height: 823 });
      const desktop = await layoutShift(route, { width: 1280, height: 900 });
      expect(phone).toBeLessThanOrEqual(0.05);
      expect(desktop).toBeLessThanOrEqual(0.05);
    });
});
