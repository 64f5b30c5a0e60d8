import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalLinks } from '../../src/links/external.js';
import type { LinkOccurrence } from '../../src/links/external.js';
import { reply, startServer } from './servers.js';
import type { TestServer } from './servers.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T08:00:00Z');

let server: TestServer;
let dir: string;
let links: LinkOccurrence[];

beforeAll(async () => {
  server = await startServer('127.0.0.9', {
    '/a': reply(200),
    '/b': reply(200),
    '/old': reply(301, { location: '/a' }),
    '/missing': reply(404),
  });
  dir = await mkdtemp(join(tmpdir(), 'essaim-liens-'));
  links = ['/a', '/b', '/old', '/missing'].map((p, i) => ({
    url: `${server.origin}${p}`,
    file: 'content/x.md',
    line: i + 1,
    col: 1,
  }));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function run(file: string, at: number) {
  server.reset();
  return checkExternalLinks(links, { cache: { file, ttlMs: 7 * DAY }, now: () => at, minIntervalMs: 0 });
}

describe('results cache', () => {
  it('reuses fresh entries without any request, and re-checks expired ones', async () => {
    const file = join(dir, 'sub', 'liens.json');
    const first = await run(file, T0);
    expect(first.stats).toMatchObject({ urls: 4, fromCache: 0 });
    expect(first.stats.requests).toBe(5); // /old is followed to /a

    const data = JSON.parse(await readFile(file, 'utf8')) as { version: number; entries: Record<string, unknown> };
    expect(data.version).toBe(1);
    expect(data.entries[`${server.origin}/old`]).toEqual({
      status: 'warning',
      ok: true,
      checkedAt: new Date(T0).toISOString(),
      httpStatus: 200,
      finalUrl: `${server.origin}/a`,
      message: `Redirection permanente vers ${server.origin}/a`,
    });
    expect(data.entries[`${server.origin}/missing`]).toMatchObject({ status: 'broken', ok: false, httpStatus: 404 });
    expect((await readdir(join(dir, 'sub'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const warm = await run(file, T0 + HOUR);
    expect(warm.stats).toMatchObject({ requests: 0, fromCache: 4 });
    expect(server.hits).toEqual([]);
    expect(warm.results.map((r) => [r.status, r.message])).toEqual(first.results.map((r) => [r.status, r.message]));

    // Two days later: the broken link is checked again, the others are still fresh.
    const later = await run(file, T0 + 2 * DAY);
    expect(later.stats).toMatchObject({ requests: 1, fromCache: 3 });
    expect(server.hits.map((h) => h.path)).toEqual(['/missing']);

    // Eight days later, everything checked at T0 has expired; /missing (checked at day 2) has too.
    const expired = await run(file, T0 + 8 * DAY);
    expect(expired.stats).toMatchObject({ requests: 5, fromCache: 0 });
  });

  it('ignores a corrupt or outdated cache file', async () => {
    const corrupt = join(dir, 'corrupt.json');
    await writeFile(corrupt, '{ pas du json');
    expect((await run(corrupt, T0)).stats).toMatchObject({ requests: 5, fromCache: 0 });
    expect((JSON.parse(await readFile(corrupt, 'utf8')) as { version: number }).version).toBe(1);

    const outdated = join(dir, 'outdated.json');
    await writeFile(
      outdated,
      JSON.stringify({
        version: 0,
        entries: { [`${server.origin}/a`]: { status: 'ok', ok: true, checkedAt: new Date(T0).toISOString() } },
      }),
    );
    expect((await run(outdated, T0)).stats.fromCache).toBe(0);
  });
});
