/**
 * Reading entries at a Git revision, and the list of content files that differ between two
 * revisions (or a revision and the working tree). Only the `git` command line, never a shell.
 * Paths are relative to `root` (the folder that holds `content/`), which may sit below the top of
 * the Git working tree.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from './problems.js';

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly status: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} a échoué : ${stderr.trim() || `code ${status ?? '?'}`}`);
  }
}

/** Runs `git …args` in `root` (with `input` on stdin) and returns stdout as bytes. */
export function gitBytes(root: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', [...args], {
      cwd: root,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { code?: string; status?: number | null; stderr?: Buffer };
    if (err.code === 'ENOENT')
      throw new UsageError('La commande git est introuvable : installez Git (https://git-scm.com) puis relancez.');
    throw new GitError(args, err.status ?? null, err.stderr?.toString('utf8') ?? '');
  }
}

/** Runs `git …args` in `root` and returns stdout as text, without the final newline. */
export function gitText(root: string, args: readonly string[]): string {
  return gitBytes(root, args).toString('utf8').replace(/\n$/, '');
}

/** Splits NUL-separated output (`-z`), dropping the empty tail. */
function nulList(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
}

/** Fails with a French message when `root` is not inside a Git repository. */
export function assertGitRepository(root: string): void {
  try {
    gitText(root, ['rev-parse', '--git-dir']);
  } catch (e) {
    if (e instanceof GitError)
      throw new UsageError(
        `${root} n’est pas un dépôt Git : clonez le dépôt Essaim (git clone …) avant de lancer cette commande.`,
      );
    throw e;
  }
}

/** The commit a revision points to, or undefined when it does not exist. */
export function resolveCommit(root: string, rev: string): string | undefined {
  try {
    return gitText(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) || undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** Same as `resolveCommit`, with a French usage error when the revision is unknown. */
export function requireCommit(root: string, rev: string): string {
  const sha = resolveCommit(root, rev);
  if (!sha)
    throw new UsageError(
      `Révision Git inconnue : « ${rev} ». Indiquez une branche, une étiquette ou un commit existant (git branch -a pour les lister).`,
    );
  return sha;
}

export function mergeBase(root: string, a: string, b: string): string | undefined {
  try {
    return gitText(root, ['merge-base', a, b]) || undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** Bytes of `file` at revision `rev`, or undefined when it does not exist there. */
export function showFile(root: string, rev: string, file: string): Buffer | undefined {
  try {
    return gitBytes(root, ['cat-file', 'blob', `${rev}:./${file}`]);
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/**
 * Bytes of each of `files` at revision `rev` (absent from the map when not there), read by one
 * `git cat-file --batch` rather than one process per file. A name holding a line break cannot be
 * asked on a batch line: it is read on its own.
 */
export function showFiles(root: string, rev: string, files: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const batched = files.filter((f) => !/[\r\n]/.test(f));
  for (const file of files.filter((f) => /[\r\n]/.test(f))) {
    const bytes = showFile(root, rev, file);
    if (bytes) out.set(file, bytes);
  }
  if (batched.length === 0) return out;
  const answer = gitBytes(root, ['cat-file', '--batch'], batched.map((f) => `${rev}:./${f}\n`).join(''));
  let at = 0;
  for (const file of batched) {
    const eol = answer.indexOf(0x0a, at);
    // `<oid> <type> <size>` then the bytes; or `<name> missing` alone.
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(answer.toString('utf8', at, eol));
    at = eol + 1;
    if (!found) continue;
    const end = at + Number(found[2]);
    if (found[1] === 'blob') out.set(file, answer.subarray(at, end));
    at = end + 1;
  }
  return out;
}

/** Files under `under` at revision `rev`. */
export function listFilesAt(root: string, rev: string, under = 'content/'): string[] {
  return nulList(gitBytes(root, ['ls-tree', '-r', '-z', '--name-only', rev, '--', under]));
}

export type ChangeStatus = 'A' | 'D' | 'M';

export interface ChangedFile {
  status: ChangeStatus;
  /** Path relative to `root`. */
  file: string;
}

/**
 * Files under `under` that differ between `base` and `head` (a revision, or the working tree when
 * undefined; untracked files then count as added). Renames are reported as a deletion and an
 * addition: callers pair them by entry id.
 */
export function changedFiles(root: string, base: string, head?: string, under = 'content/'): ChangedFile[] {
  const args = [
    'diff',
    '--name-status',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--relative',
    base,
    ...(head ? [head] : []),
    '--',
    under,
  ];
  const parts = nulList(gitBytes(root, args));
  const out = new Map<string, ChangedFile>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const letter = parts[i]!.charAt(0);
    const file = parts[i + 1]!;
    // T (type change) and other letters are treated as modifications.
    out.set(file, { status: letter === 'A' ? 'A' : letter === 'D' ? 'D' : 'M', file });
  }
  if (!head) {
    for (const file of untrackedFiles(root, under)) if (!out.has(file)) out.set(file, { status: 'A', file });
  }
  return [...out.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/** Untracked, not ignored files under `under`, relative to `root`. */
export function untrackedFiles(root: string, under = 'content/'): string[] {
  return nulList(gitBytes(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', under]));
}

/** The top folder of the working tree. */
export function topLevel(root: string): string {
  return gitText(root, ['rev-parse', '--show-toplevel']);
}

/** The default branch of `origin` as Git knows it (`origin/HEAD`), e.g. `main`; undefined when unknown. */
export function remoteDefaultBranch(root: string, remote = 'origin'): string | undefined {
  try {
    const ref = gitText(root, ['symbolic-ref', '--quiet', '--short', `refs/remotes/${remote}/HEAD`]);
    return ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** URL of a remote, or undefined when there is no such remote. */
export function remoteUrl(root: string, remote = 'origin'): string | undefined {
  try {
    return gitText(root, ['remote', 'get-url', remote]) || undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}
