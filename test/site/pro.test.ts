// @module-tag navigateur
/**
 * The professionals' space in a browser, through the local OpenID provider: an actor's page shows
 * « se connecter » to a reader, its restricted part once signed in, and nothing restricted after
 * signing out — including when coming back with the browser's Back button.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { DEMO_ACCOUNTS, startDemoProvider, type DemoProvider } from '../../src/server/pro/demo-provider.js';
import { ProStore } from '../../src/server/pro/store.js';
import { tempDir } from '../server/helpers.js';
import { launchBrowser, seriousViolations, type Browser } from './browser.js';
import { builtSite, repo } from './build.js';

const ACTOR = 'federation-francaise-des-banques-alimentaires';
const CONTACT = 'Contact de test Essaim (réservé)';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let browser: Browser;
let provider: DemoProvider;
let service: RunningServer;
let dataDir: string;

beforeAll(async () => {
  const site = await builtSite();
  const port = await freePort();
  provider = await startDemoProvider(`http://127.0.0.1:${port}/api/pro/retour`);
  dataDir = tempDir('essaim-pro-navigateur-');
  service = await startServer({
    port,
    host: '127.0.0.1',
    repoDir: repo,
    dataDir,
    staticDir: site,
    noWorker: true,
    logLevel: false,
    pro: { oidc: provider.client, moderators: [DEMO_ACCOUNTS[2]!.email], sessionHours: 8 },
  });
  new ProStore(service.outbox.db).saveRestricted(
    ACTOR,
    { contacts: [{ nom: CONTACT, telephone: '01 02 03 04 05' }], besoins: { benevoles: 'Deux personnes le samedi' } },
    'test',
    Date.now(),
  );
  browser = await launchBrowser({ bypassCSP: true });
}, 600_000);

afterAll(async () => {
  await browser.close();
  await service.close();
  await provider.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an actor’s restricted part', () => {
  it('is shown only between signing in and signing out, also after Back', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${service.url}/acteurs/${ACTOR}`);
    const section = page.getByRole('region', { name: 'Informations réservées aux professionnels' });
    await expect.poll(() => section.textContent()).toContain('réservé aux professionnels');
    expect(await page.content()).not.toContain(CONTACT);
    expect(await seriousViolations(page)).toEqual([]);

    await section.getByRole('link', { name: 'se connecter' }).click();
    await page.getByText('Fournisseur d’identité de démonstration').waitFor();
    await page.getByRole('button', { name: 'Camille Professionnelle' }).click();
    await page.waitForURL(`**/acteurs/${ACTOR}`);
    await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain(CONTACT);
    expect(await section.textContent()).toContain('Connecté en tant que Camille Professionnelle');
    expect(await section.textContent()).toMatch(/Confirmées le .* \(aujourd’hui\)/);
    // A professional reads; only the structure's managers and the moderators change.
    expect(await section.getByRole('button', { name: 'Modifier ces informations' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await section.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => section.textContent()).toContain('se connecter');
    expect(await page.content()).not.toContain(CONTACT);

    // Signed in again (the provider remembers Camille: no question asked), leave the page, sign out elsewhere,
    // come back with Back: nothing restricted.
    await section.getByRole('link', { name: 'se connecter' }).click();
    await page.waitForURL(`**/acteurs/${ACTOR}`);
    await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain(CONTACT);
    await page.goto(`${service.url}/`);
    const status = await page.evaluate(async () => {
      const s = (await (await fetch('/api/pro/session')).json()) as { csrf: string };
      return (await fetch('/api/pro/deconnexion', { method: 'POST', headers: { 'x-csrf-token': s.csrf } })).status;
    });
    expect(status).toBe(200);
    await page.goBack();
    await page.waitForURL(`**/acteurs/${ACTOR}`);
    await expect.poll(() => section.textContent()).toContain('se connecter');
    expect(await page.content()).not.toContain(CONTACT);
    await page.close();
  }, 120_000);

  it('is edited and confirmed by a manager of the structure, on its page', async () => {
    const page = await browser.context.newPage();
    const section = page.getByRole('region', { name: 'Informations réservées aux professionnels' });
    /** Signs in as `name`, asked afresh by the provider. */
    const signInAs = async (name: string): Promise<void> => {
      await browser.context.clearCookies();
      await page.goto(`${service.url}/acteurs/${ACTOR}`);
      await section.getByRole('link', { name: 'se connecter' }).click();
      await page.getByRole('button', { name }).click();
      await page.waitForURL(`**/acteurs/${ACTOR}`);
      await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain(`Connecté en tant que ${name}`);
    };
    /** Signs in again, the provider remembering who. */
    const signIn = async (): Promise<void> => {
      await section.getByRole('link', { name: 'se connecter' }).click();
      await page.waitForURL(`**/acteurs/${ACTOR}`);
      await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain('Connecté en tant que Samir');
    };
    // Samir signs in once: a plain professional until a moderator links his account to the structure.
    await signInAs('Samir Gestionnaire');
    expect(await section.getByRole('button', { name: 'Modifier ces informations' }).count()).toBe(0);
    expect(await section.getByRole('form', { name: 'Relier un gestionnaire à cette structure' }).count()).toBe(0);
    await signInAs('Nadia Modératrice');
    const link = section.getByRole('form', { name: 'Relier un gestionnaire à cette structure' });
    await link.getByLabel('Courriel du compte professionnel').fill(DEMO_ACCOUNTS[1]!.email);
    await link.getByRole('button', { name: 'Relier ce gestionnaire' }).click();
    await expect
      .poll(() => section.textContent())
      .toContain(`${DEMO_ACCOUNTS[1]!.email} gère désormais cette structure.`);
    expect(await seriousViolations(page)).toEqual([]);

    await signInAs('Samir Gestionnaire');
    await section.getByRole('button', { name: 'Modifier ces informations' }).click();
    const form = section.getByRole('form', { name: 'Modifier les informations réservées' });
    expect(await form.getByLabel('Nom').inputValue()).toBe(CONTACT);
    expect(await seriousViolations(page)).toEqual([]);

    // Signed out meanwhile (another tab): the change is refused, and the form says so.
    await page.evaluate(async () => {
      const s = (await (await fetch('/api/pro/session')).json()) as { csrf: string };
      await fetch('/api/pro/deconnexion', { method: 'POST', headers: { 'x-csrf-token': s.csrf } });
    });
    await form.getByLabel('Horaires pour les partenaires').fill('Lundi 8 h – 10 h');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Connectez-vous à l’espace professionnel.');

    await page.goto(`${service.url}/acteurs/${ACTOR}`);
    await signIn();
    await section.getByRole('button', { name: 'Modifier ces informations' }).click();
    await form.getByLabel('Horaires pour les partenaires').fill('Lundi 8 h – 10 h, quai de livraison');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section.textContent()).toContain('Informations enregistrées.');
    expect(await section.textContent()).toContain('Lundi 8 h – 10 h, quai de livraison');
    expect(await section.textContent()).toContain(CONTACT);
    await page.reload();
    await expect.poll(() => section.textContent()).toContain('Lundi 8 h – 10 h, quai de livraison');

    await section.getByRole('button', { name: 'Confirmer qu’elles sont à jour' }).click();
    await expect.poll(() => section.textContent()).toContain('Informations confirmées');

    await section.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => section.textContent()).toContain('se connecter');
    expect(await page.content()).not.toContain('quai de livraison');
    await page.close();
  }, 120_000);
});
