// @module-tag navigateur
/**
 * Marianne on a phone: a page downloads only the small subset files of src/css/fonts.css
 * (scripts/subset-fonts.ts), never one of the DSFR's complete files (≈ 40 Ko each), which the
 * browser fetches as soon as some text of that weight holds a character outside the subsets —
 * the phone menu drawn after hydration, a count, a breadcrumb, the form. And only the faces of
 * the text the page shows, or the two it preloads (regular and bold).
 */
import { describe, expect, it } from 'vitest';
import { findCollection } from '../../src/content/collections.js';
import { listEntries, readEntry } from '../../src/content/load.js';
import { isRead } from '../../src/content/validate.js';
import { FACES, subsetFileStem } from '../../scripts/subset-fonts.js';
import { siteInBrowser } from './in-browser.js';
import { builtSite, repo } from './build.js';

/** A sheet of content/ and a department (its page links to its region with « › »). */
function routes(): string[] {
  const practices = findCollection('practices')!;
  const sheet = listEntries(repo, [practices.folder])
    .files.map((f) => readEntry(repo, f))
    .find(isRead);
  if (!sheet) throw new Error('Aucune fiche dans content/ : le contenu de départ a changé ?');
  return [
    '/',
    '/fiches',
    `/fiches/${String(sheet.data.id)}`,
    '/financements/appels',
    '/territoires/dep-26',
    '/contribuer/proposer',
  ];
}

const PRELOADED = ['400 normal', '700 normal'];

/** `/assets/fonts/marianne-bold.76336a67.woff2` → `700 normal`; undefined for any other file. */
function faceOfFile(pathname: string): string | undefined {
  const face = FACES.find((f) =>
    new RegExp(`^/assets/fonts/${subsetFileStem(f)}\\.[0-9a-f]{8}\\.woff2$`).test(pathname),
  );
  return face && `${face.weight} ${face.style}`;
}

const site = siteInBrowser(builtSite);

/** The font files a page requests on a phone, once hydrated, and the Marianne faces of its laid-out text. */
async function fontsOf(route: string): Promise<{ requested: string[]; used: string[] }> {
  const page = await site.browser.context.newPage();
  try {
    await page.setViewportSize({ width: 412, height: 823 });
    const requested: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font') requested.push(new URL(r.url()).pathname);
    });
    await page.goto(site.server.url + route, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    // What is drawn after hydration (the phone menu, the form) is laid out, its fonts requested.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => document.fonts.ready);
    await page.waitForLoadState('networkidle');
    const used = await page.evaluate(() => {
      const faces = new Set<string>();
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const style = getComputedStyle(el);
        if (!style.fontFamily.startsWith('Marianne') || el.getClientRects().length === 0) continue;
        const text =
          Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) ||
          ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && (el.value || el.placeholder));
        if (text) faces.add(`${style.fontWeight} ${style.fontStyle}`);
      }
      return [...faces];
    });
    return { requested: [...new Set(requested)].sort(), used };
  } finally {
    await page.close();
  }
}

describe('polices sur téléphone : seulement les sous-ensembles de Marianne', () => {
  for (const route of routes())
    it(`${route} : pas de fichier complet de la DSFR, pas de graisse inutile`, async () => {
      const { requested, used } = await fontsOf(route);
      expect(requested.filter((p) => faceOfFile(p) === undefined)).toEqual([]);
      const allowed = new Set([...used, ...PRELOADED]);
      expect(requested.filter((p) => !allowed.has(faceOfFile(p)!))).toEqual([]);
      // The page's text is in Marianne: its regular face comes from our subset.
      expect(requested.map(faceOfFile)).toContain('400 normal');
    });
});
