import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where `content/` and `schemas/` live). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemasDir = path.join(repoRoot, 'schemas');

/** Repository-relative path with forward slashes. */
export function relPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
