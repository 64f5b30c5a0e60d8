/**
 * One build of the real portal shared by every browser test (site, catalogs, form): built once
 * into os.tmpdir()/essaim-site/<hash>, keyed by a hash of the site's inputs (scripts/site-inputs.ts), and reused while
 * they do not change — across test files, forks and runs. Concurrent callers wait for the build in
 * progress (one lock file for all builds) instead of starting another one.
 *
 *   const dir = await builtSite();           // path of the built site
 *   const site = await serveStatic(dir);      // test/site/serve.ts
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteInputs } from '../../scripts/site-inputs.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Hash of the site's inputs (paths and contents). */
export function inputsHash(root = repo): string {
  const hash = crypto.createHash('sha256');
  for (const rel of siteInputs(root)) {
    hash.update(rel).update('\0');
    hash.update(fs.readFileSync(path.join(root, rel))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runBuild(outDir: string, logFile: string, hash: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn('npx', ['--no-install', 'docusaurus', 'build', '--out-dir', outDir], {
      cwd: repo,
      stdio: ['ignore', log, log],
      // Own generated-files folder: never races with `npm run dev` or another build in .docusaurus/.
      // No Rspack persistent cache: it outlives the generated-files folders it points to.
      env: {
        ...process.env,
        DOCUSAURUS_GENERATED_FILES_DIR_NAME: `node_modules/.cache/essaim-site-test/${hash}`,
        ESSAIM_CACHE_RSPACK: 'non',
      },
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `La construction du site a échoué (code ${code}) :\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n')}`,
          ),
        );
    });
  });
}

/** Keeps the few most recent builds (and their generated files), removes older ones. */
function pruneOldBuilds(parent: string, current: string, keep = 3): void {
  const builds = fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{16}$/.test(d.name) && d.name !== current)
    .map((d) => ({ name: d.name, mtime: fs.statSync(path.join(parent, d.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(keep - 1)) {
    fs.rmSync(path.join(parent, old.name), { recursive: true, force: true });
    fs.rmSync(path.join(parent, `${old.name}.log`), { force: true });
    fs.rmSync(path.join(repo, 'node_modules/.cache/essaim-site-test', old.name), { recursive: true, force: true });
  }
}

/**
 * The built site for the current inputs; builds it (about 1 minute) when no build of these inputs
 * exists. `ESSAIM_SITE_BUILD=<dir>` uses an existing build instead.
 */
export async function builtSite(): Promise<string> {
  if (process.env.ESSAIM_SITE_BUILD) return process.env.ESSAIM_SITE_BUILD;
  const hash = inputsHash();
  // Built inside a `"type": "module"` folder, as `npm run build` builds inside the repository.
  const parent = path.join(os.tmpdir(), 'essaim-site');
  fs.mkdirSync(parent, { recursive: true });
  fs.writeFileSync(path.join(parent, 'package.json'), '{ "type": "module", "private": true }\n');
  const dir = path.join(parent, hash);
  const done = path.join(dir, '.essaim-build-complete');
  // One build at a time on this machine, whatever the inputs: builds are long and memory-hungry.
  const lock = path.join(parent, 'build.lock');
  for (;;) {
    if (fs.existsSync(done)) return dir;
    let fd: number | undefined;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      let pid = 0;
      try {
        pid = Number(fs.readFileSync(lock, 'utf8') || '0');
      } catch {
        continue; // released meanwhile
      }
      if (pid && !alive(pid)) fs.rmSync(lock, { force: true });
      else await sleep(1000);
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      if (fs.existsSync(done)) return dir;
      const partial = `${dir}.partial`;
      fs.rmSync(partial, { recursive: true, force: true });
      await runBuild(partial, `${dir}.log`, hash);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(partial, dir);
      fs.writeFileSync(done, new Date().toISOString());
      pruneOldBuilds(parent, hash);
      return dir;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}
