/**
 * Only the DSFR the portal uses: every component stylesheet of the DSFR that the site loads
 * (docusaurus.config.ts, `customCss`) is used by a class of the portal's own components, pages or
 * content — a stylesheet nothing uses would be downloaded, blocking the first paint, on every page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repo } from '../helpers/tree.js';

const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(tsx?|css|mdx?)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => fs.readFileSync(path.join(repo, dir, f), 'utf8'));

test('chaque feuille de style de composant de la DSFR chargée par le site sert à une classe du portail', () => {
  const config = fs.readFileSync(path.join(repo, 'docusaurus.config.ts'), 'utf8');
  const loaded = [...config.matchAll(/@gouvfr\/dsfr\/dist\/component\/([a-z-]+)\/\1\.min\.css/g)].map((m) => m[1]!);
  expect(loaded.length).toBeGreaterThan(5);
  const text = [...sources('src'), ...sources('content')].join('\n');
  // The class of a component is its folder's name, but for the buttons (`fr-btn`).
  const prefix: Record<string, string> = { button: 'btn' };
  const unused = loaded.filter((name) => {
    const cls = `fr-${prefix[name] ?? name}`;
    return !new RegExp(`\\b${cls}(?![\\w-])|\\b${cls}(--|__)`).test(text);
  });
  expect(unused).toEqual([]);
});
