import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../src/github/git.js';
import { branchName, isValidBranchName, ProposeError, resolveToken } from '../../src/github/index.js';

async function gitAccepts(name: string): Promise<boolean> {
  try {
    await git(tmpdir(), ['check-ref-format', '--branch', name]);
    return !name.startsWith('-');
  } catch {
    return false;
  }
}

describe('branchName', () => {
  it('builds essaim/<collection>/<id>', () => {
    expect(branchName('practices', 'jardin-partage')).toBe('essaim/practices/jardin-partage');
  });

  it('sanitises free text into a valid ref name', async () => {
    const samples: Array<[string, string]> = [
      ['Fiches pratiques', 'Épicerie solidaire : Lyon (69) ?'],
      ['a..b', '..x..'],
      ['x.lock', 'y~1^2'],
      ['études', '@{-1}'],
      ['-tools', 'id/with/slashes'],
    ];
    for (const [collection, id] of samples) {
      const name = branchName(collection, id);
      expect(name).toMatch(/^essaim\/[a-z0-9._-]+\/[a-z0-9._-]+$/);
      expect(await gitAccepts(name)).toBe(true);
    }
    expect(branchName('Fiches pratiques', 'Épicerie solidaire : Lyon (69) ?')).toBe(
      'essaim/fiches-pratiques/epicerie-solidaire-lyon-69',
    );
  });

  it('refuses names that leave nothing usable', () => {
    expect(() => branchName('practices', '???')).toThrow(ProposeError);
  });

  it('isValidBranchName agrees with git check-ref-format', async () => {
    const names = [
      'essaim/a/b',
      'a..b',
      'a/.b',
      'a.lock',
      'a//b',
      'a b',
      'a~b',
      'a^b',
      'a:b',
      'a?b',
      'a*b',
      'a[b',
      'a\\b',
      'a@{b',
      'a/',
      'a.',
      '/a',
      'ok.name',
      'é/ü',
      '-a',
    ];
    for (const name of names) expect([name, isValidBranchName(name)]).toEqual([name, await gitAccepts(name)]);
    // Stricter than git on purpose: `@` alone means HEAD to many git commands.
    expect(isValidBranchName('@')).toBe(false);
  });
});

describe('resolveToken', () => {
  const noGh = { ghCommand: join(tmpdir(), 'essaim-no-such-gh') };

  it('prefers GITHUB_TOKEN, then GH_TOKEN', async () => {
    expect(await resolveToken({ GITHUB_TOKEN: ' a ', GH_TOKEN: 'b' }, noGh)).toBe('a');
    expect(await resolveToken({ GITHUB_TOKEN: '', GH_TOKEN: 'b' }, noGh)).toBe('b');
  });

  it('falls back to `gh auth token`, and to undefined without gh', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'essaim-gh-'));
    try {
      const gh = join(dir, 'gh');
      await writeFile(gh, '#!/bin/sh\n[ "$1 $2" = "auth token" ] && echo gho_from_gh\n');
      await chmod(gh, 0o755);
      expect(await resolveToken({}, { ghCommand: gh })).toBe('gho_from_gh');
      const loggedOut = join(dir, 'gh-logged-out');
      await writeFile(loggedOut, '#!/bin/sh\necho "no oauth token" >&2\nexit 1\n');
      await chmod(loggedOut, 0o755);
      expect(await resolveToken({}, { ghCommand: loggedOut })).toBeUndefined();
      expect(await resolveToken({}, noGh)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
