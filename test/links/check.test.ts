import { describe, expect, it } from 'vitest';
import { checkExternalLinks } from '../../src/links/external.js';
import { parseRetryAfter } from '../../src/links/check.js';
import type { FetchLike } from '../../src/links/types.js';

/** A fake fetch answering from a table; records what was asked. */
function fakeFetch(answer: (url: string, method: string) => Response | Error) {
  const calls: string[] = [];
  const impl: FetchLike = async (url, init) => {
    calls.push(`${init.method} ${url}`);
    const result = answer(url, init.method ?? 'GET');
    if (result instanceof Error) throw result;
    return result;
  };
  return { impl, calls };
}

function networkError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

const at = (url: string) => [{ url, file: 'f.md', line: 1, col: 1 }];

describe('checkUrl details', () => {
  it('falls back to GET when HEAD gets a reset connection', async () => {
    const { impl, calls } = fakeFetch((_url, method) =>
      method === 'HEAD' ? networkError('ECONNRESET') : new Response('ok'),
    );
    const report = await checkExternalLinks(at('https://reset.example/'), { fetchImpl: impl });
    expect(report.results[0]).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(calls).toEqual(['HEAD https://reset.example/', 'GET https://reset.example/']);
  });

  it('reports an unknown domain in French, without retrying', async () => {
    const { impl, calls } = fakeFetch(() => networkError('ENOTFOUND'));
    const report = await checkExternalLinks(at('https://inconnu.example/'), { fetchImpl: impl });
    expect(report.results[0]).toMatchObject({
      status: 'broken',
      message: 'Nom de domaine introuvable (inconnu.example)',
    });
    expect(calls).toHaveLength(1);
  });

  it('stops after 10 redirects', async () => {
    const { impl, calls } = fakeFetch((url) => {
      const n = Number(new URL(url).pathname.slice(1));
      return new Response(null, { status: 302, headers: { location: `/${n + 1}` } });
    });
    const report = await checkExternalLinks(at('https://loin.example/0'), { fetchImpl: impl, minIntervalMs: 0 });
    expect(report.results[0]).toMatchObject({ status: 'broken', message: 'Trop de redirections (plus de 10)' });
    expect(calls).toHaveLength(11);
  });

  it('caps a long Retry-After', async () => {
    let n = 0;
    const { impl } = fakeFetch(() =>
      n++ === 0 ? new Response(null, { status: 503, headers: { 'retry-after': '3600' } }) : new Response('ok'),
    );
    const report = await checkExternalLinks(at('https://occupe.example/'), { fetchImpl: impl, maxRetryAfterMs: 20 });
    expect(report.results[0]).toMatchObject({ status: 'ok' });
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('bientôt', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
