import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalLinks } from '../../src/links/external.js';
import type { LinkOccurrence, LinkReport, LinkResult } from '../../src/links/external.js';
import { reply, startServer } from './servers.js';
import type { TestServer } from './servers.js';

let a: TestServer;
let b: TestServer;
let c: TestServer;
let closedOrigin: string;
let report: LinkReport;
let inputs: LinkOccurrence[];

const busy = Array.from({ length: 12 }, (_, i) => `/busy/${i}`);

beforeAll(async () => {
  b = await startServer('127.0.0.3', {
    '/ok': reply(200),
    '/limited': (_req, res, hit) =>
      hit === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end(),
    '/error': reply(500),
    ...Object.fromEntries(busy.map((p) => [p, reply(200, {}, 100)])),
  });
  c = await startServer('127.0.0.4', { '/hang': () => undefined });
  a = await startServer('127.0.0.2', {
    '/ok': reply(200),
    '/moved': reply(301, { location: '/moved-again' }),
    '/moved-again': reply(308, { location: '/final' }),
    '/final': reply(200),
    '/temporary': reply(302, { location: '/ok' }),
    '/see-other': reply(303, { location: '/temporary' }),
    '/to-b': reply(301, { location: `${b.origin}/ok` }),
    '/missing': reply(404),
    '/gone': reply(410),
    '/teapot': reply(418),
    '/head-refused': (req, res) => res.writeHead(req.method === 'HEAD' ? 405 : 200).end('contenu'),
    '/loop-1': reply(302, { location: '/loop-2' }),
    '/loop-2': reply(302, { location: '/loop-1' }),
    '/moved-to-missing': reply(301, { location: '/missing' }),
    ...Object.fromEntries(busy.map((p) => [p, reply(200, {}, 100)])),
  });
  const closed = await startServer('127.0.0.5', {});
  closedOrigin = closed.origin;
  await closed.close();

  const at = (url: string, line = 1): LinkOccurrence => ({ url, file: 'content/practices/exemple.md', line, col: 3 });
  inputs = [
    at(`${a.origin}/ok`),
    at(`${a.origin}/ok#section`, 2),
    at(`${a.origin}/moved`),
    at(`${a.origin}/temporary`),
    at(`${a.origin}/see-other`),
    at(`${a.origin}/to-b`),
    at(`${a.origin}/missing`),
    at(`${a.origin}/gone`, 9),
    at(`${a.origin}/gone`),
    at(`${a.origin}/teapot`),
    at(`${a.origin}/head-refused`),
    at(`${a.origin}/loop-1`),
    at(`${a.origin}/moved-to-missing`),
    at(`${b.origin}/limited`),
    at(`${b.origin}/error`),
    at(`${c.origin}/hang`),
    at(`${closedOrigin}/`),
    at('http://exemple invalide/'),
    at('mailto:contact@example.org'),
    ...busy.map((p) => at(`${a.origin}${p}`)),
    ...busy.map((p) => at(`${b.origin}${p}`)),
  ];
  report = await checkExternalLinks(inputs, {
    timeoutMs: 300,
    retries: 2,
    retryDelayMs: 10,
    minIntervalMs: 5,
  });
});

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await Promise.all(([a, b, c] as (TestServer | undefined)[]).map(async (s) => s?.close()));
});

function result(url: string, line = 1): LinkResult {
  const found = report.results.find((r) => r.url === url && r.line === line);
  if (!found) throw new Error(`pas de résultat pour ${url}`);
  return found;
}

describe('checkExternalLinks against local servers', () => {
  it('reports every place, in input order', () => {
    expect(report.results.map((r) => r.url)).toEqual(inputs.map((l) => l.url));
  });

  it('accepts a 200, and fetches an address once for all its places', () => {
    expect(result(`${a.origin}/ok`)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(result(`${a.origin}/ok#section`, 2)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(result(`${a.origin}/gone`, 9).status).toBe('broken');
    expect(a.hits.filter((h) => h.path === '/gone')).toHaveLength(1);
    expect(a.hits.filter((h) => h.path === '/ok' && h.method === 'HEAD').length).toBe(3); // direct, via /temporary, via /see-other
  });

  it('warns about a chain of permanent redirects, with the final address', () => {
    expect(result(`${a.origin}/moved`)).toMatchObject({
      status: 'warning',
      httpStatus: 200,
      finalUrl: `${a.origin}/final`,
      message: `Redirection permanente vers ${a.origin}/final`,
    });
    expect(result(`${a.origin}/to-b`)).toMatchObject({ status: 'warning', finalUrl: `${b.origin}/ok` });
  });

  it('accepts temporary redirects', () => {
    expect(result(`${a.origin}/temporary`)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(result(`${a.origin}/see-other`)).toMatchObject({ status: 'ok', httpStatus: 200 });
  });

  it('reports 404, 410 and other 4xx as broken, in French', () => {
    expect(result(`${a.origin}/missing`)).toMatchObject({
      status: 'broken',
      httpStatus: 404,
      message: 'Page introuvable (404)',
    });
    expect(result(`${a.origin}/gone`)).toMatchObject({
      status: 'broken',
      httpStatus: 410,
      message: 'Page supprimée définitivement (410)',
    });
    expect(result(`${a.origin}/teapot`)).toMatchObject({ status: 'broken', httpStatus: 418 });
    expect(result(`${a.origin}/moved-to-missing`)).toMatchObject({
      status: 'broken',
      httpStatus: 404,
      message: `Page introuvable (404) après redirection vers ${a.origin}/missing`,
    });
  });

  it('falls back to GET when HEAD is refused', () => {
    expect(result(`${a.origin}/head-refused`)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(a.hits.filter((h) => h.path === '/head-refused').map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  it('detects redirect loops', () => {
    expect(result(`${a.origin}/loop-1`)).toMatchObject({ status: 'broken' });
    expect(result(`${a.origin}/loop-1`).message).toMatch(/^Boucle de redirections/);
  });

  it('retries a 429 after the Retry-After delay', () => {
    expect(result(`${b.origin}/limited`)).toMatchObject({ status: 'ok', httpStatus: 200 });
    const times = b.hits.filter((h) => h.path === '/limited').map((h) => h.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500, then reports it broken', () => {
    expect(result(`${b.origin}/error`)).toMatchObject({
      status: 'broken',
      httpStatus: 500,
      message: 'Erreur du serveur (500) (3 tentatives)',
    });
    expect(b.hits.filter((h) => h.path === '/error')).toHaveLength(3);
  });

  it('retries a timeout, then reports it broken', () => {
    expect(result(`${c.origin}/hang`)).toMatchObject({
      status: 'broken',
      message: 'Délai dépassé (0,3 s) (3 tentatives)',
    });
    expect(c.hits).toHaveLength(3);
  });

  it('reports connection errors and invalid addresses in French, and skips other schemes', () => {
    expect(result(`${closedOrigin}/`)).toMatchObject({ status: 'broken', message: 'Connexion refusée par le serveur' });
    expect(result('http://exemple invalide/')).toMatchObject({ status: 'broken', message: 'Adresse invalide' });
    expect(result('mailto:contact@example.org').status).toBe('excluded');
  });

  it('never exceeds the per-host cap, as counted by the servers', () => {
    for (const server of [a, b, c]) expect(server.maxInFlight).toBeLessThanOrEqual(2);
    // The cap is reached, so the limit is what held the servers back.
    expect(a.maxInFlight).toBe(2);
    expect(b.maxInFlight).toBe(2);
    expect(Math.max(...Object.values(report.stats.peakPerHost))).toBe(2);
  });

  it('counts addresses and requests', () => {
    const served = [a, b, c].reduce((n, s) => n + s.hits.length, 0);
    expect(report.stats.requests).toBe(served + 1); // + the refused connection
    expect(report.stats.urls).toBe(new Set(inputs.map((l) => l.url.split('#')[0])).size - 2);
    expect(report.stats.fromCache).toBe(0);
  });
});

describe('caps', () => {
  it('holds one host to perHost: 1 and the whole run to concurrency', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/p${i}`);
    const all = { inFlight: 0, max: 0 };
    const servers = await Promise.all(
      ['127.0.0.6', '127.0.0.7', '127.0.0.8'].map((addr) =>
        startServer(addr, Object.fromEntries(paths.map((p) => [p, reply(200, {}, 50)])), all),
      ),
    );
    try {
      const links = servers.flatMap((s) =>
        paths.map((p) => ({ url: `${s.origin}${p}`, file: 'f.md', line: 1, col: 1 })),
      );
      const result = await checkExternalLinks(links, { perHost: 1, concurrency: 2, minIntervalMs: 0 });
      expect(result.results.every((r) => r.status === 'ok')).toBe(true);
      for (const s of servers) expect(s.maxInFlight).toBe(1);
      expect(all.max).toBe(2);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
