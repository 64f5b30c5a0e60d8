import { afterEach, expect } from 'vitest';
import { git } from '../../src/github/git.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../../src/github/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';

export const OWNER = 'cocolupa';
export const REPO = 'essaim';
export const BASE_FILES = {
  'README.md': '# Essaim\n',
  'content/practices/distribution/epicerie-mobile.md': '---\nid: epicerie-mobile\n---\nUne épicerie qui roule.\n',
};

const running: GitHubSimulator[] = [];

/** A simulator with `cocolupa/essaim` (alice can push, bob cannot); checked and closed after each test. */
export async function startSimulator(): Promise<GitHubSimulator> {
  const sim = await startGitHubSimulator({ tokens: { 'token-alice': 'alice', 'token-bob': 'bob' } });
  running.push(sim);
  await sim.createRepo({ owner: OWNER, name: REPO, files: BASE_FILES, pushers: ['alice'] });
  return sim;
}

afterEach(async () => {
  const sims = running.splice(0);
  for (const sim of sims) {
    // Every request and answer of the test followed GitHub's OpenAPI description.
    expect(sim.contractViolations).toEqual([]);
    await sim.close();
  }
});

/** A fast client for tests: no pause between writes, retry waits in tenths of the real ones. */
export function client(sim: GitHubSimulator, token: string, options: GitHubClientOptions = {}): GitHubClient {
  return createGitHubClient({
    token,
    baseUrl: sim.baseUrl,
    writeIntervalMs: 0,
    retryUnitMs: 100,
    retries: 2,
    ...options,
  });
}

/** Paths changed between two revisions of a simulated repository. */
export async function changedPaths(
  sim: GitHubSimulator,
  owner: string,
  name: string,
  from: string,
  to: string,
): Promise<string[]> {
  const out = await git(sim.repoDir(owner, name), ['diff', '--name-only', from, to]);
  return out.split('\n').filter((line) => line !== '');
}

export function countRequests(sim: GitHubSimulator, method: string, template: string): number {
  return sim.requests.filter((request) => request.method === method && request.template === template).length;
}
