/**
 * `essaim` runs from any checkout: moved or renamed after a first run, or sharing its node_modules
 * with another checkout. Checked on copies of the command's own files (cli/, src/, schemas/), with a
 * valid content/ and node_modules linked to the repository's.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDir, fixturesDir, repo, TODAY, type CliResult } from '../helpers/tree.js';

function checkout(dir: string): string {
  for (const item of ['cli', 'src', 'schemas', 'package.json', 'tsconfig.json'])
    fs.cpSync(path.join(repo, item), path.join(dir, item), { recursive: true });
  for (const item of ['content', 'static'])
    fs.cpSync(path.join(fixturesDir, 'valide', item), path.join(dir, item), { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `node <checkout>/cli/bin.mjs validate`, run from the checkout. */
function validate(dir: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(dir, 'cli/bin.mjs'), 'validate', '--today', TODAY],
      { cwd: dir, timeout: 60_000, env: { ...process.env, ESSAIM_CACHE_DIR: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const OK = { code: 0, stdout: '✔ 9 fichiers vérifiés, aucun problème.\n', stderr: '' };

describe('a checkout', () => {
  it('still runs essaim validate after being moved', async () => {
    const parent = emptyDir();
    const first = checkout(path.join(parent, 'essaim'));
    expect(await validate(first)).toEqual(OK);
    const moved = path.join(parent, 'essaim-renomme');
    fs.renameSync(first, moved);
    expect(await validate(moved)).toEqual(OK);
  });

  it('shares its node_modules with another checkout, each running its own sources', async () => {
    const a = checkout(path.join(emptyDir(), 'a'));
    const b = checkout(path.join(emptyDir(), 'b'));
    // b's sources say something else: the command must run them, not a's.
    const main = path.join(b, 'cli/main.ts');
    fs.writeFileSync(
      main,
      fs.readFileSync(main, 'utf8').replace('io.err(`Erreur : ${e.message}`)', 'io.err(`Erreur (b) : ${e.message}`)'),
    );
    expect(await validate(a)).toEqual(OK);
    expect(await validate(b)).toEqual(OK);
    fs.rmSync(path.join(a, 'content'), { recursive: true });
    fs.rmSync(path.join(b, 'content'), { recursive: true });
    expect((await validate(a)).stderr).toMatch(/^Erreur : Aucun dossier content\//);
    expect((await validate(b)).stderr).toMatch(/^Erreur \(b\) : Aucun dossier content\//);
  });
});
