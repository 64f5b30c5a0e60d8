/**
 * Builds the portal (its real configuration, theme and plugins) with the hostile entries of
 * test/site/hostile-site/content instead of content/: the site is copied into a temporary folder
 * (node_modules linked), built once per hash of its inputs, and reused while they do not change.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { siteInputs } from '../../scripts/site-inputs.js';
import { repo } from './build.js';

export const hostileContent = path.join(repo, 'test/site/hostile-site/content');

/** The portal's inputs without its content and editions, then the fixture's entries. */
function inputs(): { rel: string; abs: string }[] {
  const site = siteInputs(repo)
    .filter((rel) => !/^(content\/|practices_version)/.test(rel))
    .map((rel) => ({ rel, abs: path.join(repo, rel) }));
  const fixture = siteInputs(path.dirname(hostileContent))
    .filter((rel) => rel.startsWith('content/'))
    .map((rel) => ({ rel, abs: path.join(path.dirname(hostileContent), rel) }));
  return [...site, { rel: 'package.json', abs: path.join(repo, 'package.json') }, ...fixture];
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Essai',
  GIT_AUTHOR_EMAIL: 'essai@example.org',
  GIT_COMMITTER_NAME: 'Essai',
  GIT_COMMITTER_EMAIL: 'essai@example.org',
};

/** The folder of the hostile site's source (`site/`) and build (`build/`), built now if needed. */
export async function buildHostileSite(): Promise<{ siteDir: string; outDir: string }> {
  const files = inputs();
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f.rel).update('\0').update(fs.readFileSync(f.abs)).update('\0');
  const root = path.join(os.tmpdir(), 'essaim-hostile-site', hash.digest('hex').slice(0, 16));
  const siteDir = path.join(root, 'site');
  const outDir = path.join(root, 'build');
  if (fs.existsSync(path.join(outDir, 'index.html'))) return { siteDir, outDir };
  fs.rmSync(root, { recursive: true, force: true });
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(siteDir, f.rel)), { recursive: true });
    fs.copyFileSync(f.abs, path.join(siteDir, f.rel));
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(siteDir, 'node_modules'), 'dir');
  // A Git worktree, as the portal is: the sheets show their last update date from Git.
  const git = (...args: string[]) =>
    promisify(execFile)('git', args, { cwd: siteDir, env: { ...process.env, ...GIT_IDENTITY } });
  await git('init', '-q');
  await git('add', '-A', ':!node_modules');
  await git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Site hostile');
  const partial = `${outDir}.partial`;
  await promisify(execFile)(
    process.execPath,
    [path.join(repo, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', siteDir, '--out-dir', partial],
    {
      cwd: siteDir,
      maxBuffer: 64 * 1024 * 1024,
      // No Rspack persistent cache: it would be shared with the portal's own builds (see test/site/build.ts).
      env: { ...process.env, NODE_ENV: 'production', ESSAIM_CACHE_RSPACK: 'non' },
    },
  );
  fs.renameSync(partial, outDir);
  // Builds of older inputs are not reused.
  for (const old of fs.readdirSync(path.dirname(root)))
    if (old !== path.basename(root)) fs.rmSync(path.join(path.dirname(root), old), { recursive: true, force: true });
  return { siteDir, outDir };
}
