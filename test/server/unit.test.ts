/** Small pieces of the service: backoff, GitHub's waits, the token bucket, the App's token, the config. */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { appInstallationToken, appJwt } from '../../src/server/github-app.js';
import { ALLOWED_PATH } from '../../src/server/submission.js';
import { Outbox } from '../../src/server/store.js';
import { backoffMs, retryAfterMs, Worker } from '../../src/server/worker.js';
import { tempDir } from './helpers.js';

const worker = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  concurrency: 1,
  quietMs: 200,
  maxDeferMs: 1000,
};

describe('reprises', () => {
  it('double le délai à chaque échec, plafonné, jamais plus tôt que retry-after', () => {
    const mid = (): number => 0.5;
    expect([1, 2, 3, 4, 8, 12].map((a) => backoffMs(a, worker, undefined, mid))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000,
    ]);
    expect(backoffMs(1, worker, 30_000, mid)).toBe(30_000);
    expect(backoffMs(1, worker, undefined, () => 0)).toBe(800);
    expect(backoffMs(1, worker, undefined, () => 1)).toBe(1200);
  });

  it('lit retry-after (secondes ou date) et la remise à zéro du quota, dans la chaîne des causes', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    const wrap = (headers: Record<string, string>): Error =>
      new Error('GitHub', { cause: Object.assign(new Error('http'), { response: { headers } }) });
    expect(retryAfterMs(wrap({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(wrap({ 'retry-after': 'Sat, 28 Nov 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(
      retryAfterMs(wrap({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 42) }), now),
    ).toBe(42_000);
    expect(retryAfterMs(wrap({ 'x-ratelimit-remaining': '10' }), now)).toBeUndefined();
    expect(retryAfterMs(new Error('rien'), now)).toBeUndefined();
  });
});

describe('priorité aux réponses', () => {
  afterEach(() => vi.useRealTimers());

  it('n’ouvre pas de pull request pendant une rafale de propositions, sauf après l’attente maximale', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const outbox = new Outbox(tempDir('essaim-worker-'));
    const opened: number[] = [];
    const start = Date.now();
    const w = new Worker({
      outbox,
      config: worker,
      log: { child: () => ({ info: () => undefined, warn: () => undefined, error: () => undefined }) } as never,
      propose: async (s) => {
        opened.push(Date.now() - start);
        return {
          branch: s.branch,
          prNumber: opened.length,
          prUrl: `https://example.org/${opened.length}`,
          commit: 'abc',
        };
      },
    });
    const add = (n: number): void => {
      outbox.insert({
        id: `s${n}`,
        collection: 'platforms',
        entryId: `p${n}`,
        path: `content/platforms/p${n}.yaml`,
        content: 'x',
        title: 't',
        prTitle: 't',
        prBody: 'b',
        commitMessage: 'm',
        branch: `b${n}`,
        contactName: 'C',
        contactEmail: 'c@example.org',
        credit: false,
      });
      w.arrived();
    };
    w.start();
    // An idle worker opens a lone submission right after the lull.
    await vi.advanceTimersByTimeAsync(1000);
    add(100);
    await vi.advanceTimersByTimeAsync(250);
    expect(opened).toEqual([1200]);
    opened.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    // A submission every 100 ms for 1.5 s: nothing opens during the first second (maxDeferMs)…
    for (let n = 0; n < 15; n++) {
      add(n);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(opened.length).toBeGreaterThan(0);
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(11_250 + 1000);
    // …then, once they stop, everything opens within a lull.
    const before = opened.length;
    await vi.advanceTimersByTimeAsync(250);
    expect(opened.length).toBeGreaterThan(before);
    await vi.advanceTimersByTimeAsync(2000);
    expect(opened.length).toBe(15);
    await w.stop(0);
  });
});

describe('chemins autorisés', () => {
  it('seulement content/<collection>[/<maillon>]/<id>.<ext>', () => {
    for (const ok of ['content/practices/distribution/a-b.md', 'content/platforms/x1.yaml', 'content/news/n.md'])
      expect(ALLOWED_PATH.test(ok), ok).toBe(true);
    for (const bad of [
      'content/practices/a.md',
      'content/platforms/x.md',
      'content/practices/../../.github/x.md',
      '.github/workflows/x.yaml',
      'content/studies/A.md',
      'content/studies/a/b.md',
      'content/tools/x.yaml\n',
    ]) {
      expect(ALLOWED_PATH.test(bad), bad).toBe(false);
    }
  });
});

describe('application GitHub', () => {
  it('signe un JWT RS256 vérifiable et l’échange contre un jeton d’installation, gardé en cache', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = {
      appId: '1234',
      installationId: '99',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const jwt = appJwt(app, Date.parse('2026-11-28T12:00:00Z'));
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    expect(crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual({
      iat: 1795867140,
      exp: 1795867680,
      iss: '1234',
    });

    let calls = 0;
    const server = http.createServer((req, res) => {
      calls++;
      const auth = req.headers.authorization ?? '';
      const ok =
        req.method === 'POST' && req.url === '/app/installations/99/access_tokens' && auth.startsWith('Bearer ');
      res.writeHead(ok ? 201 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? { token: 'ghs_installation', expires_at: new Date(Date.now() + 3600_000).toISOString() }
            : { message: 'Bad credentials' },
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const source = appInstallationToken(app, url);
    expect(await source.token()).toBe('ghs_installation');
    expect(await source.token()).toBe('ghs_installation');
    expect(calls).toBe(1);
    await expect(
      appInstallationToken({ ...app, installationId: '1' }, url).token(),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: GitHub refuse de délivrer un jeton d’installation à l’application (401) : vérifiez GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID et la clé privée.]`,
    );
    server.close();
  });
});

describe('configuration', () => {
  it('sans accès GitHub : branches locales ; avec un jeton : GitHub', () => {
    expect(loadConfig({}).github).toBeUndefined();
    const c = loadConfig({
      ESSAIM_REPO: 'o/r',
      ESSAIM_GITHUB_TOKEN: 'x',
      ESSAIM_GITHUB_API_URL: 'http://127.0.0.1:9/api/v3/',
      ESSAIM_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8',
      ESSAIM_ALLOWED_ORIGINS: 'https://portail.example.org/',
    });
    expect(c.github).toMatchObject({ repository: 'o/r', token: 'x', apiUrl: 'http://127.0.0.1:9/api/v3' });
    expect(c.protection.trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(c.protection.allowedOrigins).toEqual(['https://portail.example.org']);
  });

  it('refuse une configuration incohérente, en français', () => {
    expect(() => loadConfig({ ESSAIM_GITHUB_TOKEN: 'x' })).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: ESSAIM_REPO (propriétaire/dépôt) est obligatoire quand des accès GitHub sont configurés.]`,
    );
    expect(() => loadConfig({ GITHUB_APP_ID: '1' })).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: Application GitHub : GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY et GITHUB_APP_INSTALLATION_ID vont ensemble ; il en manque.]`,
    );
    expect(() => loadConfig({ PORT: 'abc' })).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: PORT doit être un nombre entier supérieur ou égal à 0 (reçu : « abc »).]`,
    );
    expect(() => loadConfig({ ESSAIM_ALLOWED_ORIGINS: 'javascript:alert(1)' })).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: ESSAIM_ALLOWED_ORIGINS : « javascript:alert(1) » n’est pas une origine (par exemple https://portail.example.org).]`,
    );
  });
});
