/**
 * The files the built portal depends on: what `npm start` compares with build/ to decide whether
 * to rebuild, and what the site tests hash to reuse a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listFiles, relPath } from '../src/content/paths.js';

const FOLDERS = [
  'content',
  'schemas',
  'src',
  'static',
  'i18n',
  'practices_versioned_docs',
  'practices_versioned_sidebars',
];
const FILES = [
  'docusaurus.config.ts',
  'sidebars.practices.ts',
  'practices_versions.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
/** Folders of src/ that the site never imports (test/site/inputs.test.ts checks it), and tests. */
export const NOT_IN_SITE = ['src/server/', 'src/github/', 'src/links/', 'src/upkeep/'];
const skipped = (rel: string): boolean => NOT_IN_SITE.some((dir) => rel.startsWith(dir)) || /\.test\.tsx?$/.test(rel);

/** Repository-relative paths of the site's inputs, sorted. */
export function siteInputs(root: string): string[] {
  const out: string[] = [];
  for (const folder of FOLDERS) {
    for (const abs of listFiles(path.join(root, folder))) {
      const rel = relPath(root, abs);
      if (!skipped(rel)) out.push(rel);
    }
  }
  for (const file of FILES) if (fs.existsSync(path.join(root, file))) out.push(file);
  return out.sort();
}

/** True when build/ is missing or older than one of the site's inputs. */
export function needsBuild(root: string, buildDir = path.join(root, 'build')): boolean {
  const marker = fs.statSync(path.join(buildDir, 'index.html'), { throwIfNoEntry: false });
  if (!marker) return true;
  return siteInputs(root).some(
    (rel) => (fs.statSync(path.join(root, rel), { throwIfNoEntry: false })?.mtimeMs ?? 0) > marker.mtimeMs,
  );
}
