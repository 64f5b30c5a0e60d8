import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkExternalLinks,
  ExclusionError,
  loadExclusions,
  matchExclusion,
  parseExclusions,
} from '../../src/links/external.js';
import { reply, startServer } from './servers.js';
import type { TestServer } from './servers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-exclus-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exclusion patterns', () => {
  const patterns = ['https://example.org/page', 'https://example.org/docs/*', 'linkedin.com'];

  it('matches exact addresses, prefixes and host names with their sub-domains', () => {
    expect(matchExclusion('https://example.org/page', patterns)).toBe('https://example.org/page');
    expect(matchExclusion('https://example.org/page#titre', patterns)).toBe('https://example.org/page');
    expect(matchExclusion('https://example.org/page/suite', patterns)).toBeUndefined();
    expect(matchExclusion('https://example.org/docs/guide.pdf', patterns)).toBe('https://example.org/docs/*');
    expect(matchExclusion('https://www.linkedin.com/in/quelquun', patterns)).toBe('linkedin.com');
    expect(matchExclusion('https://linkedin.com/', patterns)).toBe('linkedin.com');
    expect(matchExclusion('https://notlinkedin.com/', patterns)).toBeUndefined();
  });

  it('loads a file with comments and blank lines', async () => {
    const file = join(dir, 'liens-exclus.txt');
    await writeFile(
      file,
      '# Sites qui refusent les robots\n\nlinkedin.com\n  https://example.org/docs/*  \r\nhttps://example.org/page\n',
    );
    expect(await loadExclusions(file)).toEqual([
      'linkedin.com',
      'https://example.org/docs/*',
      'https://example.org/page',
    ]);
  });

  it('rejects an invalid line with a French error naming the file and line', async () => {
    const file = join(dir, 'liens-exclus.txt');
    await writeFile(file, '# commentaire\nexample.org\nftp://example.org/fichier\n');
    const error = await loadExclusions(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExclusionError);
    expect(error).toMatchObject({ file, line: 3 });
    expect((error as Error).message).toBe(
      `${file}:3 : motif d'exclusion invalide : « ftp://example.org/fichier » n'est ni une adresse http(s) (éventuellement terminée par *), ni un nom d'hôte comme exemple.org.`,
    );
    for (const bad of ['exemple .org', 'https://example.org/*/suite', 'https://', '*.example.org', 'exemple_org.fr']) {
      expect(() => parseExclusions(bad, 'liens-exclus.txt'), bad).toThrow(
        /^liens-exclus\.txt:1 : motif d'exclusion invalide/,
      );
    }
  });

  it('names a missing file in French', async () => {
    await expect(loadExclusions(join(dir, 'absent.txt'))).rejects.toThrow(/^Fichier d'exclusions introuvable/);
  });

  it('rejects invalid patterns passed as options', async () => {
    await expect(checkExternalLinks([], { exclusions: ['pas une adresse'] })).rejects.toThrow(
      /^Exclusion n° 1 invalide/,
    );
  });
});

describe('excluded addresses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer('127.0.0.10', { '/garde': reply(200), '/prive/a': reply(200), '/page': reply(200) });
  });
  afterAll(() => server.close());

  it('are reported as excluded and never requested', async () => {
    const links = ['/garde', '/prive/a', '/page'].map((p) => ({
      url: `${server.origin}${p}`,
      file: 'f.md',
      line: 1,
      col: 1,
    }));
    const report = await checkExternalLinks(links, {
      exclusions: [`${server.origin}/prive/*`, `${server.origin}/page`],
    });
    expect(report.results.map((r) => r.status)).toEqual(['ok', 'excluded', 'excluded']);
    expect(report.results[1]!.message).toBe(`Exclu de la vérification (motif « ${server.origin}/prive/* »)`);
    expect(server.hits.map((h) => h.path)).toEqual(['/garde']);
    expect(report.stats).toMatchObject({ urls: 1, requests: 1 });

    const byHost = await checkExternalLinks(links, { exclusions: ['127.0.0.10'] });
    expect(byHost.results.every((r) => r.status === 'excluded')).toBe(true);
    expect(byHost.stats.requests).toBe(0);
  });
});
