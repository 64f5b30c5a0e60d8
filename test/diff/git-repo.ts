/**
 * Temporary Git repositories for the diff and propose tests: a fixture tree committed on `main`,
 * then edits committed (or left in the working tree) on top.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';
import { makeTree } from '../helpers/tree.js';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).replace(/\n$/, '');
}

/** `git init` in `dir` with a fixed identity, then everything committed on `main`. */
export function initRepo(dir: string, message = 'Contenu de départ'): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test Essaim');
  git(dir, 'config', 'user.email', 'test@essaim.example.org');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return commitAll(dir, message);
}

/** A temporary repository holding the fixture tree `tree` (and `files`), committed on `main`. */
export function makeRepo(tree: string | undefined, files: Record<string, string> = {}): string {
  const dir = makeTree(tree, files);
  initRepo(dir);
  return dir;
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

export function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process (`main`) with `cwd` and `env`, capturing what it prints. */
export async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, interactive: false, env };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
