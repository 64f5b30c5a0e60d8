import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../../src/github/git.js';
import { ProposeError, proposeLocally, type ProposeLocallyOptions } from '../../src/github/index.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.org'];

/** A repository with one commit on main, plus an unstaged edit, a staged file and an untracked file. */
async function makeRepo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-local-'));
  dirs.push(dir);
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await mkdir(join(dir, 'content', 'practices'), { recursive: true });
  await writeFile(join(dir, 'README.md'), '# Essaim\n');
  await writeFile(join(dir, 'content', 'practices', 'a.md'), 'A\n');
  await git(dir, ['add', '.']);
  await git(dir, [...IDENTITY, 'commit', '--quiet', '-m', 'Initial']);
  await writeFile(join(dir, 'README.md'), '# Essaim (modifié, non indexé)\n');
  await writeFile(join(dir, 'staged.md'), 'indexé\n');
  await git(dir, ['add', 'staged.md']);
  await writeFile(join(dir, 'untracked.md'), 'non suivi\n');
  return dir;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const hash = async (path: string): Promise<string> =>
    createHash('sha256')
      .update(await readFile(join(dir, path)))
      .digest('hex');
  return {
    status: await git(dir, ['status', '--porcelain']),
    head: await git(dir, ['rev-parse', 'HEAD']),
    headRef: await git(dir, ['symbolic-ref', 'HEAD']),
    index: await hash('.git/index'),
    readme: await readFile(join(dir, 'README.md'), 'utf8'),
    staged: await readFile(join(dir, 'staged.md'), 'utf8'),
  };
}

function options(overrides: Partial<ProposeLocallyOptions> = {}): ProposeLocallyOptions {
  return {
    base: 'main',
    branch: 'essaim/practices/jardin',
    files: [
      { path: 'content/practices/jardin.md', content: '---\nid: jardin\n---\nUn jardin partagé.\n' },
      { path: 'content/practices/a.md', content: 'A modifiée\n' },
    ],
    commitMessage: 'Propose la fiche « Jardin »',
    author: { name: 'Formulaire Essaim', email: 'formulaire@essaim.invalid' },
    ...overrides,
  };
}

describe('proposeLocally', () => {
  it('creates a branch with one commit holding the files, without touching the working tree or the index', async () => {
    const dir = await makeRepo();
    const before = await snapshot(dir);
    const result = await proposeLocally(dir, options());

    expect(result).toMatchObject({ branch: 'essaim/practices/jardin', created: true });
    expect(await git(dir, ['rev-parse', 'refs/heads/essaim/practices/jardin'])).toBe(result.commit);
    expect(await git(dir, ['rev-parse', `${result.commit}^`])).toBe(before.head);
    expect(await git(dir, ['diff', '--name-only', 'main', result.commit])).toBe(
      'content/practices/a.md\ncontent/practices/jardin.md',
    );
    expect(await git(dir, ['show', `${result.commit}:content/practices/jardin.md`])).toBe(
      '---\nid: jardin\n---\nUn jardin partagé.',
    );
    expect(await git(dir, ['log', '-1', '--format=%an <%ae>|%s', result.commit])).toBe(
      'Formulaire Essaim <formulaire@essaim.invalid>|Propose la fiche « Jardin »',
    );
    // Unstaged edits, staged files and untracked files are neither committed nor changed.
    expect(await git(dir, ['ls-tree', '-r', '--name-only', result.commit])).not.toContain('staged.md');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('is idempotent: same content keeps the commit, new content replaces it', async () => {
    const dir = await makeRepo();
    const first = await proposeLocally(dir, options());
    const again = await proposeLocally(dir, options());
    expect(again).toEqual({ branch: first.branch, commit: first.commit, created: false });

    const changed = await proposeLocally(
      dir,
      options({ files: [{ path: 'content/practices/jardin.md', content: 'v2\n' }] }),
    );
    expect(changed.created).toBe(false);
    expect(changed.commit).not.toBe(first.commit);
    expect(await git(dir, ['rev-list', '--count', `main..${changed.branch}`])).toBe('1');
    expect(await git(dir, ['diff', '--name-only', 'main', changed.branch])).toBe('content/practices/jardin.md');
  });

  it('survives 10 concurrent calls on the same repository', async () => {
    const dir = await makeRepo();
    const before = await snapshot(dir);
    const calls = Array.from({ length: 10 }, (_, i) =>
      proposeLocally(
        dir,
        options({
          branch: `essaim/practices/fiche-${i % 5}`,
          files: [{ path: `content/practices/fiche-${i % 5}.md`, content: `version ${i}\n` }],
        }),
      ),
    );
    const results = await Promise.all(calls);

    expect(results.filter((result) => result.created)).toHaveLength(5);
    for (let n = 0; n < 5; n += 1) {
      const branch = `essaim/practices/fiche-${n}`;
      expect(await git(dir, ['rev-list', '--count', `main..${branch}`])).toBe('1');
      // Calls ran one after the other: the last call for a branch wins.
      expect(await git(dir, ['show', `${branch}:content/practices/fiche-${n}.md`])).toBe(`version ${n + 5}`);
    }
    expect(await snapshot(dir)).toEqual(before);
  });

  it('works in a bare repository', async () => {
    const dir = await makeRepo();
    const bare = `${dir}-bare.git`;
    dirs.push(bare);
    await git(tmpdir(), ['clone', '--quiet', '--bare', dir, bare]);
    const result = await proposeLocally(bare, options());
    expect(await git(bare, ['rev-parse', `refs/heads/${result.branch}`])).toBe(result.commit);
  });

  it('refuses bad input with a French error and changes nothing', async () => {
    const dir = await makeRepo();
    const refsBefore = await git(dir, ['for-each-ref']);
    const checkedOut = await git(dir, ['symbolic-ref', '--short', 'HEAD']);

    await expect(proposeLocally(dir, options({ files: [{ path: '../évasion.md', content: 'x' }] }))).rejects.toThrow(
      /Chemin de fichier refusé/,
    );
    await expect(proposeLocally(dir, options({ files: [{ path: '.git/config', content: 'x' }] }))).rejects.toThrow(
      ProposeError,
    );
    await expect(proposeLocally(dir, options({ branch: 'a b' }))).rejects.toThrow(/Nom de branche invalide/);
    await expect(proposeLocally(dir, options({ base: 'absente' }))).rejects.toThrow(
      /La branche de base « absente » n’existe pas/,
    );
    await expect(proposeLocally(dir, options({ branch: checkedOut }))).rejects.toThrow(/en cours d’utilisation/);
    await expect(proposeLocally(join(dir, 'absent'), options())).rejects.toThrow(/Dépôt Git introuvable/);
    await expect(
      proposeLocally(dir, options({ files: [{ path: 'content/practices/a.md', content: 'A\n' }] })),
    ).rejects.toThrow(/^Rien à proposer/);
    expect(await git(dir, ['for-each-ref'])).toBe(refsBefore);
  });
});
