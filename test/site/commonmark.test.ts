/**
 * Validation and build agree: the 652 examples of the CommonMark spec are written as practice-sheet
 * bodies, every one that `validate` accepts goes into a small fixture site (several examples per
 * sheet, each grouped sheet validated again as it is built), and the site is built with the real
 * configuration. Any build error fails the test.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCollection } from '../../src/content/collections.js';
import { parseEntry } from '../../src/content/parse.js';
import { resolve, schemaAt } from '../../src/content/schemas.js';
import { validateEntry, validateRepository } from '../../src/content/validate.js';
import { line } from '../helpers/check.js';
import { fixture, fixturesDir, TODAY } from '../helpers/tree.js';
import { repo } from './build.js';

const examples = (createRequire(import.meta.url)('commonmark-spec') as { tests: { markdown: string }[] }).tests;
const practices = findCollection('fiche')!;
const SHEET = fixture('valide', 'content/practices/distribution/epicerie-solidaire-mobile.md');
const PER_SHEET = 25;

// Built inside a `"type": "module"` folder, as the portal is.
const parent = path.join(os.tmpdir(), 'essaim-site');
fs.mkdirSync(parent, { recursive: true });
fs.writeFileSync(path.join(parent, 'package.json'), '{ "type": "module", "private": true }\n');
const site = fs.mkdtempSync(path.join(parent, 'commonmark-'));
afterAll(() => fs.rmSync(site, { recursive: true, force: true }));

/** The fixture site: the `valide` tree's content and static files, the portal's code and configuration. */
function makeSite(): void {
  fs.cpSync(path.join(fixturesDir, 'valide'), site, { recursive: true });
  fs.cpSync(path.join(repo, 'static'), path.join(site, 'static'), { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(site, 'node_modules'));
  // One sheet in every maillon: the home page links to each maillon's page.
  const maillons = resolve(schemaAt(practices, ['maillons', 0])!).enum ?? [];
  for (const m of maillons) {
    const id = `fiche-${m}`;
    fs.mkdirSync(path.join(site, `content/practices/${m}`), { recursive: true });
    fs.writeFileSync(
      path.join(site, `content/practices/${m}/${id}.md`),
      SHEET.replace(/^id: .*$/m, `id: ${id}`).replace(/^maillons:\n(?: {2}- .*\n)+/m, `maillons:\n  - ${m}\n`),
    );
  }
  // Copied, not linked: the configuration finds the site from its own location, and the pages of
  // src/pages are known by their path inside the site.
  for (const name of [
    'src',
    'schemas',
    'docusaurus.config.ts',
    'sidebars.practices.ts',
    'tsconfig.json',
    'package.json',
  ])
    fs.cpSync(path.join(repo, name), path.join(site, name), { recursive: true });
}

const sheetText = (id: string, body: string): string =>
  SHEET.replace(/^id: .*$/m, `id: ${id}`).replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}\n`);
const sheetFile = (id: string): string => `content/practices/distribution/${id}.md`;
const problemsOf = (id: string, body: string): string[] =>
  validateEntry(parseEntry(practices, sheetFile(id), sheetText(id, body)), site, { today: TODAY }).map(line);

function build(): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'docusaurus', 'build', site, '--out-dir', path.join(site, 'build')], {
      cwd: site,
      env: {
        ...process.env,
        DOCUSAURUS_GENERATED_FILES_DIR_NAME: path.join(site, '.docusaurus'),
        ESSAIM_CACHE_RSPACK: 'non',
      },
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, log }));
  });
}

describe('CommonMark spec examples as sheet bodies', () => {
  it('builds every example that validation accepts', { timeout: 30 * 60_000 }, async () => {
    makeSite();
    const accepted = examples.map((e) => e.markdown).filter((md, i) => problemsOf(`spec-${i}`, md).length === 0);
    // Most examples are ordinary Markdown; those with missing pages and images, relative links… are refused.
    expect(accepted.length).toBeGreaterThan(400);
    expect(accepted.length).toBeLessThan(examples.length);

    // Grouped into sheets; a grouped body is validated again (examples can interact, e.g. through
    // link definitions), and an example that would make it refused starts the next sheet.
    const sheets: string[][] = [[]];
    for (const md of accepted) {
      const current = sheets.at(-1)!;
      const id = `spec-groupe-${sheets.length}`;
      if (current.length < PER_SHEET && problemsOf(id, [...current, md].join('\n\n')).length === 0) current.push(md);
      else sheets.push([md]);
    }
    sheets.forEach((group, i) =>
      fs.writeFileSync(
        path.join(site, sheetFile(`spec-groupe-${i + 1}`)),
        sheetText(`spec-groupe-${i + 1}`, group.join('\n\n')),
      ),
    );
    expect(validateRepository(site, undefined, { today: TODAY }).problems.map(line)).toEqual([]);
    expect(sheets.length).toBeLessThan(60);

    // The sheets show their last update date, read from Git.
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=essaim', '-c', 'user.email=essaim@example.org', ...args], {
        cwd: site,
        stdio: 'ignore',
      });
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'site de test');
    const { code, log } = await build();
    expect(code, log.split('\n').slice(-80).join('\n')).toBe(0);
  });
});
