// Minimal runner for the `git` command line (plumbing only).
import { spawn } from 'node:child_process';

export interface GitRunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
}

export class GitCommandError extends Error {
  override name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} a échoué (code ${exitCode ?? '?'}) : ${stderr.trim()}`);
  }
}

/** Runs `git -C dir …` and returns stdout as bytes. */
export function gitBuffer(dir: string, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', dir, ...args], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitCommandError(args, code, Buffer.concat(err).toString('utf8')));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `git -C dir …` and returns stdout as text without the final newline. */
export async function git(dir: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return (await gitBuffer(dir, args, options)).toString('utf8').replace(/\n$/, '');
}

/** The object name a ref or revision resolves to, or undefined when it does not exist. */
export async function resolveRevision(dir: string, revision: string): Promise<string | undefined> {
  try {
    return await git(dir, ['rev-parse', '--verify', '--quiet', `${revision}^{object}`]);
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
    throw error;
  }
}

/**
 * Builds a tree from `baseTree` (or an empty tree) plus the given entries, in a temporary index
 * file: neither the repository's index nor its working tree is read or written.
 * An entry with `sha: null` removes the path.
 */
export async function buildTree(
  dir: string,
  indexFile: string,
  baseTree: string | undefined,
  entries: ReadonlyArray<{ path: string; mode: string; sha: string | null }>,
): Promise<string> {
  const env = { GIT_INDEX_FILE: indexFile };
  await git(dir, baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env });
  const lines = entries.map((entry) =>
    entry.sha === null ? `0 ${'0'.repeat(40)}\t${entry.path}` : `${entry.mode} ${entry.sha}\t${entry.path}`,
  );
  if (lines.length > 0) await git(dir, ['update-index', '--index-info'], { env, input: `${lines.join('\n')}\n` });
  return git(dir, ['write-tree'], { env });
}
