// @module-tag navigateur
/**
 * Entry pages share their data modules (a module per group of neighbouring entries, not per entry):
 * once a reader has opened one study, opening another study downloads no more JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from '../site/in-browser.js';
import { buildFixtureSite } from './site.js';

const site = siteInBrowser(buildFixtureSite);

describe('données partagées des pages d’entrée', () => {
  it('après une étude, ouvrir une autre étude ne télécharge aucun script de plus', async () => {
    const page = await site.browser.context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${site.server.url}/etudes`, { waitUntil: 'networkidle' });
    const h1 = page.locator('main h1');
    await page.getByRole('link', { name: 'Étude dans l’Hérault' }).click();
    await expect.poll(() => h1.textContent()).toBe('Étude dans l’Hérault');
    await page.goBack();
    await expect.poll(() => h1.textContent()).toBe('Études et rapports');
    await page.waitForLoadState('networkidle');
    const before = scripts.length;
    await page.getByRole('link', { name: 'Étude à Paris' }).click();
    await expect.poll(() => h1.textContent()).toBe('Étude à Paris');
    await page.waitForLoadState('networkidle');
    expect(scripts.slice(before)).toEqual([]);
    await page.close();
  });
});
