// Opens (or updates) a pull request holding one commit with the given files.
// Safe to re-run: the same branch and the same open pull request are reused, and a create call
// that failed after GitHub did the work is checked before being retried. (Once the pull request
// is closed, a re-run opens a new one from the same branch.)
import type { GitHubClient } from './client.js';
import { GitHubError, ProposeError, gitHubMessage, isHttpError, isTransient, toGitHubError } from './errors.js';
import {
  BRANCH_CANDIDATES,
  NOTHING_TO_PROPOSE,
  assertBranchName,
  assertFiles,
  branchCandidate,
  entryExists,
  existingEntryMessage,
  isServiceCommit,
  type FileChange,
  type NewEntry,
} from './names.js';

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
  /**
   * The submission service's mode: the line its commit carries (`Essaim-Soumission: <suivi>`). An
   * existing branch is then never moved: reused when its head carries this line, else a suffixed
   * name is taken; an open pull request is never rewritten. Without it (`essaim propose`), a branch
   * is updated, unless it is the service's (then a suffixed name is taken).
   */
  ownerMarker?: string;
  /** Refuses the proposal when the base branch already holds an entry with this id. */
  newEntry?: NewEntry;
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

export async function proposeChange(
  octokit: GitHubClient,
  options: ProposeChangeOptions,
): Promise<ProposeChangeResult> {
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

  const target = await step(
    `lire le dépôt ${fullName}`,
    fullName,
    async () => (await octokit.rest.repos.get({ owner, repo })).data,
  );
  const base = options.base ?? target.default_branch;
  // No `permissions` at all (GitHub App installation tokens): work in the repository itself.
  const head: Head =
    target.permissions?.push !== false
      ? { owner, repo, forked: false }
      : await step(`créer une copie (fork) de ${fullName}`, fullName, () =>
          forkRepository(octokit, owner, repo, options),
        );
  const headName = `${head.owner}/${head.repo}`;

  const baseSha = await step(`lire la branche « ${base} » de ${fullName}`, fullName, async () => {
    const sha = await refSha(octokit, owner, repo, `heads/${base}`);
    if (!sha)
      throw new GitHubError(
        `Impossible de proposer la modification : la branche « ${base} » n’existe pas dans ${fullName}.`,
      );
    return sha;
  });

  if (options.newEntry) {
    const entry = options.newEntry;
    const paths = await step(`lire la branche « ${base} » de ${fullName}`, fullName, () =>
      listFiles(octokit, owner, repo, baseSha, entry.folder),
    );
    const found = entryExists(paths, entry);
    if (found) throw new ProposeError(existingEntryMessage(entry, found, base));
  }

  const written = await step(`préparer la branche « ${branch} » dans ${headName}`, headName, () =>
    writeBranch(octokit, head, branch, baseSha, options),
  );
  const commit = written.commit;

  const { pull, created } = await step(`ouvrir la pull request sur ${fullName}`, fullName, () =>
    upsertPullRequest(octokit, { ...options, branch: written.branch }, head, base),
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

  return {
    number: pull.number,
    url: pull.html_url,
    branch: written.branch,
    headOwner: head.owner,
    created,
    forked: head.forked,
    commit,
    warnings,
  };
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

async function forkRepository(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  options: ProposeChangeOptions,
): Promise<Head> {
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

/** Every file path under `folder` at `commitSha` (repository-relative). */
async function listFiles(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  commitSha: string,
  folder: string,
): Promise<string[]> {
  let sha = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha })).data.tree.sha;
  for (const part of folder.split('/')) {
    const tree = (await octokit.rest.git.getTree({ owner, repo, tree_sha: sha })).data.tree;
    const next = tree.find((item) => item.path === part && item.type === 'tree')?.sha;
    if (!next) return [];
    sha = next;
  }
  const all = (await octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: 'true' })).data.tree;
  return all.filter((item) => item.type === 'blob').map((item) => `${folder}/${item.path}`);
}

/** Who a branch belongs to, from the message of its head commit. */
async function branchState(
  octokit: GitHubClient,
  head: Head,
  name: string,
  options: ProposeChangeOptions,
): Promise<{ sha?: string; usable: boolean }> {
  const sha = await refSha(octokit, head.owner, head.repo, `heads/${name}`);
  if (!sha) return { usable: true };
  const message = (await octokit.rest.git.getCommit({ owner: head.owner, repo: head.repo, commit_sha: sha })).data
    .message;
  // The service reuses only its own branch; `essaim propose` any branch but the service's.
  const usable = options.ownerMarker ? message.split('\n').includes(options.ownerMarker) : !isServiceCommit(message);
  return { sha, usable };
}

/**
 * Makes a branch hold one commit on top of `baseSha` with the files; returns the branch (`branch`
 * or a suffixed name, see `ownerMarker`) and its head commit.
 */
async function writeBranch(
  octokit: GitHubClient,
  head: Head,
  branch: string,
  baseSha: string,
  options: ProposeChangeOptions,
): Promise<{ branch: string; commit: string }> {
  const { owner, repo } = head;
  const baseTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha })).data.tree.sha;
  const entries = [];
  for (const file of options.files) {
    const blob = await octokit.rest.git.createBlob({ owner, repo, content: file.content, encoding: 'utf-8' });
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
  }
  const tree = (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: entries })).data.sha;
  if (tree === baseTree) throw new ProposeError(NOTHING_TO_PROPOSE);
  let commit: string | undefined;

  for (let n = 1; n <= BRANCH_CANDIDATES; n++) {
    const name = branchCandidate(branch, n);
    const state = await branchState(octokit, head, name, options);
    if (!state.usable) continue;
    const current = state.sha;
    if (current) {
      // The service never moves a branch, not even its own (a maintainer may have added commits).
      if (options.ownerMarker) return { branch: name, commit: current };
      const existing = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: current })).data;
      const sameParent = existing.parents.length === 1 && existing.parents[0]?.sha === baseSha;
      if (existing.tree.sha === tree && sameParent) return { branch: name, commit: current };
    }
    commit ??= (
      await octokit.rest.git.createCommit({ owner, repo, message: options.commitMessage, tree, parents: [baseSha] })
    ).data.sha;
    if (current) {
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${name}`, sha: commit, force: true });
      return { branch: name, commit };
    }
    if (await createRef(octokit, head, name, commit, options)) return { branch: name, commit };
    // Created meanwhile (by an earlier attempt whose answer was lost, or by someone else): look again.
    const again = await branchState(octokit, head, name, options);
    if (!again.usable || !again.sha) continue;
    if (options.ownerMarker || again.sha === commit) return { branch: name, commit: again.sha };
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${name}`, sha: commit, force: true });
    return { branch: name, commit };
  }
  throw new ProposeError(
    `Impossible de trouver un nom de branche libre pour « ${branch} » (${BRANCH_CANDIDATES} essais).`,
  );
}

/** Creates a ref; false when it already exists. Retried (after looking) when the answer was lost. */
async function createRef(
  octokit: GitHubClient,
  head: Head,
  name: string,
  commit: string,
  options: ProposeChangeOptions,
): Promise<boolean> {
  const { owner, repo } = head;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${name}`, sha: commit, request: NO_AUTO_RETRY });
      return true;
    } catch (error) {
      if (isHttpError(error) && error.status === 422 && /already exists/i.test(gitHubMessage(error))) return false;
      if (!isTransient(error) || attempt >= CREATE_ATTEMPTS) throw error;
      // The request may have been carried out: look before trying again.
      const now = await refSha(octokit, owner, repo, `heads/${name}`);
      if (now === commit) return true;
      if (now) return false;
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
    // The service never rewrites an open pull request (a maintainer may have edited it).
    if (options.ownerMarker || (pull.title === title && (pull.body ?? '') === body)) return pull;
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
