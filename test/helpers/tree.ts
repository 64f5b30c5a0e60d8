/**
 * Temporary repositories for tests: a fixture tree from test/fixtures/ copied into os.tmpdir(),
 * plus files written on top, and the real `essaim` binary run inside it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { listFiles, relPath } from '../../src/content/paths.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(repo, 'test/fixtures');
export const bin = path.join(repo, 'cli/bin.mjs');

/** The fixed date every test validates against. */
export const TODAY = '2026-06-15';

/** Text of a file of a fixture tree, e.g. `fixture('valide', 'content/tools/x.md')`. */
export function fixture(tree: string, rel: string): string {
  return fs.readFileSync(path.join(fixturesDir, tree, rel), 'utf8');
}

/** Replaces `from` by `to` in `text`, failing loudly when `from` is absent (so a test cannot silently pass). */
export function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit: « ${String(from)} » introuvable`);
  return out;
}

const created: string[] = [];
// Registered when a test file imports this module (its collection phase): removes the file's trees.
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Creates a temporary repository: copies `test/fixtures/<tree>` (when given), ensures `content/`
 * exists, then writes `files` (repository-relative path → text or bytes). Removed after the file's tests.
 */
export function makeTree(tree: string | undefined, files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-test-'));
  created.push(dir);
  if (tree) fs.cpSync(path.join(fixturesDir, tree), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'content'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) writeFile(dir, rel, content);
  return dir;
}

export function writeFile(root: string, rel: string, content: string | Uint8Array): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

/** Every file of a tree (relative path → bytes as base64), to prove that a command changed nothing. */
export function snapshotTree(root: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(root).map((abs) => [relPath(root, abs), fs.readFileSync(abs).toString('base64')]),
  );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node cli/bin.mjs …args` in `cwd`, never through a shell. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd,
        env: { ...process.env, ESSAIM_DEBUG: '', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** An empty temporary folder (no content/), removed after the file's tests. */
export function emptyDir(): string {
  const dir = makeTree(undefined);
  fs.rmSync(path.join(dir, 'content'), { recursive: true });
  return dir;
}
