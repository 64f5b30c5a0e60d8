/**
 * The worker against the GitHub simulator when GitHub misbehaves: every accepted submission ends
 * as exactly one pull request, or — GitHub down for good — in the dead-letter with a French reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import type { WorkerConfig } from '../../src/server/config.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { makeRepo, platform, practice, tempDir } from './helpers.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';
const PULLS = '/repos/{owner}/{repo}/pulls';
const REFS = '/repos/{owner}/{repo}/git/refs';

type Service = Awaited<ReturnType<typeof createService>>;
const open: { sim: GitHubSimulator; service: Service }[] = [];

afterEach(async () => {
  for (const { sim, service } of open.splice(0)) {
    await service.close();
    expect(sim.contractViolations).toEqual([]);
    await sim.close();
  }
});

async function setup(
  worker: Partial<WorkerConfig> = {},
  requestTimeoutMs = 10_000,
): Promise<{ sim: GitHubSimulator; service: Service }> {
  const sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
  await sim.createRepo({ owner: OWNER, name: REPO, files: { 'README.md': '# Essaim\n' }, pushers: ['essaim-robot'] });
  const service = await createService({
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    logLevel: false,
    github: {
      repository: `${OWNER}/${REPO}`,
      token: 'jeton-robot',
      apiUrl: sim.baseUrl,
      writeIntervalMs: 0,
      requestTimeoutMs,
    },
    worker: { baseDelayMs: 100, maxDelayMs: 3000, maxAttempts: 6, concurrency: 2, ...worker },
    protection: { ratePerMinute: 0, minFillMs: 0 },
  });
  open.push({ sim, service });
  return { sim, service };
}

async function submit(service: Service, body: Record<string, unknown>): Promise<string> {
  const r = await service.app.inject({ method: 'POST', url: '/api/submissions', payload: body });
  expect(r.statusCode, r.body).toBe(202);
  return r.json<{ id: string }>().id;
}

async function status(service: Service, id: string): Promise<Record<string, unknown>> {
  return (await service.app.inject({ url: `/api/submissions/${id}` })).json<Record<string, unknown>>();
}

function pullsByBranch(sim: GitHubSimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of sim.pulls(OWNER, REPO)) {
    const ref = p.pull?.headRef ?? String(p.number);
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

describe('GitHub qui répond mal', () => {
  it('sans incident : une pull request étiquetée, le fichier exact sur la branche', async () => {
    const { sim, service } = await setup();
    const id = await submit(service, practice());
    await service.worker.idle();
    const s = await status(service, id);
    expect(s.statut).toBe('ouverte');
    const pulls = sim.pulls(OWNER, REPO);
    expect(pulls).toHaveLength(1);
    expect((s.pr as { url: string }).url).toMatch(/\/cocolupa\/essaim\/pull\/\d+$/);
    const row = service.outbox.get(id)!;
    expect(await sim.readFile(OWNER, REPO, row.branch, row.path)).toBe(row.content);
    const labels = [...pulls[0]!.labels].sort();
    expect(labels).toEqual(['fiches', 'via-formulaire']);
    // The token never leaves the server: no answer of the API carries it.
    for (const url of ['/api/health', `/api/submissions/${id}`, '/api/altcha/challenge', '/api/config', '/']) {
      expect((await service.app.inject({ url })).body).not.toContain('jeton-robot');
    }
    // Nothing personal in the pull request: no e-mail, no name unless asked.
    expect(JSON.stringify(pulls[0])).not.toContain('camille');
    expect(JSON.stringify(pulls[0])).not.toContain('Camille');
  });

  it('5xx après avoir fait le travail : une seule pull request', async () => {
    const { sim, service } = await setup();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 502, times: 2 });
    sim.injectFault({ method: 'POST', path: REFS, kind: 'server-error', status: 502 });
    const ids = [await submit(service, practice()), await submit(service, platform())];
    await service.worker.idle();
    for (const id of ids) expect((await status(service, id)).statut).toBe('ouverte');
    expect(sim.pulls(OWNER, REPO)).toHaveLength(2);
    expect([...pullsByBranch(sim).values()]).toEqual([1, 1]);
  });

  it('403 avec retry-after : la tentative suivante attend au moins le délai demandé', async () => {
    const { sim, service } = await setup({ baseDelayMs: 10 });
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'secondary-rate-limit', retryAfter: 2, times: 4 });
    const id = await submit(service, practice());
    await service.worker.idle();
    expect((await status(service, id)).statut).toBe('ouverte');
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.template === PULLS).map((r) => r.at);
    expect(posts.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < posts.length; i++) expect(posts[i]! - posts[i - 1]!).toBeGreaterThanOrEqual(1900);
    expect(service.outbox.get(id)!.attempts).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('délai dépassé alors que GitHub a créé la pull request : retrouvée, pas doublée', async () => {
    const { sim, service } = await setup({}, 800);
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'delay', ms: 2500 });
    const id = await submit(service, practice());
    await service.worker.idle();
    expect((await status(service, id)).statut).toBe('ouverte');
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  }, 60_000);

  it('422 « Reference already exists » : la branche existante est reprise', async () => {
    const { sim, service } = await setup();
    sim.injectFault({ method: 'POST', path: REFS, kind: 'reference-exists' });
    const id = await submit(service, practice());
    await service.worker.idle();
    expect((await status(service, id)).statut).toBe('ouverte');
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    const row = service.outbox.get(id)!;
    expect(await sim.readFile(OWNER, REPO, row.branch, row.path)).toBe(row.content);
  });

  it('GitHub durablement indisponible : file des échecs avec un message en français', async () => {
    const { sim, service } = await setup({ maxAttempts: 3, baseDelayMs: 20 });
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 503, afterWork: false, times: 1000 });
    const id = await submit(service, platform());
    await service.worker.idle();
    const s = await status(service, id);
    expect(s.statut).toBe('echec');
    expect(s.tentatives).toBe(3);
    expect(String(s.message)).toMatchInlineSnapshot(
      `"La proposition n’a pas pu être transmise. Impossible d’ouvrir la pull request sur cocolupa/essaim : GitHub est indisponible ou injoignable (503 : Service Unavailable). L’équipe du portail en a la trace et reviendra vers vous."`,
    );
    expect(sim.pulls(OWNER, REPO)).toHaveLength(0);
  }, 60_000);
});
