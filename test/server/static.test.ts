/** The service serves the built portal like a good static host: precompressed files, long cache for hashed assets. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress.js';
import { createService } from '../../src/server/index.js';
import { makeRepo, tempDir } from './helpers.js';

const SCRIPT = `console.log(${JSON.stringify('fiche pratique '.repeat(200))});\n`;
const PAGE = `<!doctype html><html lang="fr"><head><script src="/assets/js/main.1a2b3c4d.js"></script></head><body>${'<p>Épicerie solidaire</p>'.repeat(100)}</body></html>`;

/** A built site as Docusaurus writes it, then precompressed as `npm run build` does. */
async function builtSite(): Promise<string> {
  const dir = tempDir('essaim-statique-');
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('assets/js/main.1a2b3c4d.js', SCRIPT);
  write('index.html', PAGE);
  write('fiches.html', PAGE);
  write('fiches/maillon/distribution.html', PAGE);
  write('img/petit.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await precompress(dir);
  return dir;
}

describe('static files served by the service', () => {
  let service: Awaited<ReturnType<typeof createService>>;
  let dir: string;
  beforeAll(async () => {
    dir = await builtSite();
    service = await createService({
      repoDir: makeRepo(),
      dataDir: tempDir('essaim-donnees-'),
      staticDir: dir,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 0 },
    });
  });
  afterAll(() => service.close());

  it('writes Brotli and gzip copies next to the files worth compressing, not next to tiny ones', () => {
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'assets/js/main.1a2b3c4d.js.br'))).toString()).toBe(
      SCRIPT,
    );
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'fiches.html.gz'))).toString()).toBe(PAGE);
    expect(fs.existsSync(path.join(dir, 'img/petit.svg.br'))).toBe(false);
  });

  it('answers a hashed asset in Brotli, immutable for a year', async () => {
    const r = await service.app.inject({
      url: '/assets/js/main.1a2b3c4d.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toBe(SCRIPT);
  });

  it('answers gzip to a client without Brotli, and the plain file to a client without compression', async () => {
    const gz = await service.app.inject({ url: '/assets/js/main.1a2b3c4d.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await service.app.inject({ url: '/assets/js/main.1a2b3c4d.js', headers: { 'accept-encoding': '' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers pages (with or without .html in the address) compressed, to be revalidated each time', async () => {
    for (const url of ['/', '/fiches', '/fiches/maillon/distribution']) {
      const r = await service.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect([url, r.statusCode, r.headers['content-encoding'], r.headers['cache-control']]).toEqual([
        url,
        200,
        'br',
        'no-cache',
      ]);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toBe(PAGE);
    }
  });

  it('never serves the compressed copies as pages of their own', async () => {
    const r = await service.app.inject({ url: '/fiches.html.br' });
    expect(r.statusCode).toBe(404);
  });
});
