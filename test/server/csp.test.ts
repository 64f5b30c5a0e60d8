/** The service's Content-Security-Policy allows by hash the inline scripts that run, and only those. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, runsInline } from '../../src/server/csp.js';
import { createService } from '../../src/server/index.js';
import { makeRepo, tempDir } from './helpers.js';

const sha = (body: string): string => `sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}`;

const COLOUR = '(function(){document.documentElement.setAttribute("data-theme","light")})()';
const MODULE = 'import("/assets/js/main.js")';
const TYPED = 'window.essai=1';

function page(entry: string): string {
  return (
    `<!doctype html><html><head><script>${COLOUR}</script><script type="module">${MODULE}</script>` +
    `<script type='text/JavaScript'>${TYPED}</script><script src="/assets/js/main.js"></script>` +
    `<script type="application/ld+json">{"name":${JSON.stringify(entry)}}</script></head>` +
    `<body><script type="application/json" id="essaim-entree" data-path="/outils/${entry}">{"titre":${JSON.stringify(entry)}}</script></body></html>`
  );
}

/** A built site with `n` entry pages, each with its own data blocks. */
function site(n: number): string {
  const dir = tempDir('essaim-statique-');
  fs.writeFileSync(path.join(dir, 'index.html'), page('accueil'));
  fs.mkdirSync(path.join(dir, 'outils'));
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, 'outils', `outil-${i}.html`), page(`outil-${i}`));
  return dir;
}

describe('CSP hashes', () => {
  it('tells the script elements that run from the data blocks and external scripts', () => {
    expect(runsInline('')).toBe(true);
    expect(runsInline(' type="module"')).toBe(true);
    expect(runsInline(' type=text/javascript')).toBe(true);
    expect(runsInline(" type=' TEXT/ECMAScript '")).toBe(true);
    expect(runsInline(' type=""')).toBe(true);
    expect(runsInline(' type="application/json" id="essaim-entree"')).toBe(false);
    expect(runsInline(' type="application/ld+json"')).toBe(false);
    expect(runsInline(' type="text/plain"')).toBe(false);
    expect(runsInline(' src="/a.js"')).toBe(false);
    // Another attribute that ends with "type", or holds " type=" in its value, is not the type.
    expect(runsInline(' data-type="application/json"')).toBe(true);
    expect(runsInline(' data-path="/a type=application/json src=x"')).toBe(true);
    expect(runsInline(' type="application/json" type="module"')).toBe(false);
  });

  it('hashes only the inline scripts that run: the list does not grow with the entries', () => {
    const expected = [sha(COLOUR), sha(MODULE), sha(TYPED)].sort();
    expect(inlineScriptHashes(site(1))).toEqual(expected);
    expect(inlineScriptHashes(site(50))).toEqual(expected);
  });

  it('the service sends those hashes and no hash of a data block', async () => {
    const service = await createService({
      repoDir: makeRepo(),
      dataDir: tempDir('essaim-donnees-'),
      staticDir: site(20),
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 0 },
    });
    try {
      const r = await service.app.inject({ method: 'GET', url: '/' });
      const csp = String(r.headers['content-security-policy']);
      for (const h of [sha(COLOUR), sha(MODULE), sha(TYPED)]) expect(csp).toContain(`'${h}'`);
      expect(csp.match(/'sha256-/g)).toHaveLength(3);
    } finally {
      await service.close();
    }
  });
});
