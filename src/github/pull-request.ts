// Opens (or updates) a pull request holding one commit with the given files.
// Safe to re-run: the same branch and the same open pull request are reused, and a create call
// that failed after GitHub did the work is checked before being retried. (Once the pull request
// is closed, a re-run opens a new one from the same branch.)
import type { GitHubClient } from './client.js';
import { GitHubError, ProposeError, gitHubMessage, isHttpError, isTransient, toGitHubError } from './errors.js';
import { NOTHING_TO_PROPOSE, assertBranchName, assertFiles, type FileChange } from './names.js';

export interface ProposeChangeOptions {
  /** Repository receiving the pull request. */
  owner: string;
  repo: string;
  /** Target branch; the repository's default branch when omitted. */
  base?: string;
  /** Branch holding the change (see `branchName`). */
  branch: string;
  files: readonly FileChange[];
  commitMessage: string;
  title: string;
  body?: string;
  labels?: readonly string[];
  draft?: boolean;
  /** Waits while a new fork is being created by GitHub (defaults: 2000 ms × 15). */
  forkPollIntervalMs?: number;
  forkPollAttempts?: number;
  /** Pause before retrying a create call that failed without effect (default 2000 ms). */
  retryDelayMs?: number;
}

export interface ProposeChangeResult {
  number: number;
  url: string;
  branch: string;
  /** Owner of the repository holding the branch (the fork's owner when forked). */
  headOwner: string;
  /** True when this call opened the pull request, false when it updated an open one. */
  created: boolean;
  /** True when the change went through a fork because the token cannot push to the repository. */
  forked: boolean;
  /** The commit at the head of the branch. */
  commit: string;
  /** Non-blocking problems, in French (e.g. labels that could not be added). */
  warnings: string[];
}

interface Head {
  owner: string;
  repo: string;
  forked: boolean;
}

interface PullSummary {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  labels: ReadonlyArray<{ name?: string }>;
}

/** Create calls are retried by this module (after checking what exists), never blindly. */
const CREATE_ATTEMPTS = 3;
const NO_AUTO_RETRY = { retries: 0 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function proposeChange(octokit: GitHubClient, options: ProposeChangeOptions): Promise<ProposeChangeResult> {
  assertFiles(options.files);
  assertBranchName(options.branch);
  const { owner, repo, branch } = options;
  const fullName = `${owner}/${repo}`;
  const step = async <T>(action: string, repository: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toGitHubError(error, action, repository);
    }
  };

  const target = await step(`lire le dépôt ${fullName}`, fullName, async () => (await octokit.rest.repos.get({ owner, repo })).data);
  const base = options.base ?? target.default_branch;
  // No `permissions` at all (GitHub App installation tokens): work in the repository itself.
  const head: Head =
    target.permissions?.push !== false
      ? { owner, repo, forked: false }
      : await step(`créer une copie (fork) de ${fullName}`, fullName, () => forkRepository(octokit, owner, repo, options));
  const headName = `${head.owner}/${head.repo}`;

  const baseSha = await step(`lire la branche « ${base} » de ${fullName}`, fullName, async () => {
    const sha = await refSha(octokit, owner, repo, `heads/${base}`);
    if (!sha) throw new GitHubError(`Impossible de proposer la modification : la branche « ${base} » n’existe pas dans ${fullName}.`);
    return sha;
  });

  const commit = await step(`préparer la branche « ${branch} » dans ${headName}`, headName, () =>
    writeBranch(octokit, head, branch, baseSha, options),
  );

  const { pull, created } = await step(`ouvrir la pull request sur ${fullName}`, fullName, () =>
    upsertPullRequest(octokit, options, head, base),
  );

  const warnings: string[] = [];
  const missing = (options.labels ?? []).filter((name) => !pull.labels.some((label) => label.name === name));
  if (missing.length > 0) {
    try {
      await octokit.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: missing });
    } catch (error) {
      if (!(head.forked && isHttpError(error) && (error.status === 403 || error.status === 404))) {
        throw toGitHubError(error, `ajouter les étiquettes à la pull request #${pull.number}`, fullName);
      }
      warnings.push(
        `Étiquettes non ajoutées (${missing.join(', ')}) : le jeton n’a pas le droit d’étiqueter dans ${fullName} ; ` +
          'l’équipe éditoriale les ajoutera.',
      );
    }
  }

  return { number: pull.number, url: pull.html_url, branch, headOwner: head.owner, created, forked: head.forked, commit, warnings };
}

/** Commit SHA a ref points to, or undefined when the ref does not exist. */
async function refSha(octokit: GitHubClient, owner: string, repo: string, ref: string): Promise<string | undefined> {
  try {
    return (await octokit.rest.git.getRef({ owner, repo, ref })).data.object.sha;
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  }
}

async function forkRepository(octokit: GitHubClient, owner: string, repo: string, options: ProposeChangeOptions): Promise<Head> {
  const login = (await octokit.rest.users.getAuthenticated()).data.login;
  const fork = (await octokit.rest.repos.createFork({ owner, repo, default_branch_only: true })).data;
  const forkOwner = fork.owner.login || login;
  // GitHub creates forks asynchronously: wait until the fork answers.
  const attempts = options.forkPollAttempts ?? 15;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await octokit.rest.repos.get({ owner: forkOwner, repo: fork.name });
      return { owner: forkOwner, repo: fork.name, forked: true };
    } catch (error) {
      if (!(isHttpError(error) && error.status === 404) || attempt >= attempts) {
        if (isHttpError(error) && error.status === 404) {
          throw new GitHubError(
            `Impossible de créer une copie (fork) de ${owner}/${repo} : la copie ${forkOwner}/${fork.name} n’est toujours pas disponible. Réessayez dans quelques minutes.`,
            { status: 404, cause: error },
          );
        }
        throw error;
      }
      await sleep(options.forkPollIntervalMs ?? 2000);
    }
  }
}

/** Makes `branch` hold exactly one commit on top of `baseSha` with the files; returns that commit. */
async function writeBranch(
  octokit: GitHubClient,
  head: Head,
  branch: string,
  baseSha: string,
  options: ProposeChangeOptions,
): Promise<string> {
  const { owner, repo } = head;
  const baseTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha })).data.tree.sha;
  const entries = [];
  for (const file of options.files) {
    const blob = await octokit.rest.git.createBlob({ owner, repo, content: file.content, encoding: 'utf-8' });
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
  }
  const tree = (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: entries })).data.sha;
  if (tree === baseTree) throw new ProposeError(NOTHING_TO_PROPOSE);

  const current = await refSha(octokit, owner, repo, `heads/${branch}`);
  if (current) {
    const existing = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: current })).data;
    const sameParent = existing.parents.length === 1 && existing.parents[0]?.sha === baseSha;
    if (existing.tree.sha === tree && sameParent) return current;
  }
  const commit = (
    await octokit.rest.git.createCommit({ owner, repo, message: options.commitMessage, tree, parents: [baseSha] })
  ).data.sha;

  const forceUpdate = async (): Promise<string> => {
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit, force: true });
    return commit;
  };
  if (current) return forceUpdate();
  for (let attempt = 1; ; attempt += 1) {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit, request: NO_AUTO_RETRY });
      return commit;
    } catch (error) {
      if (isHttpError(error) && error.status === 422 && /already exists/i.test(gitHubMessage(error))) return forceUpdate();
      if (!isTransient(error) || attempt >= CREATE_ATTEMPTS) throw error;
      // The request may have been carried out: look before trying again.
      const now = await refSha(octokit, owner, repo, `heads/${branch}`);
      if (now === commit) return commit;
      if (now) return forceUpdate();
      await sleep(options.retryDelayMs ?? 2000);
    }
  }
}

async function findOpenPull(
  octokit: GitHubClient,
  options: ProposeChangeOptions,
  head: Head,
  base: string,
): Promise<PullSummary | undefined> {
  const pulls = await octokit.rest.pulls.list({
    owner: options.owner,
    repo: options.repo,
    head: `${head.owner}:${options.branch}`,
    base,
    state: 'open',
    per_page: 10,
  });
  return pulls.data[0];
}

async function upsertPullRequest(
  octokit: GitHubClient,
  options: ProposeChangeOptions,
  head: Head,
  base: string,
): Promise<{ pull: PullSummary; created: boolean }> {
  const { owner, repo, title } = options;
  const body = options.body ?? '';
  const refresh = async (pull: PullSummary): Promise<PullSummary> => {
    if (pull.title === title && (pull.body ?? '') === body) return pull;
    return (await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, title, body })).data;
  };

  const existing = await findOpenPull(octokit, options, head, base);
  if (existing) return { pull: await refresh(existing), created: false };

  for (let attempt = 1; ; attempt += 1) {
    try {
      const created = await octokit.rest.pulls.create({
        owner,
        repo,
        title,
        body,
        head: `${head.owner}:${options.branch}`,
        base,
        draft: options.draft ?? false,
        ...(head.forked ? { maintainer_can_modify: true } : {}),
        request: NO_AUTO_RETRY,
      });
      return { pull: created.data, created: true };
    } catch (error) {
      const alreadyExists = isHttpError(error) && error.status === 422 && /already exists/i.test(gitHubMessage(error));
      if (!alreadyExists && (!isTransient(error) || attempt >= CREATE_ATTEMPTS)) throw error;
      // None existed before our first attempt: one found now was opened by it.
      const found = await findOpenPull(octokit, options, head, base);
      if (found) return { pull: await refresh(found), created: true };
      if (alreadyExists) throw error;
      await sleep(options.retryDelayMs ?? 2000);
    }
  }
}
