/**
 * Builds the content plugin's fixture site (test/catalog/fixture-site) once, with the real
 * Docusaurus, and reuses the build while its inputs are unchanged (hash of the fixture, the
 * plugins, the components and the theme, the core, the schemas and the installed packages).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repo } from '../helpers/tree.js';

export const fixtureSite = path.join(repo, 'test/catalog/fixture-site');
const INPUTS = [
  'test/catalog/fixture-site',
  'src/plugins',
  'src/components',
  'src/theme',
  'src/content',
  'schemas',
  'sidebars.practices.ts',
  'package.json',
  'package-lock.json',
];

function hashInputs(): string {
  const hash = crypto.createHash('sha256');
  const add = (abs: string): void => {
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) if (!name.startsWith('.')) add(path.join(abs, name));
    } else {
      hash.update(path.relative(repo, abs));
      hash.update(fs.readFileSync(abs));
    }
  };
  for (const rel of INPUTS) add(path.join(repo, rel));
  return hash.digest('hex').slice(0, 16);
}

/** The output folder of the fixture site's build (built now if needed). */
export async function buildFixtureSite(): Promise<string> {
  const out = path.join(os.tmpdir(), `essaim-catalog-site-${hashInputs()}`);
  if (fs.existsSync(path.join(out, 'index.html'))) return out;
  const tmp = `${out}.partiel-${process.pid}`;
  await promisify(execFile)(
    process.execPath,
    [path.join(repo, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', fixtureSite, '--out-dir', tmp],
    {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
  return out;
}
