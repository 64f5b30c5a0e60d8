/**
 * `cli/bin.mjs` runs a bundle of the sources kept in node_modules/.cache/essaim-cli/: it must follow
 * every edit of the sources. Checked on a small project of its own (a copy of bin.mjs and load.mjs,
 * a `main.ts` importing a `message.ts`), so that the real cache is left alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDir, repo, writeFile } from '../helpers/tree.js';

function project(): string {
  const dir = emptyDir();
  for (const file of ['cli/bin.mjs', 'cli/load.mjs', 'tsconfig.json']) fs.cpSync(path.join(repo, file), path.join(dir, file));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  // tsx, and esbuild through it, as in the real node_modules.
  fs.symlinkSync(path.join(repo, 'node_modules/tsx'), path.join(dir, 'node_modules/tsx'));
  writeFile(dir, 'package.json', '{ "type": "module" }\n');
  writeFile(dir, 'cli/main.ts', [
    "import { message } from '../src/message.js';",
    'export async function main(argv: string[]): Promise<number> {',
    "  process.stdout.write(`${message} ${argv.join(' ')} ${new URL(import.meta.url).pathname.endsWith('/cli/main.ts')}\\n`);",
    '  return 0;',
    '}',
  ].join('\n'));
  writeFile(dir, 'src/message.ts', "export const message: string = 'premier';\n");
  return dir;
}

const run = (dir: string, env: NodeJS.ProcessEnv = {}): string => execFileSync(process.execPath, [path.join(dir, 'cli/bin.mjs'), 'a', 'b'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
const manifest = (dir: string): { repo: string; build: string; inputs: Record<string, string> } => JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.cache/essaim-cli/manifest.json'), 'utf8'));

describe('the bundle of the command line', () => {
  it('is built at the first start, with the sources’ own paths, and kept while they are unchanged', () => {
    const dir = project();
    expect(run(dir)).toBe('premier a b true\n');
    const first = manifest(dir);
    expect(first.repo).toBe(dir);
    expect(Object.keys(first.inputs)).toEqual(['cli/load.mjs', 'cli/main.ts', 'package.json', 'src/message.ts', 'tsconfig.json']);
    expect(run(dir)).toBe('premier a b true\n');
    expect(manifest(dir)).toEqual(first);
  });

  it('is rebuilt after any edit of a source, even one imported by another', () => {
    const dir = project();
    expect(run(dir)).toBe('premier a b true\n');
    const first = manifest(dir).build;
    writeFile(dir, 'src/message.ts', "export const message: string = 'second';\n");
    expect(run(dir)).toBe('second a b true\n');
    expect(manifest(dir).build).not.toBe(first);
    fs.rmSync(path.join(dir, 'src/message.ts'));
    writeFile(dir, 'cli/main.ts', "export async function main(): Promise<number> { process.stdout.write('seul\\n'); return 0; }\n");
    expect(run(dir)).toBe('seul\n');
  });

  it('is not used with ESSAIM_TSX=1: the sources run through tsx', () => {
    const dir = project();
    expect(run(dir, { ESSAIM_TSX: '1' })).toBe('premier a b true\n');
    expect(fs.existsSync(path.join(dir, 'node_modules/.cache/essaim-cli'))).toBe(false);
  });
});
