import { describe, expect, it } from 'vitest';
import { git } from '../../src/github/git.js';
import { GitHubError, ProposeError, proposeChange, type ProposeChangeOptions } from '../../src/github/index.js';
import { startGitHubSimulator } from '../github-simulator/index.js';
import { BASE_FILES, OWNER, REPO, changedPaths, client, countRequests, startSimulator } from './helpers.js';

const BRANCH = 'essaim/practices/jardin-partage';
const PULLS = '/repos/{owner}/{repo}/pulls';
const REFS = '/repos/{owner}/{repo}/git/refs';

function change(overrides: Partial<ProposeChangeOptions> = {}): ProposeChangeOptions {
  return {
    owner: OWNER,
    repo: REPO,
    branch: BRANCH,
    files: [
      {
        path: 'content/practices/approvisionnement/jardin-partage.md',
        content: '---\nid: jardin-partage\n---\nUn jardin.\n',
      },
      { path: 'content/studies/barometre-2024.md', content: '---\nid: barometre-2024\n---\nÉtude.\n' },
    ],
    commitMessage: 'Propose la fiche « Jardin partagé »',
    title: 'Nouvelle fiche : Jardin partagé',
    body: 'Proposée avec `essaim propose`.',
    labels: ['fiche pratique', 'contribution'],
    forkPollIntervalMs: 20,
    retryDelayMs: 20,
    ...overrides,
  };
}

describe('proposeChange', () => {
  it('opens a pull request whose branch holds exactly the given files, on top of the base', async () => {
    const sim = await startSimulator();
    const result = await proposeChange(client(sim, 'token-alice'), change({ draft: true }));

    expect(result).toMatchObject({
      number: 1,
      branch: BRANCH,
      headOwner: OWNER,
      created: true,
      forked: false,
      warnings: [],
    });
    expect(result.url).toBe(`${sim.webUrl}/${OWNER}/${REPO}/pull/1`);
    const dir = sim.repoDir(OWNER, REPO);
    expect(await changedPaths(sim, OWNER, REPO, 'main', BRANCH)).toEqual(
      change()
        .files.map((file) => file.path)
        .sort(),
    );
    for (const file of change().files) expect(await sim.readFile(OWNER, REPO, BRANCH, file.path)).toBe(file.content);
    expect(await sim.readFile(OWNER, REPO, BRANCH, 'README.md')).toBe(BASE_FILES['README.md']);
    expect(await git(dir, ['rev-list', '--count', `main..${BRANCH}`])).toBe('1');
    expect(await git(dir, ['rev-parse', BRANCH])).toBe(result.commit);
    expect(await git(dir, ['log', '-1', '--format=%s', BRANCH])).toBe('Propose la fiche « Jardin partagé »');

    const [pull] = sim.pulls(OWNER, REPO);
    expect(pull).toMatchObject({
      number: 1,
      title: 'Nouvelle fiche : Jardin partagé',
      body: 'Proposée avec `essaim propose`.',
      state: 'open',
      user: 'alice',
      labels: ['fiche pratique', 'contribution'],
      pull: { headRepo: `${OWNER}/${REPO}`, headRef: BRANCH, baseRef: 'main', draft: true },
    });
    // Writes are sequential and the main branch is untouched.
    expect(await sim.listFiles(OWNER, REPO, 'main')).toEqual(Object.keys(BASE_FILES).sort());
  });

  it('re-running updates the same branch and the same pull request', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice');
    const first = await proposeChange(octokit, change());
    const updatedFiles = [{ path: 'content/practices/approvisionnement/jardin-partage.md', content: 'Version 2\n' }];
    const second = await proposeChange(
      octokit,
      change({ files: updatedFiles, title: 'Fiche : Jardin partagé (v2)', body: 'Corrigée.' }),
    );

    expect(second).toMatchObject({ number: first.number, created: false, forked: false });
    expect(second.commit).not.toBe(first.commit);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    expect(sim.pulls(OWNER, REPO)[0]).toMatchObject({ title: 'Fiche : Jardin partagé (v2)', body: 'Corrigée.' });
    // The branch now holds the new content only: still one commit on top of main.
    expect(await changedPaths(sim, OWNER, REPO, 'main', BRANCH)).toEqual([updatedFiles[0]?.path]);
    expect(await sim.readFile(OWNER, REPO, BRANCH, updatedFiles[0]?.path ?? '')).toBe('Version 2\n');
    expect(await git(sim.repoDir(OWNER, REPO), ['rev-list', '--count', `main..${BRANCH}`])).toBe('1');

    // Same content again: nothing is rewritten.
    const patchesBefore = countRequests(sim, 'PATCH', '/repos/{owner}/{repo}/git/refs/{ref}');
    const third = await proposeChange(
      octokit,
      change({ files: updatedFiles, title: 'Fiche : Jardin partagé (v2)', body: 'Corrigée.' }),
    );
    expect(third).toMatchObject({ number: first.number, created: false, commit: second.commit });
    expect(countRequests(sim, 'PATCH', '/repos/{owner}/{repo}/git/refs/{ref}')).toBe(patchesBefore);
    expect(countRequests(sim, 'POST', PULLS)).toBe(1);
  });

  it('a 502 after the pull request was created leaves exactly one pull request', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 502 });
    const result = await proposeChange(client(sim, 'token-alice'), change());

    expect(result).toMatchObject({ number: 1, created: true });
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    // The create call was not blindly retried: the existing pull request was looked up.
    expect(countRequests(sim, 'POST', PULLS)).toBe(1);
    expect(sim.pulls(OWNER, REPO)[0]?.labels).toEqual(['fiche pratique', 'contribution']);
  });

  it('a 502 after the branch was created leaves one branch with the right content', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: REFS, kind: 'server-error', status: 502 });
    const result = await proposeChange(client(sim, 'token-alice'), change());

    expect(countRequests(sim, 'POST', REFS)).toBe(1);
    expect(await git(sim.repoDir(OWNER, REPO), ['rev-parse', BRANCH])).toBe(result.commit);
    expect(await changedPaths(sim, OWNER, REPO, 'main', BRANCH)).toHaveLength(2);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });

  it('a 503 before any work is retried once the lookup finds nothing', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 503, afterWork: false });
    sim.injectFault({ method: 'POST', path: REFS, kind: 'server-error', status: 503, afterWork: false });
    const result = await proposeChange(client(sim, 'token-alice'), change());

    expect(result).toMatchObject({ number: 1, created: true });
    expect(countRequests(sim, 'POST', PULLS)).toBe(2);
    expect(countRequests(sim, 'POST', REFS)).toBe(2);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });

  it('waits for retry-after on a secondary rate limit, then goes on', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'secondary-rate-limit', retryAfter: 1 });
    const result = await proposeChange(client(sim, 'token-alice', { retryUnitMs: 1000 }), change());

    expect(result.created).toBe(true);
    const attempts = sim.requests.filter((request) => request.method === 'POST' && request.template === PULLS);
    expect(attempts.map((request) => request.status)).toEqual([403, 201]);
    const [limited, accepted] = attempts;
    expect((accepted?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });

  it('waits for the reset of the primary rate limit', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'GET', path: '/repos/{owner}/{repo}', kind: 'rate-limit', resetInSeconds: 1 });
    const result = await proposeChange(client(sim, 'token-alice'), change());
    expect(result.created).toBe(true);
    expect(sim.requests[0]).toMatchObject({ status: 403, fault: 'rate-limit' });
  });

  it('"Reference already exists" on a stale branch: the branch is updated to the new commit', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: REFS, kind: 'reference-exists' });
    const result = await proposeChange(client(sim, 'token-alice'), change());

    expect(sim.requests.find((request) => request.method === 'POST' && request.template === REFS)?.status).toBe(422);
    expect(await git(sim.repoDir(OWNER, REPO), ['rev-parse', BRANCH])).toBe(result.commit);
    expect(await changedPaths(sim, OWNER, REPO, 'main', BRANCH)).toHaveLength(2);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });

  it('a pull request created while the client timed out is found, not duplicated', async () => {
    const sim = await startSimulator();
    // A first proposal warms the simulator up, so that only the injected delays are slow.
    await proposeChange(client(sim, 'token-alice'), change({ branch: 'essaim/warm-up' }));
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'delay', ms: 4000 });
    sim.injectFault({ method: 'GET', path: '/repos/{owner}/{repo}/git/ref/{ref}', kind: 'delay', ms: 4000 });
    const result = await proposeChange(client(sim, 'token-alice', { requestTimeoutMs: 1500 }), change());

    expect(result).toMatchObject({ number: 2, created: true });
    expect(sim.pulls(OWNER, REPO)).toHaveLength(2);
    expect(countRequests(sim, 'POST', PULLS)).toBe(2);
    // The slow GET was retried by the client.
    expect(sim.requests.filter((request) => request.fault === 'delay')).toHaveLength(2);
  });

  it('GitHub down for good: a clear French error, no pull request; a later re-run opens exactly one', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 503, afterWork: false, times: 3 });
    const octokit = client(sim, 'token-alice');
    const error = await proposeChange(octokit, change()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(
      /^Impossible d’ouvrir la pull request sur cocolupa\/essaim : GitHub est indisponible/,
    );
    expect((error as GitHubError).status).toBe(503);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(0);

    const result = await proposeChange(octokit, change());
    expect(result).toMatchObject({ number: 1, created: true });
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });

  it('a bad token gives a French error without any write', async () => {
    const sim = await startSimulator();
    const error = await proposeChange(client(sim, 'not-a-token'), change()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toContain('GitHub refuse le jeton');
    expect(sim.requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('an unknown repository or base branch gives a French error', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice');
    await expect(proposeChange(octokit, change({ repo: 'absent' }))).rejects.toThrow(
      /cocolupa\/absent est introuvable/,
    );
    await expect(proposeChange(octokit, change({ base: 'develop' }))).rejects.toThrow(
      /la branche « develop » n’existe pas/,
    );
  });

  it('a long rate limit is reported in French instead of waited for', async () => {
    const sim = await startSimulator();
    sim.injectFault({ method: 'GET', path: '/repos/{owner}/{repo}', kind: 'rate-limit', resetInSeconds: 3600 });
    const error = await proposeChange(client(sim, 'token-alice'), change()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(/GitHub limite temporairement le nombre de requêtes/);
    expect(sim.requests).toHaveLength(1);
  });

  it('files identical to the base are refused: no branch, no pull request', async () => {
    const sim = await startSimulator();
    const same = [{ path: 'README.md', content: BASE_FILES['README.md'] }];
    const error = await proposeChange(client(sim, 'token-alice'), change({ files: same })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProposeError);
    expect(error).not.toBeInstanceOf(GitHubError);
    expect((error as ProposeError).message).toMatch(/^Rien à proposer/);
    expect(countRequests(sim, 'POST', REFS)).toBe(0);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(0);
  });

  it('bad input is refused before any request', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice');
    await expect(proposeChange(octokit, change({ files: [{ path: '../secret', content: 'x' }] }))).rejects.toThrow(
      /Chemin de fichier refusé/,
    );
    await expect(proposeChange(octokit, change({ branch: 'bad..name' }))).rejects.toThrow(/Nom de branche invalide/);
    expect(sim.requests).toHaveLength(0);
  });

  it('with a GitHub App installation token (no permissions shown), works in the repository itself', async () => {
    const sim = await startGitHubSimulator({ installationTokens: { ghs_app: 'essaim-app[bot]' } });
    await sim.createRepo({ owner: OWNER, name: REPO, files: BASE_FILES, pushers: ['essaim-app[bot]'] });
    try {
      const result = await proposeChange(client(sim, 'ghs_app'), change());
      expect(result).toMatchObject({ number: 1, headOwner: OWNER, forked: false, created: true, warnings: [] });
      expect(sim.pulls(OWNER, REPO)[0]).toMatchObject({
        user: 'essaim-app[bot]',
        labels: ['fiche pratique', 'contribution'],
      });
      expect(sim.requests.some((request) => request.path === '/user' || request.template?.endsWith('/forks'))).toBe(
        false,
      );
      expect(sim.contractViolations).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('without push rights, works from a fork and opens the pull request from login:branch', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-bob');
    const result = await proposeChange(octokit, change());

    expect(result).toMatchObject({ number: 1, headOwner: 'bob', forked: true, created: true });
    expect(result.warnings).toEqual([
      expect.stringContaining('Étiquettes non ajoutées (fiche pratique, contribution)'),
    ]);
    const listed = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO, head: `bob:${BRANCH}` });
    expect(listed.data.map((pull) => pull.head.label)).toEqual([`bob:${BRANCH}`]);
    expect(sim.pulls(OWNER, REPO)[0]?.pull).toMatchObject({ headRepo: `bob/${REPO}`, maintainerCanModify: true });
    // The branch lives in the fork only, with the given files.
    expect(await sim.readFile('bob', REPO, BRANCH, change().files[0]?.path ?? '')).toBe(change().files[0]?.content);
    await expect(git(sim.repoDir(OWNER, REPO), ['rev-parse', '--verify', `refs/heads/${BRANCH}`])).rejects.toThrow();
    // The fork was not ready at once: its first GET answered 404.
    expect(sim.requests.find((request) => request.path === `/repos/bob/${REPO}`)?.status).toBe(404);

    const again = await proposeChange(octokit, change({ title: 'Titre revu' }));
    expect(again).toMatchObject({ number: 1, created: false, forked: true });
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    expect([...sim.state.repos.keys()].filter((name) => name.startsWith('bob/'))).toEqual([`bob/${REPO}`]);
    expect(countRequests(sim, 'POST', '/repos/{owner}/{repo}/forks')).toBe(2);
  });
});
