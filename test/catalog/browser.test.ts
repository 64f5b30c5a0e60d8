// @module-tag navigateur
/**
 * The catalogs and the search box in a real browser, against the built fixture site
 * (test/catalog/fixture-site): search, facets in the URL, territory hierarchy, statuses from the
 * reader's clock, accessibility.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, seriousViolations, type Browser } from '../site/browser.js';
import { serveStatic, type StaticServer } from '../site/serve.js';
import { buildFixtureSite } from './site.js';
import { isOverdue } from '../../src/content/review.js';
import { CATALOG_PAGE } from '../../src/plugins/content/shared/model.js';
import { repo } from '../helpers/tree.js';

let server: StaticServer;
let browser: Browser;
let outDir: string;

beforeAll(async () => {
  outDir = await buildFixtureSite();
  server = await serveStatic(outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
});

async function open(route: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url + route);
  return page;
}

const summary = (page: Page) => page.locator('main p[role=status]');
const titles = (page: Page) => page.locator('main li h2').allTextContents();

describe('catalogues et recherche dans le navigateur', () => {
  it('la recherche « epicerie solidaire » liste les fiches d’épiceries, accents ignorés', async () => {
    const page = await open('/etudes');
    const box = page.getByRole('combobox', { name: 'Rechercher dans le portail' });
    await box.fill('epicerie solidaire');
    const options = page.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('option');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const found = await options.allTextContents();
    expect(found.some((t) => t.includes('Épicerie solidaire mobile en milieu rural'))).toBe(true);
    expect(found.some((t) => t.includes('Épicerie sociale et solidaire de quartier'))).toBe(true);
    expect(found.some((t) => t.includes('Plateforme logistique partagée'))).toBe(false);
    // The keyboard opens a result.
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toMatch(/^\/fiches\/epicerie-(solidaire-mobile|sociale-quartier)$/);
    await page.close();
  });

  it('une facette restreint le catalogue, l’URL la porte, le rechargement la garde, le retour arrière l’enlève', async () => {
    const page = await open('/etudes');
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    await page.getByLabel(/^Participation et pouvoir d’agir/).check();
    await expect.poll(() => summary(page).textContent()).toBe('1 étude sur 5');
    expect(new URL(page.url()).searchParams.getAll('maillons')).toEqual(['participation']);
    expect(await titles(page)).toEqual(['Étude en Bretagne']);
    await page.reload();
    await expect.poll(() => summary(page).textContent()).toBe('1 étude sur 5');
    expect(await page.getByLabel(/^Participation et pouvoir d’agir/).isChecked()).toBe(true);
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${server.url}/etudes`);
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    expect(await page.getByLabel(/^Participation et pouvoir d’agir/).isChecked()).toBe(false);
    await page.close();
  });

  it('les lignes du catalogue ne se chargent qu’au premier filtre', async () => {
    const page = await browser.context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/etudes`, { waitUntil: 'networkidle' });
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    const atLoad = scripts.length;
    await page.getByLabel('Mots-clés').pressSequentially('herault');
    await expect.poll(() => titles(page)).toEqual(['Étude dans l’Hérault']);
    // One more file, which holds the catalog's lines.
    const lines = scripts.slice(atLoad);
    expect(lines).toHaveLength(1);
    expect(fs.readFileSync(path.join(outDir, lines[0]!), 'utf8')).toContain('"id":"etude-herault"');
    await expect.poll(() => summary(page).textContent()).toBe('1 étude sur 5');
    await page.close();
  });

  it('dit quand les lignes ne peuvent pas être chargées, et réessaie au geste suivant', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/etudes`, { waitUntil: 'networkidle' });
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    // The page is there; from now on, no script can be loaded.
    await page.route('**/assets/js/*.js', (r) => r.abort());
    await page.getByLabel('Mots-clés').fill('herault');
    await page.getByLabel('Mots-clés').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('herault');
    await expect
      .poll(() => summary(page).textContent())
      .toBe('La liste n’a pas pu être chargée : vérifiez la connexion, puis rechargez la page.');
    expect(await titles(page)).toEqual([]);
    await page.unroute('**/assets/js/*.js');
    // Coming back to the filters asks again.
    await page.getByRole('button', { name: 'Filtrer' }).focus();
    await expect.poll(() => titles(page)).toEqual(['Étude dans l’Hérault']);
    await expect.poll(() => summary(page).textContent()).toBe('1 étude sur 5');
    await page.close();
  });

  it('un département montre aussi sa région et le national ; une région montre ses départements', async () => {
    const page = await open('/etudes');
    await page.getByLabel('Région ou département').selectOption('dep-34');
    await expect.poll(() => new URL(page.url()).searchParams.get('territoires')).toBe('dep-34');
    await expect
      .poll(async () => (await titles(page)).sort())
      .toEqual(['Baromètre de la précarité alimentaire 2025', 'Étude dans l’Hérault', 'Étude en Occitanie']);
    await page.getByLabel('Région ou département').selectOption('reg-76');
    await expect
      .poll(async () => (await titles(page)).sort())
      .toEqual(['Baromètre de la précarité alimentaire 2025', 'Étude dans l’Hérault', 'Étude en Occitanie']);
    await page.getByLabel('Région ou département').selectOption('dep-75');
    await expect
      .poll(async () => (await titles(page)).sort())
      .toEqual(['Baromètre de la précarité alimentaire 2025', 'Étude à Paris']);
    await page.close();
  });

  it('le statut d’un appel suit l’horloge du lecteur, sans reconstruire le site', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2026-04-20T10:00:00') });
    await page.goto(`${server.url}/financements/appels`);
    const call = page.locator('main li', { hasText: 'Mieux manger pour tous 2026' });
    await expect.poll(() => call.locator('[data-statut]').textContent()).toBe('Clôture dans 10 jours');
    await page.clock.setFixedTime(new Date('2026-05-02T10:00:00'));
    await page.reload();
    await expect.poll(() => call.locator('[data-statut]').textContent()).toBe('Clos');
    // The status facet counts from the same clock: one call closed, the winter call not open yet
    // (the permanent call has no status to filter on).
    await page.getByLabel(/^Clos/).check();
    await expect.poll(() => summary(page).textContent()).toBe('1 appel sur 3');
    // The funder's page agrees.
    await page.goto(`${server.url}/financements/fondation-solidarite`);
    await expect.poll(() => page.locator('#appel-mieux-manger-2026 [data-statut]').textContent()).toBe('Clos');
    await expect
      .poll(() => page.locator('#appel-solidarite-hiver-2027 [data-statut]').textContent())
      .toBe('Ouvre dans 122 jours');
    await page.close();
  });

  it('un appel permanent porte le badge « Permanent » et vient après les appels datés', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2026-04-20T10:00:00') });
    await page.goto(`${server.url}/financements/appels`);
    await expect
      .poll(() => titles(page))
      .toEqual([
        'Mieux manger pour tous 2026',
        'Solidarité alimentaire de l’hiver 2027',
        'Fonds permanent pour les épiceries solidaires',
      ]);
    const permanent = page.locator('main li', { hasText: 'Fonds permanent pour les épiceries solidaires' });
    expect(await permanent.locator('[data-statut]').textContent()).toBe('Permanent');
    // A permanent call is open: the « Ouvert » filter keeps it.
    await page.goto(`${server.url}/financements/appels?statut=ouvert`);
    await expect.poll(() => titles(page)).toContain('Fonds permanent pour les épiceries solidaires');
    // The funder's page lists its calls in the same order, with the same badge.
    await page.goto(`${server.url}/financements/fondation-solidarite`);
    await expect
      .poll(() => page.locator('main li[id^=appel-] h3').allTextContents())
      .toEqual([
        'Mieux manger pour tous 2026',
        'Solidarité alimentaire de l’hiver 2027',
        'Fonds permanent pour les épiceries solidaires',
      ]);
    expect(await page.locator('#appel-fonds-permanent [data-statut]').textContent()).toBe('Permanent');
    await page.close();
  });

  it('un événement passé qui a un replay passe dans « Revoir », avec le lien du replay', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2026-04-20T10:00:00') });
    await page.goto(`${server.url}/agenda`);
    const revoir = page.getByRole('region', { name: 'Revoir' });
    await expect
      .poll(() => revoir.locator('li h3').allTextContents())
      .toEqual(['Webinaire sur l’aide alimentaire rurale 2025']);
    expect(await revoir.getByRole('link', { name: /^Voir le replay/ }).getAttribute('href')).toBe(
      'https://paniers-du-causse.example.org/webinaire-2025/replay',
    );
    // The coming events stay in the main list, the past one is not there any more.
    expect(await titles(page)).toEqual(['Visite apprenante de l’épicerie mobile']);
    expect(await summary(page).textContent()).toBe('2 événements');
    // Before the event, it is in the main list and there is nothing to see again.
    await page.clock.setFixedTime(new Date('2025-06-01T10:00:00'));
    await page.reload();
    await expect
      .poll(() => titles(page))
      .toEqual(['Webinaire sur l’aide alimentaire rurale 2025', 'Visite apprenante de l’épicerie mobile']);
    expect(await revoir.count()).toBe(0);
    await page.close();
  });

  it('la page d’un événement donne l’inscription, le replay et l’accessibilité', async () => {
    const page = await open('/agenda/webinaire-aide-rurale-2025');
    const main = page.locator('main');
    await expect.poll(() => main.locator('h1').textContent()).toBe('Webinaire sur l’aide alimentaire rurale 2025');
    for (const [name, href] of [
      ['Inscription', 'https://paniers-du-causse.example.org/webinaire-2025/inscription'],
      ['Replay', 'https://paniers-du-causse.example.org/webinaire-2025/replay'],
    ])
      expect(
        await main
          .locator('div', { has: page.locator('dt', { hasText: name }) })
          .locator('a')
          .getAttribute('href'),
      ).toBe(href);
    expect(await main.textContent()).toContain('Sous-titrage en direct.');
    await page.close();
  });

  it('la page d’une étude montre ses constats clés et sa méthode', async () => {
    const page = await open('/etudes/etude-herault');
    const constats = page.locator('main div', { has: page.locator('dt', { hasText: 'Constats clés' }) }).locator('li');
    await expect
      .poll(() => constats.allTextContents())
      .toEqual([
        'Un ménage aidé sur trois vit à plus de 10 km du premier lieu de distribution.',
        'Les épiceries itinérantes touchent surtout des personnes âgées.',
      ]);
    expect(await page.locator('main').textContent()).toContain('Questionnaire auprès de 400 ménages aidés');
    await page.close();
  });

  it('une entrée qui a dépassé son délai de relecture affiche « À vérifier » (horloge du lecteur)', async () => {
    // The study was updated on 2026-01-15; studies are re-read every 24 months.
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2028-01-15T10:00:00') });
    await page.goto(`${server.url}/etudes/etude-herault`);
    await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    expect(await page.locator('main h1').textContent()).toBe('Étude dans l’Hérault');
    expect(await page.locator('main [data-revue]').count()).toBe(0);
    await page.clock.setFixedTime(new Date('2028-01-16T10:00:00'));
    await page.reload();
    await expect.poll(() => page.locator('main [data-revue]').textContent()).toBe('À vérifier');
    await page.close();
  });

  it('les lignes d’un catalogue marquent aussi « À vérifier » : dès la page statique, puis selon l’horloge', async () => {
    const line = (page: Page) =>
      page.locator('main li', { has: page.getByRole('link', { name: 'Étude dans l’Hérault' }) });
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2028-01-15T10:00:00') });
    await page.goto(`${server.url}/etudes`);
    await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
    expect(await line(page).locator('[data-revue]').count()).toBe(0);
    await page.clock.setFixedTime(new Date('2028-01-16T10:00:00'));
    await page.reload();
    await expect.poll(() => line(page).locator('[data-revue]').textContent()).toBe('À vérifier');
    await page.close();
    // The static page (no script) marks what was overdue on the build date (a review only gets
    // older): the funders are re-read every 6 months.
    const html = fs.readFileSync(path.join(outDir, 'financements.html'), 'utf8');
    const built = new Date().toISOString().slice(0, 10);
    const dir = path.join(repo, 'test/catalog/fixture-site/content/funders');
    const overdue = fs
      .readdirSync(dir)
      .map((f) => /^date_maj: '?(\d{4}-\d{2}-\d{2})/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))![1]!)
      .filter((date) => isOverdue({ date, months: 6 }, built));
    expect(overdue.length).toBeGreaterThan(0);
    expect(html.match(/data-revue="?a-verifier/g)?.length ?? 0).toBe(Math.min(overdue.length, CATALOG_PAGE));
  });

  it('les actualités : un catalogue daté, filtrable par territoire, et une page par actualité décrite comme un article', async () => {
    const page = await open('/actualites');
    const line = page.locator('main li', { has: page.getByRole('link', { name: 'Le portail Essaim est ouvert' }) });
    await expect.poll(() => line.textContent()).toContain('1 mai 2026');
    await page.goto(`${server.url}/actualites?territoires=dep-34`);
    // National news are found from every territory.
    await expect.poll(() => titles(page)).toContain('Le portail Essaim est ouvert');
    await page.getByRole('link', { name: 'Le portail Essaim est ouvert' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/actualites/lancement-portail');
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Le portail Essaim est ouvert',
      datePublished: '2026-05-01',
    });
    await page.close();
  });

  it('un catalogue et une page d’entrée n’ont aucune violation d’accessibilité grave ou critique (axe-core)', async () => {
    for (const route of [
      '/etudes',
      '/financements/appels',
      '/financements/fondation-solidarite',
      '/etudes/barometre-precarite-2025',
      '/agenda',
    ]) {
      const page = await open(route);
      await page.waitForSelector('main h1');
      expect(await seriousViolations(page), route).toEqual([]);
      await page.close();
    }
  });
});

describe('pages d’entrée dans le navigateur', () => {
  /** Errors the page logs (a hydration mismatch is one). */
  const errorsOf = (page: Page): string[] => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return errors;
  };

  it('les liens visibles font précharger les fichiers de leur page', async () => {
    const page = await open('/etudes');
    await page.waitForLoadState('networkidle');
    const prefetched = await page
      .locator('link[rel=prefetch]')
      .evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''));
    expect(prefetched.length).toBeGreaterThan(0);
    for (const href of prefetched) {
      expect(href).toMatch(/^\/assets\/js\/[\w-]+\.[0-9a-f]{8}\.js$/);
      expect(fs.existsSync(path.join(outDir, href)), href).toBe(true);
    }
    await page.close();
  });

  it('chargée directement, une page d’entrée s’hydrate sans autre requête ni erreur', async () => {
    const page = await browser.context.newPage();
    const errors = errorsOf(page);
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch') fetched.push(new URL(r.url()).pathname);
    });
    await page.clock.install({ time: new Date('2026-05-02T10:00:00') });
    await page.goto(`${server.url}/financements/fondation-solidarite`, { waitUntil: 'networkidle' });
    // The status is computed after hydration: the page is live.
    await expect.poll(() => page.locator('#appel-mieux-manger-2026 [data-statut]').textContent()).toBe('Clos');
    expect(await page.locator('main h1').textContent()).toBe('Fondation Solidarité Alimentaire');
    expect(fetched.filter((p) => p.startsWith('/financements/'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('un lien du catalogue ouvre l’entrée sans recharger la page, le retour arrière revient au catalogue', async () => {
    const page = await open('/etudes');
    const errors = errorsOf(page);
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    await page.evaluate(() => {
      (window as unknown as { pasRecharge: boolean }).pasRecharge = true;
    });
    await page.getByRole('link', { name: 'Étude dans l’Hérault' }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Étude dans l’Hérault');
    expect(new URL(page.url()).pathname).toBe('/etudes/etude-herault');
    await expect.poll(() => page.title()).toMatch(/^Étude dans l’Hérault/);
    expect(await page.evaluate(() => (window as unknown as { pasRecharge?: boolean }).pasRecharge)).toBe(true);
    // The fields of the entry, as on the static page.
    expect(await page.locator('main').textContent()).toContain('Observatoire de test');
    await page.goBack();
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('un lien vers un appel ouvre la page du financeur à cet appel, statut compris', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2026-04-20T10:00:00') });
    await page.goto(`${server.url}/financements/appels`);
    await page.getByRole('link', { name: 'Mieux manger pour tous 2026' }).click();
    await expect
      .poll(() => page.locator('#appel-mieux-manger-2026 [data-statut]').textContent())
      .toBe('Clôture dans 10 jours');
    expect(new URL(page.url()).hash).toBe('#appel-mieux-manger-2026');
    await page.close();
  });

  it('une entrée qui n’existe pas affiche « Page introuvable »', async () => {
    const page = await open('/etudes');
    await expect.poll(() => summary(page).textContent()).toBe('5 études');
    // A client-side navigation, as a stale link inside the portal would make.
    await page.evaluate(() => {
      window.history.pushState(null, '', '/etudes/etude-disparue');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Page introuvable');
    await page.close();
    const direct = await open('/etudes/etude-disparue');
    await expect.poll(() => direct.locator('main h1').textContent()).toBe('Page introuvable');
    await direct.evaluate(() => {
      window.history.pushState(null, '', '/financements/appels/2026/inconnu');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(() => direct.locator('main h1').textContent()).toBe('Page introuvable');
    await direct.close();
  });
});
