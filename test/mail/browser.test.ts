// @module-tag navigateur
/**
 * Subscribing from a catalog's filters in a real browser, then confirming from the link of the
 * message that arrived at a real SMTP server: the fixture site served by the service.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { buildFixtureSite } from '../catalog/site.js';
import { launchBrowser, type Browser } from '../site/browser.js';
import { makeRepo, tempDir } from '../server/helpers.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let service: RunningServer;
let browser: Browser;
const started: { close(): Promise<void> }[] = [];

/** A free port, so that the links of the messages can name the service before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const outDir = await buildFixtureSite();
  smtp = await startSmtp();
  started.push(smtp);
  const port = await freePort();
  service = await startServer({
    port,
    host: '127.0.0.1',
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-alertes-nav-'),
    staticDir: outDir,
    logLevel: false,
    protection: { ratePerMinute: 0, minFillMs: 0 },
    mail: { smtpUrl: smtp.url, perSecond: 1000, publicUrl: `http://127.0.0.1:${port}` },
  });
  started.push(service);
  browser = await launchBrowser();
  started.push(browser);
}, 600_000);

afterAll(async () => {
  for (const s of started.reverse()) await s.close();
});

it('s’abonner depuis les filtres d’un catalogue, puis confirmer depuis le lien reçu', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${service.url}/etudes?territoires=dep-34`);
  await page.getByRole('link', { name: 'M’alerter pour cette recherche' }).click();
  await expect.poll(() => new URL(page.url()).search).toBe('?contenus=studies&territoires=dep-34');
  await expect.poll(() => page.getByLabel('Territoire').inputValue()).toBe('dep-34');
  expect(await page.getByRole('checkbox', { name: 'Études et rapports' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Outils méthodologiques' }).isChecked()).toBe(false);

  await page.getByLabel('Adresse électronique').fill('benevole@example.org');
  await page.getByRole('button', { name: 'Créer l’alerte' }).click();
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toContain('Un message de confirmation part vers cette adresse');

  const [confirmation] = await smtp.waitFor(1);
  expect(confirmation?.subject).toBe('Confirmez votre alerte Essaim');
  const link = /http:\/\/127\.0\.0\.1:\d+\/api\/alertes\/confirmer\?jeton=\S+/.exec(confirmation?.text ?? '')?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/alertes');
  await expect.poll(() => page.locator('main').textContent()).toContain('Votre alerte est confirmée');
  await expect.poll(() => page.locator('main').textContent()).toContain('Alerte de benevole@example.org');
  await expect.poll(() => page.getByLabel('Territoire').inputValue()).toBe('dep-34');
  expect(await page.getByRole('checkbox', { name: 'Études et rapports' }).isChecked()).toBe(true);
  await page.close();
}, 120_000);
