// @module-tag navigateur
/**
 * The built portal in Chromium: the home page with the bloc-marque, a sheet with its fields and
 * resolved links, the edition menu down to the cut edition, and axe-core on the home page and a sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findCollection } from '../../src/content/collections.js';
import { listEntries, readEntry } from '../../src/content/load.js';
import { fieldLabel, schemaAt, vocabularies } from '../../src/content/schemas.js';
import { isRead } from '../../src/content/validate.js';
import { listEditions, validateEdition } from '../../src/plugins/sheets/editions.js';
import { maillons } from '../../src/plugins/sheets/sidebar.js';
import { launchBrowser, seriousViolations, type Browser } from './browser.js';
import { builtSite, repo } from './build.js';
import { serveStatic, type StaticServer } from './serve.js';

const practices = findCollection('practices')!;

/** A sheet of content/ that links to other entries and also exists in the cut edition. */
function sampleSheet() {
  const [edition] = listEditions(repo);
  const inEdition = new Set(edition ? validateEdition(repo, edition).entries.map((e) => e.data?.id) : []);
  const sheets = listEntries(repo, [practices.folder])
    .files.map((f) => readEntry(repo, f))
    .filter(isRead);
  const sheet = sheets.find(
    (s) => Array.isArray(s.data.ressources_liees) && s.data.ressources_liees.length > 0 && inEdition.has(s.data.id),
  );
  if (!sheet || !edition)
    throw new Error('Aucune fiche avec des ressources liées dans l’édition figée : le contenu de départ a changé ?');
  return { sheet, edition, id: String(sheet.data.id) };
}

/** Title and address of a referenced entry, read through the core. */
function target(ref: string): { titre: string; route: string } {
  const [name, id] = ref.split('/') as [string, string];
  const c = findCollection(name)!;
  const file = listEntries(repo, [c.folder]).files.find(
    (f) => f.file.endsWith(`/${id}.md`) || f.file.endsWith(`/${id}.yaml`),
  )!;
  const e = readEntry(repo, file);
  return { titre: String(e.data?.titre), route: `${c.route}/${id}` };
}

let server: StaticServer;
let browser: Browser;
let page: Page;
let outDir: string;

beforeAll(async () => {
  outDir = await builtSite();
  server = await serveStatic(outDir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
});

describe('portal in the browser', () => {
  it('home page: DSFR header with the bloc-marque and the service name, one tile per maillon', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    const brand = page.locator('header.fr-header .fr-logo');
    // The DSFR's own stylesheet styles it (capitals), in Marianne, served by the site itself.
    expect(await brand.innerText()).toMatch(/^RÉPUBLIQUE\s+FRANÇAISE$/);
    expect(await brand.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^Marianne/);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          await document.fonts.ready;
          // The French subset of Marianne bold, served by the site (the full face is only a fallback, never loaded).
          let loaded = false;
          document.fonts.forEach((f) => {
            if (f.family.replace(/"/g, '') === 'Marianne' && f.weight === '700' && f.status === 'loaded') loaded = true;
          });
          return loaded;
        }),
      )
      .toBe(true);
    expect(await page.locator('.fr-header__service-title').innerText()).toBe('Essaim');
    // The editions menu belongs to the sheets' pages only.
    expect(await page.locator('.navbar .dropdown', { hasText: 'Édition' }).count()).toBe(0);
    const tiles = page.locator('[data-testid="maillons"] .fr-tile__title a');
    expect(await tiles.allInnerTexts()).toEqual(maillons().map((m) => m.label));
    await tiles.first().click();
    await page.waitForURL(`**/fiches/maillon/${maillons()[0]!.id}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe(maillons()[0]!.label);
  });

  it('a sheet shows its fields with French labels and its linked resources, resolved', async () => {
    const { sheet, id } = sampleSheet();
    await page.goto(`${server.url}/fiches/${id}`);
    expect(await page.locator('h1').innerText()).toBe(sheet.data.titre);
    const fields = page.locator('.essaim-sheet-fields');
    for (const f of ['maillons', 'territoires', 'porteur', 'criteres', 'stade', 'derniere_revue']) {
      expect(await fields.locator(`[data-champ="${f}"] dt`).innerText()).toBe(fieldLabel(practices, [f]));
    }
    const maillon = (sheet.data.maillons as string[])[0]!;
    expect(await fields.locator('[data-champ="maillons"] dd').innerText()).toContain(
      vocabularies().maillon!.labels[maillon],
    );
    const links = fields.locator('[data-champ="ressources_liees"] dd a');
    const refs = sheet.data.ressources_liees as string[];
    expect(await links.count()).toBe(refs.length);
    for (const [i, ref] of refs.entries()) {
      const t = target(ref);
      expect(await links.nth(i).innerText()).toBe(t.titre);
      expect(await links.nth(i).getAttribute('href')).toBe(t.route);
    }
    const edit = page.locator('.essaim-sheet-links a', { hasText: 'Proposer une modification' }).first();
    // Without GitHub: the portal's form, pre-filled with this sheet.
    expect(await edit.getAttribute('href')).toBe(`/contribuer/proposer?modifier=practices/${id}`);
    const history = page.locator('.essaim-sheet-links a', { hasText: 'Historique' }).first();
    expect(await history.getAttribute('href')).toBe(
      `https://github.com/essaim-portail/essaim/commits/main/${sheet.file}`,
    );
  });

  it('a sheet shows its level of evidence, and its figures with source and year', async () => {
    const sheet = listEntries(repo, [practices.folder])
      .files.map((f) => readEntry(repo, f))
      .filter(isRead)
      .find((s) => Array.isArray(s.data.chiffres) && s.data.chiffres.length > 0);
    if (!sheet) throw new Error('Aucune fiche avec des chiffres clés : le contenu de départ a changé ?');
    await page.goto(`${server.url}/fiches/${String(sheet.data.id)}`);
    const fields = page.locator('.essaim-sheet-fields');
    const levels = schemaAt(practices, ['niveau_preuve'])!['x-labels']!;
    expect(await fields.locator('[data-champ="niveau_preuve"] dt').innerText()).toBe('Niveau de preuve');
    expect(await fields.locator('[data-champ="niveau_preuve"] dd').innerText()).toContain(
      levels[String(sheet.data.niveau_preuve)],
    );
    const figures = sheet.data.chiffres as { valeur: string; source: string; annee: number }[];
    const items = fields.locator('[data-champ="chiffres"] li');
    expect(await items.count()).toBe(figures.length);
    expect(await items.first().innerText()).toContain(`${figures[0]!.valeur} (${figures[0]!.annee})`);
    expect(await items.first().locator('a').getAttribute('href')).toBe(figures[0]!.source);
  });

  it('the edition menu leads to the same sheet in the cut edition, which shows its banner', async () => {
    const { id, edition } = sampleSheet();
    await page.goto(`${server.url}/fiches/${id}`);
    await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    expect(await page.locator('.theme-doc-version-banner').count()).toBe(0);
    const menu = page.locator('.navbar .dropdown', { hasText: 'Édition en cours (prochaine)' });
    await menu.hover();
    await menu.locator('.dropdown__link', { hasText: `Édition ${edition}` }).click();
    await page.waitForURL(`**/fiches/${edition}/${id}`);
    const banner = page.locator('.theme-doc-version-banner');
    expect(await banner.innerText()).toContain(`Vous consultez l’Édition ${edition} des fiches pratiques`);
    expect(await page.locator('.essaim-citation').innerText()).toMatch(
      new RegExp(`fiche pratique, Édition ${edition}, https://\\S+/fiches/${edition}/${id}$`),
    );
    await banner.locator('a', { hasText: 'édition en cours' }).click();
    await page.waitForURL(`**/fiches/${id}`);
    expect(await page.locator('.theme-doc-version-banner').count()).toBe(0);
  });

  it('a sheet hydrates without errors, leads to the news without reloading, and an unknown sheet is « Page introuvable »', async () => {
    const { id } = sampleSheet();
    const p = await browser.context.newPage();
    const errors: string[] = [];
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('pageerror', (e) => errors.push(e.message));
    // Loaded directly, a sheet hydrates (a mismatch would log an error).
    await p.goto(`${server.url}/fiches/${id}`, { waitUntil: 'networkidle' });
    await expect.poll(() => p.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    // From the sheet to the news, without reloading the page.
    await p.evaluate(() => {
      (window as unknown as { pasRecharge: boolean }).pasRecharge = true;
    });
    await p.locator('.navbar a', { hasText: 'Actualités' }).first().click();
    await p.waitForURL('**/actualites');
    // The news catalog, its lines drawn: one per news entry of the repository.
    const news = listEntries(repo, [findCollection('news')!.folder]).files.length;
    expect(news).toBeGreaterThan(0);
    await expect.poll(() => p.locator('main li h2').count()).toBe(news);
    expect(await p.evaluate(() => (window as unknown as { pasRecharge?: boolean }).pasRecharge)).toBe(true);
    // A path under /fiches that no page has.
    await p.evaluate(() => {
      window.history.pushState(null, '', '/fiches/fiche-disparue');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(() => p.locator('main h1').textContent()).toBe('Page introuvable');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('axe-core finds no serious or critical violation on the home page and on a sheet', async () => {
    const { id, edition } = sampleSheet();
    for (const route of ['/', `/fiches/${id}`, `/fiches/${edition}/${id}`, '/fiches']) {
      await page.goto(`${server.url}${route}`);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), route).toEqual([]);
    }
  }, 120_000);
});
