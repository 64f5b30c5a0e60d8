// @module-tag navigateur
/**
 * The form in Chromium, on the real built portal served by the service: a practice sheet sent to
 * GitHub (the simulator, with proof-of-work), a YAML entry sent without credentials (a local
 * branch), the error summary, and the purely static site (file produced in the page, checked by
 * axe-core). Every
 * proposed file passes the real `essaim validate` on a clone of its branch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { git, makeRepo, tempDir } from '../server/helpers.js';
import { launchBrowser, seriousViolations, type Browser } from '../site/browser.js';
import { builtSite } from '../site/build.js';
import { serveStatic, type StaticServer } from '../site/serve.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';

let site: string;
let sim: GitHubSimulator;
let withGitHub: RunningServer;
let offline: RunningServer;
let offlineRepo: string;
let browser: Browser;

function fixtureFiles(): Record<string, string> {
  const root = path.join(repoRoot, 'test/fixtures/valide');
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, item.name);
      if (item.isDirectory()) walk(abs);
      else out[path.relative(root, abs)] = fs.readFileSync(abs, 'utf8');
    }
  };
  walk(path.join(root, 'content'));
  walk(path.join(root, 'static'));
  return out;
}

/** Runs the real CLI (`essaim validate`) in a fresh clone of `branch`. */
function validateBranch(gitDir: string, branch: string): { status: number | null; out: string } {
  const clone = tempDir('essaim-clone-');
  execFileSync('git', ['clone', '-q', '--branch', branch, gitDir, clone]);
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'cli/bin.mjs'), 'validate'], {
    cwd: clone,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  site = await builtSite();
  sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
  await sim.createRepo({ owner: OWNER, name: REPO, files: fixtureFiles(), pushers: ['essaim-robot'] });
  withGitHub = await startServer({
    port: 0,
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-donnees-'),
    staticDir: site,
    logLevel: false,
    github: { repository: `${OWNER}/${REPO}`, token: 'jeton-robot', apiUrl: sim.baseUrl, writeIntervalMs: 0 },
    protection: { ratePerMinute: 0, minFillMs: 1000, altchaSecret: 'secret-de-test', altchaMaxCounter: 3000 },
  });
  offlineRepo = makeRepo();
  offline = await startServer({
    port: 0,
    repoDir: offlineRepo,
    dataDir: tempDir('essaim-donnees-'),
    staticDir: site,
    logLevel: false,
    protection: { ratePerMinute: 0, minFillMs: 1000 },
  });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await (browser as Browser | undefined)?.close();
  await (withGitHub as RunningServer | undefined)?.close();
  await (offline as RunningServer | undefined)?.close();
  await (sim as GitHubSimulator | undefined)?.close();
});

async function openForm(base: string, collection: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/contribuer/proposer`);
  await page.selectOption('#collection', collection);
  await page.waitForSelector('#root_titre');
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

async function chooseTerritory(page: Page, search: string, label: string): Promise<void> {
  await page.fill('#root_territoires', search);
  await page.getByLabel(label, { exact: true }).check();
}

async function statusOf(page: Page): Promise<string> {
  await page.waitForURL(/\/contribuer\/suivi\?id=/);
  await page.locator('[data-statut="ouverte"], [data-statut="echec"]').waitFor({ timeout: 60_000 });
  return (await page.locator('.essaim-suivi').innerText()).replace(/\s+/g, ' ');
}

describe('formulaire dans Chromium', () => {
  it('une fiche pratique devient une pull request (GitHub simulé, preuve de travail)', async () => {
    const page = await openForm(withGitHub.url, 'practices');
    await page.fill('#root_titre', 'Cantine solidaire des Minimes');
    await page.fill(
      '#root_resume',
      'Une cantine à prix libre, tenue avec les habitants, qui sert aussi de lieu de rencontre.',
    );
    await page.getByLabel('Distribution et accès à l’alimentation', { exact: true }).check();
    await page.getByLabel('Lien social', { exact: true }).check();
    await page.selectOption('#root_stade', { label: 'Déploiement' });
    await page.selectOption('#root_nature', { label: 'Projet (un porteur, un lieu)' });
    await page.selectOption('#root_niveau_preuve', { label: 'Auto-évaluation' });
    await chooseTerritory(page, 'haute-gar', 'Haute-Garonne');
    await page.fill('#root_porteur_nom', 'Association Les Minimes');
    await page.selectOption('#root_porteur_type', { label: 'Association' });
    await page.fill('#texte', '## De quoi s’agit-il ?\n\nUne cantine ouverte **tous les midis**.\n');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await expect(page.locator('.essaim-markdown__apercu strong').innerText()).resolves.toBe('tous les midis');
    await page.getByRole('button', { name: 'Écrire' }).click();
    await page.fill('#contact-nom', 'Camille Martin');
    await page.fill('#contact-courriel', 'camille@example.org');
    await page.check('#contact-credit');
    await page.waitForTimeout(1000);
    await page.click('#envoyer');
    const text = await statusOf(page);
    expect(text).toContain('Proposition ouverte');
    expect(text).toContain('Cantine solidaire des Minimes');
    const link = page.getByRole('link', { name: /Voir la proposition n° \d+ sur GitHub/ });
    await expect(link.getAttribute('href')).resolves.toMatch(/\/cocolupa\/essaim\/pull\/\d+$/);

    const pulls = sim.pulls(OWNER, REPO);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toContain('avec le formulaire du portail (par Camille Martin)');
    expect(JSON.stringify(pulls[0])).not.toContain('camille@example.org');
    expect([...pulls[0]!.labels].sort()).toEqual(['fiches', 'via-formulaire']);
    const branch = pulls[0]!.pull!.headRef;
    const file = await sim.readFile(
      OWNER,
      REPO,
      branch,
      'content/practices/distribution/cantine-solidaire-des-minimes.md',
    );
    expect(file).toContain('territoires:\n  - dep-31\n');
    expect(file).not.toContain('camille');
    const check = validateBranch(sim.repoDir(OWNER, REPO), branch);
    expect(check.status, check.out).toBe(0);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('une plateforme (YAML) sans accès GitHub devient une branche locale', async () => {
    const page = await openForm(offline.url, 'platforms');
    await page.fill('#root_titre', 'Annuaire des épiceries solidaires');
    await page.fill(
      '#root_resume',
      'Un annuaire en ligne des épiceries solidaires, avec leurs horaires et conditions d’accès.',
    );
    await page.fill('#root_usage', 'Trouver une épicerie solidaire près de chez soi.');
    await page.fill('#root_url', 'https://annuaire.example.org');
    await page.fill('#root_editeur', 'Réseau des épiceries');
    await chooseTerritory(page, 'national', 'National');
    await page.fill('#contact-nom', 'Dominique');
    await page.fill('#contact-courriel', 'dominique@example.org');
    await page.waitForTimeout(1000);
    await page.click('#envoyer');
    const text = await statusOf(page);
    expect(text).toContain('branche locale « formulaire/platforms/annuaire-des-epiceries-solidaires »');
    expect(git(offlineRepo, 'branch', '--list', 'formulaire/*')).toContain(
      'formulaire/platforms/annuaire-des-epiceries-solidaires',
    );
    expect(git(offlineRepo, 'status', '--porcelain')).toBe('');
    const shown = git(
      offlineRepo,
      'show',
      'formulaire/platforms/annuaire-des-epiceries-solidaires:content/platforms/annuaire-des-epiceries-solidaires.yaml',
    );
    expect(shown).not.toContain('dominique');
    const check = validateBranch(offlineRepo, 'formulaire/platforms/annuaire-des-epiceries-solidaires');
    expect(check.status, check.out).toBe(0);
    await page.close();
  }, 120_000);

  it('un envoi incomplet affiche le résumé des erreurs, en français, et amène au premier champ', async () => {
    const page = await openForm(offline.url, 'practices');
    await page.fill('#root_titre', 'ab');
    await page.click('#envoyer');
    const summary = page.locator('.essaim-erreurs');
    await summary.waitFor();
    const items = await summary.locator('li').allInnerTexts();
    expect(items[0]).toBe('« Titre » est trop court (3 caractères au moins).');
    expect(items).toContain('Indiquez votre nom.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('root_titre');
    await expect(page.locator('#root_titre__error').innerText()).resolves.toContain('« Titre » est trop court');
    await page.close();
  }, 60_000);

  it('site purement statique : le fichier est préparé dans la page', async () => {
    const server: StaticServer = await serveStatic(site);
    try {
      const page = await openForm(server.url, 'platforms');
      await expect(page.locator('.fr-callout').innerText()).resolves.toContain('publié sans service de propositions');
      // Accessibility of the form with its error summary (axe-core; here without the service's CSP, which forbids injecting it).
      await page.click('#envoyer');
      await page.locator('.essaim-erreurs li').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.fill('#root_titre', 'Carte des frigos solidaires');
      await page.fill('#root_resume', 'Une carte participative des réfrigérateurs solidaires en accès libre.');
      await page.fill('#root_usage', 'Déposer ou prendre des denrées près de chez soi.');
      await page.fill('#root_url', 'https://frigos.example.org');
      await page.fill('#root_editeur', 'Collectif Frigos');
      await chooseTerritory(page, '75', 'Paris');
      await page.click('#envoyer');
      await page.locator('.essaim-fichier').waitFor();
      const newFile = await page.getByRole('link', { name: /déposer sur GitHub/ }).getAttribute('href');
      const url = new URL(newFile!);
      expect(url.origin + url.pathname).toBe('https://github.com/essaim-portail/essaim/new/main');
      expect(url.searchParams.get('filename')).toBe('content/platforms/carte-des-frigos-solidaires.yaml');
      const value = url.searchParams.get('value')!;
      expect(value).toContain('id: carte-des-frigos-solidaires\n');
      expect(value).toContain('territoires:\n  - dep-75\n');
      const dir = tempDir('essaim-statique-');
      fs.mkdirSync(path.join(dir, 'content/platforms'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'content/platforms/carte-des-frigos-solidaires.yaml'), value);
      const r = spawnSync(process.execPath, [path.join(repoRoot, 'cli/bin.mjs'), 'validate'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      await page.close();
    } finally {
      await server.close();
    }
  }, 60_000);
});
