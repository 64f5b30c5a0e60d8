// Without GitHub credentials, a proposal becomes a local branch: one commit on top of `base`,
// written with Git plumbing only — the repository's working tree and index are never touched.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProposeError } from './errors.js';
import { buildTree, git, GitCommandError, resolveRevision } from './git.js';
import { NOTHING_TO_PROPOSE, assertBranchName, assertFiles, type FileChange } from './names.js';

export interface ProposeLocallyOptions {
  /** Branch (or any revision) the change is based on. */
  base: string;
  branch: string;
  files: readonly FileChange[];
  commitMessage: string;
  author?: { name: string; email: string };
}

export interface ProposeLocallyResult {
  branch: string;
  commit: string;
  /** True when the branch did not exist before. */
  created: boolean;
}

const DEFAULT_AUTHOR = { name: 'Essaim', email: 'essaim@localhost' };
const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call on the same repository has finished. */
async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => undefined);
  locks.set(key, settled);
  try {
    return await run;
  } finally {
    if (locks.get(key) === settled) locks.delete(key);
  }
}

export async function proposeLocally(repoDir: string, options: ProposeLocallyOptions): Promise<ProposeLocallyResult> {
  assertFiles(options.files);
  assertBranchName(options.branch);
  // Queued synchronously, so calls run in the order they were made. (Two spellings of the same
  // path get two queues; the compare-and-swap in writeLocalBranch still prevents lost updates.)
  const dir = resolve(repoDir);
  return serialized(dir, async () => {
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new ProposeError(`Dépôt Git introuvable : « ${repoDir} ».`);
    return writeLocalBranch(dir, options);
  });
}

async function writeLocalBranch(dir: string, options: ProposeLocallyOptions): Promise<ProposeLocallyResult> {
  const { branch, files } = options;
  const ref = `refs/heads/${branch}`;
  try {
    await git(dir, ['rev-parse', '--git-dir']);
  } catch {
    throw new ProposeError(`« ${dir} » n’est pas un dépôt Git.`);
  }
  const baseSha = await resolveRevision(dir, `${options.base}^{commit}`);
  if (!baseSha) throw new ProposeError(`La branche de base « ${options.base} » n’existe pas dans ${dir}.`);
  const checkedOut = await git(dir, ['symbolic-ref', '--quiet', 'HEAD']).catch(() => '');
  if (checkedOut === ref) {
    throw new ProposeError(`La branche « ${branch} » est celle en cours d’utilisation dans ${dir} : elle ne peut pas être remplacée.`);
  }

  const author = options.author ?? DEFAULT_AUTHOR;
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const temp = await mkdtemp(join(tmpdir(), 'essaim-index-'));
  try {
    const entries = [];
    for (const file of files) {
      const sha = await git(dir, ['hash-object', '-w', '--stdin'], { input: file.content });
      entries.push({ path: file.path, mode: '100644', sha });
    }
    const tree = await buildTree(dir, join(temp, 'index'), baseSha, entries);
    if (tree === (await git(dir, ['rev-parse', `${baseSha}^{tree}`]))) throw new ProposeError(NOTHING_TO_PROPOSE);
    const current = await resolveRevision(dir, ref);
    if (current) {
      const [currentTree, parents] = await Promise.all([
        git(dir, ['rev-parse', `${current}^{tree}`]),
        git(dir, ['rev-list', '--parents', '-n', '1', current]),
      ]);
      if (currentTree === tree && parents === `${current} ${baseSha}`) return { branch, commit: current, created: false };
    }
    const commit = await git(dir, ['commit-tree', tree, '-p', baseSha, '-F', '-'], { input: options.commitMessage, env });
    // Compare-and-swap: fails if someone else moved the branch meanwhile.
    await git(dir, ['update-ref', '-m', 'essaim: proposition', ref, commit, current ?? '0'.repeat(40)]);
    return { branch, commit, created: current === undefined };
  } catch (error) {
    if (error instanceof ProposeError) throw error;
    const detail = error instanceof GitCommandError ? error.stderr.trim() : String(error);
    throw new ProposeError(`Impossible d’écrire la branche « ${branch} » dans ${dir} : ${detail}`, { cause: error });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
