/**
 * The service killed with SIGKILL right after acknowledging submissions (some pull requests half
 * made on GitHub's side), then restarted on the same data directory: every acknowledged
 * submission ends as exactly one pull request — none lost, none doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { makeRepo, platform, practice, tempDir } from './helpers.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';
const children: ChildProcess[] = [];
let sim: GitHubSimulator | undefined;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.close();
});

function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/server/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ESSAIM_SERVICE_URL=(\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`le service s’est arrêté (code ${code}) : ${err}`)));
  });
}

it('tué avec SIGKILL juste après ses 202 puis relancé : exactement une pull request par proposition', async () => {
  sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
  await sim.createRepo({ owner: OWNER, name: REPO, files: { 'README.md': '# Essaim\n' }, pushers: ['essaim-robot'] });
  // Slow pull request creation: when the service dies, some pull requests exist on GitHub
  // without the service having heard of them, and some branches exist without a pull request.
  sim.injectFault({ method: 'POST', path: '/repos/{owner}/{repo}/pulls', kind: 'delay', ms: 1500, times: 4 });
  const env = {
    PORT: '0',
    ESSAIM_REPO: `${OWNER}/${REPO}`,
    ESSAIM_GITHUB_TOKEN: 'jeton-robot',
    ESSAIM_GITHUB_API_URL: sim.baseUrl,
    ESSAIM_GITHUB_WRITE_INTERVAL_MS: '0',
    ESSAIM_REPO_DIR: makeRepo(),
    ESSAIM_DATA_DIR: tempDir('essaim-donnees-'),
    ESSAIM_STATIC_DIR: '',
    ESSAIM_MIN_FILL_MS: '0',
    ESSAIM_RATE_LIMIT_PER_MINUTE: '0',
    ESSAIM_RETRY_BASE_MS: '100',
    ESSAIM_LOG_LEVEL: 'silent',
  };
  const first = await startService(env);
  const bodies = Array.from({ length: 12 }, (_, i) =>
    i % 2 === 0 ? practice(`Fiche numéro ${i}`) : platform(`Plateforme numéro ${i}`),
  );
  const answers = await Promise.all(
    bodies.map(async (b) => {
      const r = await fetch(`${first.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      expect(r.status).toBe(202);
      return (await r.json()) as { id: string };
    }),
  );
  await new Promise((r) => setTimeout(r, 400));
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const before = sim.pulls(OWNER, REPO).length;
  expect(before).toBeLessThan(bodies.length); // the kill really interrupted the work

  const second = await startService(env);
  const statuses = async (): Promise<string[]> =>
    Promise.all(
      answers.map(
        async (a) =>
          ((await (await fetch(`${second.url}/api/submissions/${a.id}`)).json()) as { statut: string }).statut,
      ),
    );
  const deadline = Date.now() + 90_000;
  while ((await statuses()).some((s) => s !== 'ouverte') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  expect(await statuses()).toEqual(answers.map(() => 'ouverte'));

  const pulls = sim.pulls(OWNER, REPO);
  expect(pulls).toHaveLength(bodies.length);
  const branches = pulls.map((p) => p.pull?.headRef);
  expect(new Set(branches).size).toBe(bodies.length);
  expect(sim.contractViolations).toEqual([]);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 180_000);
