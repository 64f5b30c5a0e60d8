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
import { startDemoProvider, type DemoProvider } from '../../src/server/pro/demo-provider.js';
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
    pro: { oidc: provider.client, moderators: [], sessionHours: 8 },
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
});
