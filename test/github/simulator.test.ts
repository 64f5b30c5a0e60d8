// The simulator itself: real Git underneath, GitHub's contract enforced, GitHub-like behaviour.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../src/github/git.js';
import { sharedContract } from '../github-simulator/contract.js';
import { BASE_FILES, OWNER, REPO, client, startSimulator } from './helpers.js';

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;

describe('GitHub simulator', () => {
  it('keeps real Git repositories that can be cloned', async () => {
    const sim = await startSimulator();
    const dir = await mkdtemp(join(tmpdir(), 'essaim-clone-'));
    try {
      await git(dir, ['clone', '--quiet', sim.repoDir(OWNER, REPO), 'work']);
      expect(await readFile(join(dir, 'work', 'README.md'), 'utf8')).toBe(BASE_FILES['README.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 500 and records a violation when a request breaks GitHub’s contract', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice', { retries: 0 });
    const createRef: string = 'POST /repos/{owner}/{repo}/git/refs';
    const missingSha = await octokit
      .request(createRef, { owner: OWNER, repo: REPO, ref: 'refs/heads/x' })
      .catch((error: unknown) => error);
    expect(statusOf(missingSha)).toBe(500);
    const unknownQuery = await octokit
      .request('GET /repos/{owner}/{repo}/pulls', { owner: OWNER, repo: REPO, colour: 'blue' })
      .catch((error: unknown) => error);
    expect(statusOf(unknownQuery)).toBe(500);
    const unknownRoute = await octokit
      .request('GET /repos/{owner}/{repo}/no-such-thing', { owner: OWNER, repo: REPO })
      .catch((error: unknown) => error);
    expect(statusOf(unknownRoute)).toBe(500);

    const errors = sim.contractViolations.splice(0).map((violation) => violation.errors.join(' '));
    expect(errors).toEqual([
      expect.stringContaining("must have required property 'sha'"),
      expect.stringContaining('paramètre de requête inconnu « colour »'),
      expect.stringContaining('aucune opération de ce nom'),
    ]);
  });

  it('checks response bodies against the response schemas', async () => {
    const sim = await startSimulator();
    const contract = sharedContract();
    const matched = contract.match('GET', `/repos/${OWNER}/${REPO}`);
    if (!matched) throw new Error('route attendue');
    const { data } = await client(sim, 'token-alice').rest.repos.get({ owner: OWNER, repo: REPO });
    const body = JSON.parse(JSON.stringify(data)) as Record<string, never>;
    expect(contract.checkResponse(matched, 200, body)).toEqual([]);
    const { default_branch: _dropped, ...broken } = body;
    expect(contract.checkResponse(matched, 200, broken).join()).toContain(
      "must have required property 'default_branch'",
    );
    expect(contract.checkResponse(matched, 200, { ...body, description: 42 }).join()).toContain('description');
  });

  it('authenticates tokens and reflects push rights', async () => {
    const sim = await startSimulator();
    const alice = client(sim, 'token-alice');
    const bob = client(sim, 'token-bob');
    expect((await alice.rest.users.getAuthenticated()).data.login).toBe('alice');
    expect((await alice.rest.repos.get({ owner: OWNER, repo: REPO })).data.permissions?.push).toBe(true);
    expect((await bob.rest.repos.get({ owner: OWNER, repo: REPO })).data.permissions).toMatchObject({
      push: false,
      pull: true,
    });
    const write = await bob.rest.git
      .createBlob({ owner: OWNER, repo: REPO, content: 'x' })
      .catch((error: unknown) => error);
    expect(statusOf(write)).toBe(403);
    const badToken = await client(sim, 'nope')
      .rest.repos.get({ owner: OWNER, repo: REPO })
      .catch((error: unknown) => error);
    expect(statusOf(badToken)).toBe(401);
    const anonymous = await client(sim, '')
      .rest.issues.create({ owner: OWNER, repo: REPO, title: 'x' })
      .catch((error: unknown) => error);
    expect(statusOf(anonymous)).toBe(401);
  });

  it('creates forks asynchronously, sharing the parent’s objects', async () => {
    const sim = await startSimulator();
    const bob = client(sim, 'token-bob');
    const fork = (await bob.rest.repos.createFork({ owner: OWNER, repo: REPO })).data;
    expect(fork).toMatchObject({ full_name: `bob/${REPO}`, fork: true, parent: { full_name: `${OWNER}/${REPO}` } });
    expect(statusOf(await bob.rest.repos.get({ owner: 'bob', repo: REPO }).catch((error: unknown) => error))).toBe(404);
    expect((await bob.rest.repos.get({ owner: 'bob', repo: REPO })).data.permissions?.push).toBe(true);
    expect((await bob.rest.repos.createFork({ owner: OWNER, repo: REPO })).data.full_name).toBe(`bob/${REPO}`);
    expect(await sim.listFiles('bob', REPO, 'main')).toEqual(Object.keys(BASE_FILES).sort());
  });

  it('serves refs, trees and contents from Git', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice');
    const main = (await octokit.rest.git.getRef({ owner: OWNER, repo: REPO, ref: 'heads/main' })).data.object.sha;
    expect(main).toBe(await git(sim.repoDir(OWNER, REPO), ['rev-parse', 'main']));
    const matching = await octokit.rest.git.listMatchingRefs({ owner: OWNER, repo: REPO, ref: 'heads/ma' });
    expect(matching.data.map((ref) => ref.ref)).toEqual(['refs/heads/main']);
    const tree = await octokit.rest.git.getTree({ owner: OWNER, repo: REPO, tree_sha: main, recursive: 'true' });
    expect(tree.data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path)).toEqual(
      Object.keys(BASE_FILES).sort(),
    );
    const file = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: 'README.md' });
    if (Array.isArray(file.data) || file.data.type !== 'file') throw new Error('fichier attendu');
    expect(Buffer.from(file.data.content, 'base64').toString('utf8')).toBe(BASE_FILES['README.md']);
    const folder = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: 'content/practices' });
    expect(Array.isArray(folder.data) ? folder.data.map((entry) => [entry.type, entry.name]) : []).toEqual([
      ['dir', 'distribution'],
    ]);
    const ff = await octokit.rest.git
      .updateRef({
        owner: OWNER,
        repo: REPO,
        ref: 'heads/main',
        sha: (await octokit.rest.git.getCommit({ owner: OWNER, repo: REPO, commit_sha: main })).data.tree.sha,
      })
      .catch((error: unknown) => error);
    expect(statusOf(ff)).toBe(422);
  });

  it('keeps an upkeep issue up to date (issues, labels, comments, pagination)', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice');
    const issue = (
      await octokit.rest.issues.create({
        owner: OWNER,
        repo: REPO,
        title: 'Entretien',
        body: 'v1',
        labels: ['entretien'],
      })
    ).data;
    await octokit.rest.issues.create({ owner: OWNER, repo: REPO, title: 'Autre' });
    const found = await octokit.rest.issues.listForRepo({
      owner: OWNER,
      repo: REPO,
      labels: 'entretien',
      state: 'open',
    });
    expect(found.data.map((item) => item.number)).toEqual([issue.number]);
    await octokit.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: issue.number, body: 'v2' });
    expect(sim.state.repos.get(`${OWNER}/${REPO}`)?.issues[0]?.body).toBe('v2');

    const comment = (
      await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: issue.number, body: 'Rapport' })
    ).data;
    await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: comment.id,
      body: 'Rapport mis à jour',
    });
    const comments = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: issue.number });
    expect(comments.data.map((item) => item.body)).toEqual(['Rapport mis à jour']);

    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await octokit.rest.issues.createLabel({ owner: OWNER, repo: REPO, name });
    const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
      owner: OWNER,
      repo: REPO,
      per_page: 2,
    });
    expect(labels.map((label) => label.name)).toEqual(['entretien', 'a', 'b', 'c', 'd', 'e']);
    expect(
      sim.requests.filter((request) => request.template === '/repos/{owner}/{repo}/labels' && request.method === 'GET'),
    ).toHaveLength(3);
  });

  it('applies faults to matching requests only, as many times as asked', async () => {
    const sim = await startSimulator();
    const octokit = client(sim, 'token-alice', { retries: 0 });
    sim.injectFault({
      method: 'GET',
      path: /\/labels$/,
      kind: 'server-error',
      status: 502,
      afterWork: false,
      skip: 1,
      times: 2,
    });
    const statuses: Array<number | undefined> = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        await octokit.rest.issues
          .listLabelsForRepo({ owner: OWNER, repo: REPO })
          .then((response) => response.status, statusOf),
      );
    }
    expect(statuses).toEqual([200, 502, 502, 200]);
    expect(sim.faults[0]).toMatchObject({ seen: 4, hits: 2 });
  });
});
