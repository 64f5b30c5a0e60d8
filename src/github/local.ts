// Without GitHub credentials, a proposal becomes a local branch: one commit on top of `base`,
// written with Git plumbing only — the repository's working tree and index are never touched.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProposeError } from './errors.js';
import { buildTree, git, GitCommandError, resolveRevision } from './git.js';
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

export interface ProposeLocallyOptions {
  /** Branch (or any revision) the change is based on. */
  base: string;
  branch: string;
  files: readonly FileChange[];
  commitMessage: string;
  author?: { name: string; email: string };
  /** As for `proposeChange`: the service's trailer line; existing branches are then never moved. */
  ownerMarker?: string;
  /** Refuses the proposal when `base` already holds an entry with this id. */
  newEntry?: NewEntry;
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
    if (!(await stat(dir).catch(() => undefined))?.isDirectory())
      throw new ProposeError(`Dépôt Git introuvable : « ${repoDir} ».`);
    return writeLocalBranch(dir, options);
  });
}

async function writeLocalBranch(dir: string, options: ProposeLocallyOptions): Promise<ProposeLocallyResult> {
  const { branch, files } = options;
  try {
    await git(dir, ['rev-parse', '--git-dir']);
  } catch {
    throw new ProposeError(`« ${dir} » n’est pas un dépôt Git.`);
  }
  const baseSha = await resolveRevision(dir, `${options.base}^{commit}`);
  if (!baseSha) throw new ProposeError(`La branche de base « ${options.base} » n’existe pas dans ${dir}.`);
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
    if (options.newEntry) {
      const paths = (await git(dir, ['ls-tree', '-r', '--name-only', baseSha, '--', options.newEntry.folder])).split(
        '\n',
      );
      const found = entryExists(paths, options.newEntry);
      if (found) throw new ProposeError(existingEntryMessage(options.newEntry, found, options.base));
    }
    let commit: string | undefined;
    for (let n = 1; n <= BRANCH_CANDIDATES; n++) {
      const name = branchCandidate(branch, n);
      const ref = `refs/heads/${name}`;
      const current = await resolveRevision(dir, `${ref}^{commit}`);
      if (current) {
        const message = await git(dir, ['log', '-1', '--format=%B', current]);
        // The service reuses only its own branch, and never moves it; `essaim propose` any branch but the service's.
        if (options.ownerMarker) {
          if (message.split('\n').includes(options.ownerMarker))
            return { branch: name, commit: current, created: false };
          continue;
        }
        if (isServiceCommit(message)) continue;
        const [currentTree, parents] = await Promise.all([
          git(dir, ['rev-parse', `${current}^{tree}`]),
          git(dir, ['rev-list', '--parents', '-n', '1', current]),
        ]);
        if (currentTree === tree && parents === `${current} ${baseSha}`)
          return { branch: name, commit: current, created: false };
      }
      const checkedOut = await git(dir, ['symbolic-ref', '--quiet', 'HEAD']).catch(() => '');
      if (checkedOut === ref) {
        throw new ProposeError(
          `La branche « ${name} » est celle en cours d’utilisation dans ${dir} : elle ne peut pas être remplacée.`,
        );
      }
      commit ??= await git(dir, ['commit-tree', tree, '-p', baseSha, '-F', '-'], { input: options.commitMessage, env });
      // Compare-and-swap (creation only when it did not exist): fails if someone else moved the branch meanwhile.
      await git(dir, ['update-ref', '-m', 'essaim: proposition', ref, commit, current ?? '0'.repeat(40)]);
      return { branch: name, commit, created: current === undefined };
    }
    throw new ProposeError(
      `Impossible de trouver un nom de branche libre pour « ${branch} » (${BRANCH_CANDIDATES} essais).`,
    );
  } catch (error) {
    if (error instanceof ProposeError) throw error;
    const detail = error instanceof GitCommandError ? error.stderr.trim() : String(error);
    throw new ProposeError(`Impossible d’écrire la branche « ${branch} » dans ${dir} : ${detail}`, { cause: error });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
