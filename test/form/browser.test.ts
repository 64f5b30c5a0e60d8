// @module-tag navigateur
/**
 * The form in Chromium, on the real built portal served by the service: a practice sheet sent to
 * GitHub (the simulator, with proof-of-work), a YAML entry sent without credentials (a local
 * branch), the error summary, and the purely static site (file produced in the page, checked by
 * axe-core). Every proposed file passes the real `essaim validate` on a clone of its branch.
 * Then editing without GitHub: from a funder's page, a call's deadline changed through the form
 * becomes a pull request that changes that field only; an error reported on a training's page
 * becomes an issue; the draft survives a reload; every step done with the keyboard alone, and
 * axe-core finds nothing on any step (its runs feed the accessibility statement: see axe.ts).
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
import { axeViolations, saveAxeReport } from './axe.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';

let site: string;
let sim: GitHubSimulator;
let withGitHub: RunningServer;
let offline: RunningServer;
let offlineRepo: string;
let browser: Browser;
/** Without the service's CSP, which forbids injecting axe-core. */
let axeBrowser: Browser;

const FUNDER = 'content/funders/ademe.yaml';
const TRAINING = 'content/trainings/mooc-afpa-gaspillage-alimentaire.yaml';

/**
 * Entries of the portal, also in the service's repositories: a funder (its call given dates, so
 * that there is a deadline to change) and a training.
 */
function portalEntries(): Record<string, string> {
  const funder = fs
    .readFileSync(path.join(repoRoot, FUNDER), 'utf8')
    .replace(
      '    recurrence: annuel\n    calendrier: Dates à confirmer auprès de la direction régionale de l’ADEME\n',
      '    ouverture: 2026-02-01\n    cloture: 2026-03-31\n',
    );
  expect(funder).toContain('cloture: 2026-03-31');
  return { [FUNDER]: funder, [TRAINING]: fs.readFileSync(path.join(repoRoot, TRAINING), 'utf8') };
}

/** A fixture repository with the portal entries added. */
function repoWithPortalEntries(): string {
  const dir = makeRepo();
  for (const [rel, text] of Object.entries(portalEntries())) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'entrées du portail');
  return dir;
}

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
  await sim.createRepo({
    owner: OWNER,
    name: REPO,
    files: { ...fixtureFiles(), ...portalEntries() },
    pushers: ['essaim-robot'],
  });
  withGitHub = await startServer({
    port: 0,
    repoDir: repoWithPortalEntries(),
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
  axeBrowser = await launchBrowser({ bypassCSP: true });
}, 600_000);

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  saveAxeReport();
  await (browser as Browser | undefined)?.close();
  await (axeBrowser as Browser | undefined)?.close();
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

/** « Suivant », and waits for the step `title`. */
async function nextStep(page: Page, title: string): Promise<void> {
  await page.click('#suivant');
  await page
    .locator('#etape-titre', { hasText: title })
    .waitFor({ timeout: 5000 })
    .catch(async () => {
      throw new Error(`Étape « ${title} » non atteinte : ${await page.locator('.essaim-formulaire').innerText()}`);
    });
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
    await nextStep(page, 'Où et pour qui');
    await chooseTerritory(page, 'haute-gar', 'Haute-Garonne');
    await page.fill('#root_porteur_nom', 'Association Les Minimes');
    await page.selectOption('#root_porteur_type', { label: 'Association' });
    await nextStep(page, 'Contenu');
    await page.fill('#texte', '## De quoi s’agit-il ?\n\nUne cantine ouverte **tous les midis**.\n');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await expect(page.locator('.essaim-markdown__apercu strong').innerText()).resolves.toBe('tous les midis');
    await page.getByRole('button', { name: 'Écrire' }).click();
    await nextStep(page, 'Contact');
    await page.fill('#contact-nom', 'Camille Martin');
    await page.fill('#contact-courriel', 'camille@example.org');
    await page.check('#contact-credit');
    await nextStep(page, 'Relecture');
    const review = await page.locator('.essaim-relecture').innerText();
    expect(review).toContain('Cantine solidaire des Minimes');
    expect(review).toContain('Haute-Garonne');
    await expect(page.locator('.essaim-relecture strong').innerText()).resolves.toBe('tous les midis');
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
    await nextStep(page, 'Où et pour qui');
    await chooseTerritory(page, 'national', 'National');
    await nextStep(page, 'Contenu');
    await nextStep(page, 'Contact');
    await page.fill('#contact-nom', 'Dominique');
    await page.fill('#contact-courriel', 'dominique@example.org');
    await nextStep(page, 'Relecture');
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

  it('une étape incomplète affiche le résumé de ses erreurs, en français, et amène au premier champ', async () => {
    const page = await openForm(offline.url, 'practices');
    await page.fill('#root_titre', 'ab');
    await page.click('#suivant');
    const summary = page.locator('.essaim-erreurs');
    await summary.waitFor();
    const items = await summary.locator('li').allInnerTexts();
    expect(items[0]).toBe('« Titre » est trop court (3 caractères au moins).');
    expect(items).toContain('Le champ « Résumé » est obligatoire.');
    // Only this step's fields: the territories and the contact come later.
    expect(items.join('\n')).not.toMatch(/Territoires|Indiquez votre nom/);
    await expect(page.locator('#etape-titre').innerText()).resolves.toMatch(/^Quoi/);
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
      await page.click('#suivant');
      await page.locator('.essaim-erreurs li').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.fill('#root_titre', 'Carte des frigos solidaires');
      await page.fill('#root_resume', 'Une carte participative des réfrigérateurs solidaires en accès libre.');
      await page.fill('#root_usage', 'Déposer ou prendre des denrées près de chez soi.');
      await page.fill('#root_url', 'https://frigos.example.org');
      await page.fill('#root_editeur', 'Collectif Frigos');
      await nextStep(page, 'Où et pour qui');
      await chooseTerritory(page, '75', 'Paris');
      await nextStep(page, 'Contenu');
      await nextStep(page, 'Relecture');
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

/** Presses Tab until the element matching `selector` has the focus (keyboard only). */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} jamais atteint au clavier`);
}

describe('corriger, signaler, sans GitHub ni souris', () => {
  it('depuis la page d’un financeur, changer la date limite d’un appel ouvre une pull request qui change ce champ seulement', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${withGitHub.url}/financements/ademe`);
    await page.getByRole('link', { name: 'Proposer une modification' }).click();
    await page.waitForURL(/\/contribuer\/proposer\?modifier=funders\/ademe$/);
    await page.waitForSelector('#root_titre');
    await expect(page.locator('.fr-callout').innerText()).resolves.toContain(
      'Vous proposez une modification de « ADEME (Agence de la transition écologique) »',
    );
    await expect(page.inputValue('#root_titre')).resolves.toBe('ADEME (Agence de la transition écologique)');
    await nextStep(page, 'Où et pour qui');
    await nextStep(page, 'Contenu');
    await expect(page.inputValue('#root_appels_0_cloture')).resolves.toBe('2026-03-31');
    await page.fill('#root_appels_0_cloture', '2026-04-15');
    await page.fill('#motif', 'Report annoncé sur la page de l’appel.');
    await nextStep(page, 'Contact');
    await page.fill('#contact-nom', 'Alex Durand');
    await page.fill('#contact-courriel', 'alex@example.org');
    await nextStep(page, 'Relecture');
    await expect(page.locator('.essaim-relecture').innerText()).resolves.toContain(
      'Champs modifiés : Appels à projets',
    );
    await page.waitForTimeout(1000);
    await page.click('#envoyer');
    expect(await statusOf(page)).toContain('Proposition ouverte');

    const pull = sim.pulls(OWNER, REPO).find((p) => p.title.includes('ADEME'));
    expect(pull?.body).toContain('Report annoncé sur la page de l’appel.');
    expect(pull?.body).toMatch(/Date limite.*31\/03\/2026 → 15\/04\/2026|Date limite.*2026-03-31 → 2026-04-15/);
    expect(JSON.stringify(pull)).not.toContain('alex@example.org');
    const branch = pull!.pull!.headRef;
    const gitDir = sim.repoDir(OWNER, REPO);
    expect(git(gitDir, 'diff', '--name-only', 'main', branch).trim()).toBe(FUNDER);
    const changed = git(gitDir, 'diff', '-U0', 'main', branch, '--', FUNDER)
      .split('\n')
      .filter((l) => /^[-+] /.test(l));
    expect(changed).toEqual(['-    cloture: 2026-03-31', '+    cloture: 2026-04-15']);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('« Signaler une erreur » sur la page d’une formation ouvre un ticket dans le simulateur', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${withGitHub.url}/formations/mooc-afpa-gaspillage-alimentaire`);
    await page.getByText('Signaler une erreur', { exact: true }).click();
    await page.fill('#signalement-message', 'Le lien d’inscription ne mène plus à la formation.');
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.locator('.essaim-signalement [role="status"]', { hasText: /Merci|enregistré/ }).waitFor();
    await withGitHub.deliverReports();
    const issues = sim.state.repos.get(`${OWNER}/${REPO}`)!.issues.filter((i) => i.labels.includes('signalement'));
    expect(issues).toHaveLength(1);
    expect([...issues[0]!.labels].sort()).toEqual(['formations', 'signalement']);
    expect(issues[0]!.body).toContain('/formations/mooc-afpa-gaspillage-alimentaire');
    expect(issues[0]!.body).toContain('Le lien d’inscription ne mène plus à la formation.');
    await page.close();
  }, 60_000);

  it('le brouillon survit à un rechargement, sans les coordonnées, et se supprime', async () => {
    const page = await openForm(offline.url, 'platforms');
    await page.fill('#root_titre', 'Carte des jardins partagés');
    await page.fill('#root_resume', 'Une carte des jardins partagés ouverts aux habitants.');
    await page.fill('#root_usage', 'Trouver un jardin partagé près de chez soi.');
    await page.fill('#root_url', 'https://jardins.example.org');
    await page.fill('#root_editeur', 'Collectif Jardins');
    await nextStep(page, 'Où et pour qui');
    await chooseTerritory(page, 'Bretagne', 'Bretagne');
    await page.reload();
    await page.locator('#etape-titre', { hasText: 'Où et pour qui' }).waitFor();
    await expect(page.locator('.essaim-brouillon').innerText()).resolves.toContain('a été restauré');
    await expect(page.getByLabel('Bretagne', { exact: true }).isChecked()).resolves.toBe(true);
    await nextStep(page, 'Contenu');
    await page.click('#precedent');
    await page.click('#precedent');
    await expect(page.inputValue('#root_titre')).resolves.toBe('Carte des jardins partagés');
    await page.getByRole('button', { name: 'Supprimer le brouillon' }).click();
    await expect(page.inputValue('#root_titre')).resolves.toBe('');
    await page.reload();
    await page.waitForSelector('#root_titre');
    await expect(page.inputValue('#root_titre')).resolves.toBe('');
    await expect(page.locator('.essaim-brouillon').innerText()).resolves.not.toContain('restauré');
    await page.close();
  }, 60_000);

  it('toutes les étapes au clavier seul, et axe-core ne relève rien, à aucune étape', async () => {
    const page = await axeBrowser.context.newPage();
    await page.goto(`${offline.url}/contribuer/proposer`);
    await page.waitForSelector('#collection');
    expect(await axeViolations(page, 'Formulaire de proposition, choix du type')).toEqual([]);
    await tabTo(page, '#collection');
    while ((await page.inputValue('#collection')) !== 'platforms') await page.keyboard.press('ArrowDown');
    await page.locator('#etape-titre', { hasText: 'Quoi' }).waitFor();
    const type = async (selector: string, text: string): Promise<void> => {
      await tabTo(page, selector);
      await page.keyboard.type(text);
    };
    await type('#root_titre', 'Annuaire des cantines solidaires');
    await type('#root_resume', 'Un annuaire des cantines solidaires, avec leurs horaires et leurs tarifs.');
    await type('#root_usage', 'Trouver une cantine solidaire.');
    await type('#root_url', 'https://cantines.example.org');
    await type('#root_editeur', 'Réseau des cantines');
    expect(await axeViolations(page, 'Formulaire de proposition, étape Quoi')).toEqual([]);
    await tabTo(page, '#suivant');
    await page.keyboard.press('Enter');
    await page.locator('#etape-titre', { hasText: 'Où et pour qui' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('etape-titre');
    // A commune, found by the service's search.
    await type('#root_territoires', 'Montpellier');
    await page.getByLabel('Montpellier (34)', { exact: true }).waitFor();
    await tabTo(page, '[id="root_territoires-com-34172"]');
    await page.keyboard.press('Space');
    expect(await axeViolations(page, 'Formulaire de proposition, étape Où et pour qui')).toEqual([]);
    await tabTo(page, '#suivant');
    await page.keyboard.press('Enter');
    await page.locator('#etape-titre', { hasText: 'Contenu' }).waitFor();
    expect(await axeViolations(page, 'Formulaire de proposition, étape Contenu')).toEqual([]);
    await tabTo(page, '#suivant');
    await page.keyboard.press('Enter');
    await page.locator('#etape-titre', { hasText: 'Contact' }).waitFor();
    await type('#contact-nom', 'Sacha');
    await type('#contact-courriel', 'sacha@example.org');
    expect(await axeViolations(page, 'Formulaire de proposition, étape Contact')).toEqual([]);
    await tabTo(page, '#suivant');
    await page.keyboard.press('Enter');
    await page.locator('#etape-titre', { hasText: 'Relecture' }).waitFor();
    await expect(page.locator('.essaim-relecture').innerText()).resolves.toContain('Montpellier (34)');
    expect(await axeViolations(page, 'Formulaire de proposition, étape Relecture')).toEqual([]);
    await page.waitForTimeout(1000);
    await tabTo(page, '#envoyer');
    await page.keyboard.press('Enter');
    expect(await statusOf(page)).toContain('annuaire-des-cantines-solidaires');
    expect(
      git(
        offlineRepo,
        'show',
        'formulaire/platforms/annuaire-des-cantines-solidaires:content/platforms/annuaire-des-cantines-solidaires.yaml',
      ),
    ).toContain('territoires:\n  - com-34172\n');
    expect(await axeViolations(page, 'Suivi d’une proposition')).toEqual([]);
    await page.goto(`${offline.url}/accessibilite`);
    expect(await axeViolations(page, 'Déclaration d’accessibilité')).toEqual([]);
    await page.close();
  }, 120_000);
});
