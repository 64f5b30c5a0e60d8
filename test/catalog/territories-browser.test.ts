// @module-tag navigateur
/**
 * The sheets' finder, the territory pages and the map in a real browser, against the built fixture
 * site (test/catalog/fixture-site): territory hierarchy with counts, URL state, the same entries on a
 * territory page as in the catalog's filter, the map by keyboard, accessibility; and the built pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collections, type CollectionName } from '../../src/content/collections.js';
import { vocabularies } from '../../src/content/schemas.js';
import { launchBrowser, seriousViolations, type Browser } from '../site/browser.js';
import { serveStatic, type StaticServer } from '../site/serve.js';
import { buildFixtureSite } from './site.js';

let server: StaticServer | undefined;
let browser: Browser | undefined;
let outDir = '';

beforeAll(async () => {
  outDir = await buildFixtureSite();
  server = await serveStatic(outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (route: string): string => `${server?.url ?? ''}${route}`;

async function open(route: string): Promise<Page> {
  if (!browser) throw new Error('Navigateur absent');
  const page = await browser.context.newPage();
  await page.goto(url(route));
  await page.waitForLoadState('networkidle');
  return page;
}

const summary = (page: Page) => page.locator('main p[role=status]');
const titles = async (page: Page): Promise<string[]> =>
  (await page.locator('main li h2').allTextContents()).sort((a, b) => a.localeCompare(b, 'fr'));

const HERAULT = [
  'Alliance régionale contre la faim en Occitanie',
  'Caisse alimentaire commune de Montpellier',
  'Chèques d’alimentation durable',
  'Épicerie sociale et solidaire de quartier',
  'Épicerie solidaire mobile en milieu rural',
  'Plateforme logistique partagée',
];

describe('moteur de recherche des fiches et pages des territoires', () => {
  it('/fiches filtré par un département montre ses fiches, celles de sa région et les nationales ; l’URL garde l’état', async () => {
    const page = await open('/fiches');
    await expect.poll(() => summary(page).textContent()).toBe('7 fiches');
    const select = page.getByLabel('Région ou département');
    expect(await select.locator('option[value="dep-34"]').textContent()).toBe('Hérault (6)');
    expect(await select.locator('option[value="dep-29"]').textContent()).toBe('Finistère (2)');
    await select.selectOption('dep-34');
    await expect.poll(() => summary(page).textContent()).toBe('6 fiches sur 7');
    expect(new URL(page.url()).searchParams.get('territoires')).toBe('dep-34');
    expect(await titles(page)).toEqual(HERAULT);
    // Counts of the other facets follow the territory.
    await expect
      .poll(() =>
        page
          .getByLabel(/^Coopération et gouvernance territoriales/)
          .locator('..')
          .textContent(),
      )
      .toContain('(2)');
    await page.reload();
    await expect.poll(() => summary(page).textContent()).toBe('6 fiches sur 7');
    await page.goBack();
    await expect.poll(() => page.url()).toBe(url('/fiches'));
    await expect.poll(() => summary(page).textContent()).toBe('7 fiches');
    await page.close();
  });

  it('une page de maillon est le moteur pré-filtré ; retirer le maillon ramène à toutes les fiches', async () => {
    const page = await open('/fiches/maillon/cooperation-territoriale');
    await expect.poll(() => summary(page).textContent()).toBe('2 fiches sur 7');
    const box = page.getByLabel(/^Coopération et gouvernance territoriales/);
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/fiches');
    await expect.poll(() => summary(page).textContent()).toBe('7 fiches');
    await page.close();
  });

  it('la recherche par mots-clés classe d’abord les titres qui les contiennent', async () => {
    const page = await open('/fiches?q=occitanie');
    await expect
      .poll(() => page.locator('main li h2').first().textContent())
      .toBe('Alliance régionale contre la faim en Occitanie');
    await page.close();
  });

  it('la page d’un département liste exactement les fiches que le filtre du catalogue donne', async () => {
    const page = await open('/territoires/dep-34');
    const section = page.locator('section', { has: page.locator('h2', { hasText: 'Fiches pratiques' }) });
    const listed = (await section.locator('li a').allTextContents()).sort((a, b) => a.localeCompare(b, 'fr'));
    expect(listed).toEqual(HERAULT);
    // National sheets are apart.
    expect(await section.locator('details li a').allTextContents()).toEqual(['Chèques d’alimentation durable']);
    await section.getByRole('link', { name: /^Tout voir dans le catalogue/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?territoires=dep-34');
    await expect.poll(() => titles(page)).toEqual(HERAULT);
    // The feeds are linked, with how to subscribe.
    await page.goto(url('/territoires/dep-34'));
    const atom = await page.getByRole('link', { name: 'Flux Atom des nouveautés' }).getAttribute('href');
    const ics = await page.getByRole('link', { name: 'Agenda iCalendar (.ics)' }).getAttribute('href');
    expect(await (await fetch(url(atom ?? ''))).text()).toContain('Caisse alimentaire commune de Montpellier');
    expect(await (await fetch(url(ics ?? ''))).text()).toMatch(/^BEGIN:VCALENDAR/);
    await page.close();
  });

  it('chaque rubrique d’une page de département liste exactement ce que son catalogue filtré sur ce département donne', async () => {
    const page = await open('/territoires/dep-34');
    for (const code of ['dep-34', 'dep-29']) {
      await page.goto(url(`/territoires/${code}`));
      const sections = page.locator('main section[aria-labelledby^="section-"]');
      const names = (await sections.evaluateAll((list) =>
        list.map((s) => s.getAttribute('aria-labelledby')!.slice('section-'.length)),
      )) as CollectionName[];
      expect(names.length).toBeGreaterThanOrEqual(7);
      const listed = new Map<string, { hrefs: string[]; count: number; catalog: string | null }>();
      for (const [i, name] of names.entries()) {
        const section = sections.nth(i);
        const hrefs = await section.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        const count = Number(/\((\d+)\)$/.exec((await section.locator('h2').textContent()) ?? '')?.[1]);
        const link = section.getByRole('link', { name: /^Tout voir dans le catalogue/ });
        const catalog = (await link.count()) > 0 ? await link.getAttribute('href') : null;
        listed.set(name, { hrefs: hrefs.sort(), count, catalog });
      }
      for (const name of names) {
        const { hrefs, count, catalog } = listed.get(name)!;
        const route = name === 'funders' ? '/financements/appels' : collections.get(name)!.route;
        // An empty section has no link to its catalog; the catalog filtered there is empty too.
        if (count > 0) expect(catalog, `${code} ${name}`).toBe(`${route}?territoires=${code}`);
        await page.goto(url(`${route}?territoires=${code}`));
        // The server-rendered page lists the whole catalog: wait until the filter of the URL is applied.
        await page.getByRole('link', { name: 'Effacer les filtres' }).waitFor({ timeout: 15_000 });
        await expect.poll(() => summary(page).textContent(), { timeout: 15_000 }).toMatch(/^(\d|Aucun)/);
        const results = page.locator('main li:has(> h2)');
        // Calls and events: the page lists those not over; the catalog tells them by their status.
        const dated = name === 'funders' || name === 'events';
        if (dated)
          await expect
            .poll(() => results.evaluateAll((lis) => lis.every((li) => li.querySelector('[data-statut]'))))
            .toBe(true);
        const found = await results.evaluateAll((lis) =>
          lis.map((li) => ({
            href: li.querySelector('h2 a')?.getAttribute('href') ?? '',
            status: li.querySelector('[data-statut]')?.getAttribute('data-statut') ?? '',
          })),
        );
        const current = found.filter((r) => r.status !== 'clos' && r.status !== 'passe').map((r) => r.href);
        expect(hrefs, `${code} ${name}`).toEqual(current.sort());
        expect(count, `${code} ${name}`).toBe(current.length);
      }
      // The fixture gives something to compare: local sheets and studies, a national one apart.
      expect(listed.get('practices')!.count).toBeGreaterThan(1);
      expect(listed.get('studies')!.count).toBeGreaterThan(1);
    }
    await page.close();
    // Some twenty pages in a row.
  }, 120_000);

  it('la carte se parcourt au clavier : le nom et le nombre s’affichent, Entrée ouvre le territoire', async () => {
    const page = await open('/territoires');
    await page.waitForSelector('figure svg a');
    const inMap = () => page.evaluate(() => document.activeElement?.closest('svg') !== null);
    for (let i = 0; i < 80 && !(await inMap()); i++) await page.keyboard.press('Tab');
    expect(await inMap()).toBe(true);
    await expect.poll(() => page.locator('figcaption [aria-live]').textContent()).toBe('Ain (01) : 0 ressource');
    // Tab goes on to the next département.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('figcaption [aria-live]').textContent()).toBe('Aisne (02) : 0 ressource');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/territoires/dep-02');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Aisne');
    // The list, the alternative to the map, gives the same counts as the map and the page.
    await page.goto(url('/territoires/dep-34'));
    const own = await page.locator('main section > ul li a').count();
    expect(own).toBeGreaterThanOrEqual(HERAULT.length - 1);
    await page.goto(url('/territoires'));
    const herault = page.locator('section li', { has: page.getByRole('link', { name: 'Hérault (34)' }) }).last();
    expect(await herault.textContent()).toBe(`Hérault (34) (${own} ressources)`);
    expect(await page.locator('svg a[href="/territoires/dep-34"]').getAttribute('aria-label')).toBe(
      `Hérault (34) : ${own} ressources`,
    );
    await page.close();
  });

  it('les départements d’outre-mer : leurs contours en encarts, au clavier comme les autres', async () => {
    const page = await open('/territoires');
    await page.waitForSelector('figure svg a');
    for (const code of ['dep-971', 'dep-972', 'dep-973', 'dep-974', 'dep-976']) {
      const link = page.locator(`svg a[href="/territoires/${code}"]`);
      const frame = await link.locator('rect').boundingBox();
      const shape = await link.locator('path').boundingBox();
      if (!frame || !shape) throw new Error(`${code} : encart non affiché`);
      // The island fills its inset (most of it, one way at least) and stays inside.
      expect(Math.max(shape.width / frame.width, shape.height / frame.height), code).toBeGreaterThan(0.7);
      expect(shape.x, code).toBeGreaterThanOrEqual(frame.x);
      expect(shape.y, code).toBeGreaterThanOrEqual(frame.y);
      expect(shape.x + shape.width, code).toBeLessThanOrEqual(frame.x + frame.width);
      expect(shape.y + shape.height, code).toBeLessThanOrEqual(frame.y + frame.height);
    }
    const guyane = page.locator('svg a[href="/territoires/dep-973"]');
    const name = (await guyane.getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^Guyane \(973\) : \d+ ressources?$/);
    // Tab from the top of the page reaches it, after the metropolitan départements.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    for (let i = 0; i < 200 && (await focused()) !== '/territoires/dep-973'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('/territoires/dep-973');
    await expect.poll(() => page.locator('figcaption [aria-live]').textContent()).toBe(name);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/territoires/dep-973');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Guyane');
    await page.close();
  });

  it('aucune violation d’accessibilité grave ou critique (axe-core) sur /fiches, /territoires et une page de territoire', async () => {
    for (const route of ['/fiches', '/fiches?territoires=dep-34', '/territoires', '/territoires/dep-34']) {
      const page = await open(route);
      await page.waitForSelector('main h1');
      expect(await seriousViolations(page), route).toEqual([]);
      await page.close();
    }
  });
});

describe('pages des territoires dans le site construit', () => {
  const html = (route: string): string => {
    const file = [path.join(outDir, `${route}.html`), path.join(outDir, route, 'index.html')].find((f) =>
      fs.existsSync(f),
    );
    if (!file) throw new Error(`${route} : page absente du site construit`);
    return fs.readFileSync(file, 'utf8');
  };
  /** The titles of the practices a built territory page lists for the territory itself (not the national ones). */
  const ownPractices = (route: string): string => {
    const page = html(route);
    const start = page.search(/aria-labelledby="?section-practices\b/);
    expect(start, route).toBeGreaterThan(0);
    const section = page.slice(start, page.indexOf('</section>', start));
    return section.split('<details')[0]!;
  };

  it('chaque région et chaque département du vocabulaire a sa page, titrée de son nom', () => {
    const labels = vocabularies().territoire!.labels;
    const codes = Object.keys(labels).filter((c) => c !== 'national');
    expect(codes).toHaveLength(18 + 101);
    for (const code of codes) expect(html(`/territoires/${code}`), code).toContain(`<h1>${labels[code]}</h1>`);
    expect(html('/territoires')).toContain('aria-label="Carte des départements de France"');
  });

  it('une fiche étiquetée par sa commune (com-34172, Montpellier) paraît sur les pages de l’Hérault et de l’Occitanie', () => {
    const title = 'Caisse alimentaire commune de Montpellier';
    expect(ownPractices('/territoires/dep-34')).toContain(title);
    expect(ownPractices('/territoires/reg-76')).toContain(title);
    expect(ownPractices('/territoires/dep-30')).not.toContain(title);
    expect(ownPractices('/territoires/dep-29')).not.toContain(title);
  });
});
