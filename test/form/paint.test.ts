// @module-tag navigateur
/**
 * The form's page shows its heading and introduction from the static HTML: its largest text (the
 * element of Lighthouse's « Largest Contentful Paint ») is server-rendered, not something drawn once
 * the form's JavaScript has arrived; and what the browser draws then (the form, the notice of a
 * site without service) moves nothing (layout shift 0) — on a phone and on a desktop screen,
 * with and without the submission service.
 */
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../site/in-browser.js';
import { builtSite } from '../site/build.js';

const site = siteInBrowser(builtSite);

interface Paint {
  /** Text of the last LCP candidate, and whether the static HTML of the page holds it. */
  largest: string;
  serverRendered: boolean;
  shift: number;
  notice: boolean;
}

async function paintOf(viewport: { width: number; height: number }, withService: boolean): Promise<Paint> {
  const page = await site.browser.context.newPage();
  try {
    await page.setViewportSize(viewport);
    // The service's answer, as src/server/ gives it; without it, the static server answers 404.
    if (withService)
      await page.route('**/api/health', (route) =>
        route.fulfill({ json: { statut: 'ok', preuveDeTravail: false, delaiMinimalMs: 0, mode: 'local' } }),
      );
    await page.addInitScript(() => {
      const w = window as unknown as { shift: number; largest: Element | null };
      w.shift = 0;
      w.largest = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) w.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { element: Element | null }[]) w.largest = e.element;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${site.server.url}/contribuer/proposer`, { waitUntil: 'networkidle' });
    await page.locator('#collection').waitFor();
    // Two frames: the last render's paint and shifts are reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return await page.evaluate(async () => {
      const w = window as unknown as { shift: number; largest: Element | null };
      const words = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
      const html = await (await fetch(location.href)).text();
      const server = new DOMParser().parseFromString(html, 'text/html');
      server.querySelectorAll('script, style, noscript').forEach((s) => s.remove());
      const largest = words(w.largest?.textContent);
      return {
        largest,
        serverRendered: largest !== '' && words(server.body.textContent).includes(largest),
        shift: w.shift,
        notice: document.body.innerText.includes('publié sans service de propositions'),
      };
    });
  } finally {
    await page.close();
  }
}

const PHONE = { width: 412, height: 823 };
const DESKTOP = { width: 1280, height: 900 };

describe('la page du formulaire : peinte dès le HTML, rien ne bouge', () => {
  for (const withService of [false, true])
    it(`${withService ? 'avec' : 'sans'} service de propositions`, async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const paint = await paintOf(viewport, withService);
        // The case is the one meant: the notice shows exactly when there is no service.
        expect(paint.notice).toBe(!withService);
        expect(paint, `${viewport.width}×${viewport.height}`).toMatchObject({ serverRendered: true, shift: 0 });
      }
    });
});
