import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where `content/` and `schemas/` live). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemasDir = path.join(repoRoot, 'schemas');

/** Repository-relative path with forward slashes. */
export function relPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** Absolute paths of every file under `dir`, at any depth, sorted; none when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const item of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, item.name);
      if (item.isDirectory()) walk(abs);
      else if (item.isFile()) out.push(abs);
    }
  };
  if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  return out.sort();
}
