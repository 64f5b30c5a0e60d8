// @module-tag navigateur
/**
 * The sheets' finder, the territory pages and the map in a real browser, against the built fixture
 * site (test/catalog/fixture-site): territory hierarchy with counts, URL state, the same entries on a
 * territory page as in the catalog's filter, the map by keyboard, accessibility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, seriousViolations, type Browser } from '../site/browser.js';
import { serveStatic, type StaticServer } from '../site/serve.js';
import { buildFixtureSite } from './site.js';

let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await serveStatic(await buildFixtureSite());
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

  it('aucune violation d’accessibilité grave ou critique (axe-core) sur /fiches, /territoires et une page de territoire', async () => {
    for (const route of ['/fiches', '/fiches?territoires=dep-34', '/territoires', '/territoires/dep-34']) {
      const page = await open(route);
      await page.waitForSelector('main h1');
      expect(await seriousViolations(page), route).toEqual([]);
      await page.close();
    }
  });
});
