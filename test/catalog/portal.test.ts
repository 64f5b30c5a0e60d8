// @module-tag navigateur
/**
 * The content plugin inside the real portal (shared build of test/site/build.ts): the navbar's
 * search box finds the épicerie sheets, the catalogs and entry pages pass axe-core with the
 * portal's theme, and the static files are there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousViolations, type Browser } from '../site/browser.js';
import { builtSite } from '../site/build.js';
import { serveStatic, type StaticServer } from '../site/serve.js';

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await builtSite();
  server = await serveStatic(dir);
  browser = await launchBrowser();
});

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
});

describe('le plugin de contenu dans le portail', () => {
  it('la boîte de recherche de la barre de navigation trouve les fiches d’épiceries solidaires', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/outils`);
    await page.getByRole('combobox', { name: 'Rechercher dans le portail' }).fill('epicerie solidaire');
    // The results list only: the catalog's own <select> options are options too.
    const options = page.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('option');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const hrefs = await options.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const sheets = hrefs.filter((h) => h.startsWith('/fiches/'));
    expect(sheets.length).toBeGreaterThan(0);
    // Every sheet found is a page of the built site.
    for (const h of sheets)
      expect(fs.existsSync(path.join(dir, `${h}.html`)) || fs.existsSync(path.join(dir, h, 'index.html')), h).toBe(
        true,
      );
    const texts = await options.allTextContents();
    expect(texts.filter((t) => /épicerie/i.test(t)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('catalogues et pages d’entrée : aucune violation grave ou critique (axe-core)', async () => {
    const funder = fs
      .readdirSync(path.join(dir, 'financements'))
      .find((f) => f.endsWith('.html'))!
      .replace(/\.html$/, '');
    for (const route of ['/etudes', '/financements/appels', `/financements/${funder}`, '/donnees']) {
      const page = await browser.context.newPage();
      await page.goto(server.url + route);
      await page.waitForSelector('main h1');
      expect(await seriousViolations(page), route).toEqual([]);
      await page.close();
    }
  });

  it('les fichiers statiques sont publiés', () => {
    for (const rel of [
      'recherche/index.json',
      'flux/nouveautes.atom',
      'agenda.ics',
      'financements/appels.ics',
      'donnees/practices.json',
      'donnees/practices.csv',
      'donnees/funders.csv',
    ]) {
      expect(fs.existsSync(path.join(dir, rel)), rel).toBe(true);
    }
  });
});
