/**
 * The sites the benchmarks build: seeded, valid generated content (reused by bench/build.ts and
 * bench/pages.ts), a copy of the portal holding it, a plain Docusaurus docs site with as many
 * pages and the same texts (the reference), a Docusaurus site with the portal's routes and nothing
 * else (the floor), and a measured `docusaurus build`.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { allCollections, type Collection, type CollectionName } from '../src/content/collections.js';
import { repoRoot } from '../src/content/paths.js';
import { resolve, schemaAt, territoryParents, type JsonSchema } from '../src/content/schemas.js';
import { serializeEntry } from '../src/content/serialize.js';
import { todayIso } from '../src/content/validate.js';

// ---------------------------------------------------------------------------------------------
// Content generation (seeded, valid against the schemas and rules).

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** French words of the real content and documents, most frequent first (Zipf-like sampling). */
function vocabulary(): string[] {
  const counts = new Map<string, number>();
  const add = (text: string): void => {
    for (const w of text.toLowerCase().split(/[^\p{L}’-]+/u))
      if (w.length > 2 && !w.includes('’') && !w.startsWith('-') && !w.endsWith('-'))
        counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  const walk = (dir: string): void => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, item.name);
      if (item.isDirectory()) walk(abs);
      else if (/\.(md|yaml|json)$/.test(item.name)) add(fs.readFileSync(abs, 'utf8').replace(/https?:\S+/g, ''));
    }
  };
  for (const dir of ['content', 'docs']) if (fs.existsSync(path.join(repoRoot, dir))) walk(path.join(repoRoot, dir));
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

class Writer {
  private next: () => number;
  constructor(
    private words: string[],
    seed: number,
  ) {
    this.next = random(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  some<T>(list: readonly T[], max: number): T[] {
    return [...new Set(Array.from({ length: 1 + this.int(max) }, () => this.pick(list)))];
  }
  /** A word, with Zipf's law as in natural language: the word of rank r comes with frequency ∝ 1/r. */
  word(): string {
    return this.words[
      Math.min(this.words.length - 1, Math.floor(Math.exp(this.next() * Math.log(this.words.length + 1))) - 1)
    ]!;
  }
  words_(n: number): string {
    return Array.from({ length: n }, () => this.word()).join(' ');
  }
  sentence(n: number): string {
    const s = this.words_(n);
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  }
  title(): string {
    const s = this.words_(4 + this.int(6));
    return `${s[0]!.toUpperCase()}${s.slice(1)}`.slice(0, 150);
  }
  summary(): string {
    let s = `${this.sentence(12 + this.int(12))} ${this.sentence(8 + this.int(10))}`;
    if (s.length > 290) s = `${s.slice(0, 289).trimEnd()}.`;
    return s;
  }
  body(): string {
    const parts: string[] = [];
    for (let i = 0; i < 3; i++)
      parts.push(
        `## ${this.title()}`,
        '',
        Array.from({ length: 3 + this.int(4) }, () => this.sentence(10 + this.int(15))).join(' '),
        '',
      );
    return parts.join('\n');
  }
  date(daysBack: number, daysForward = 0): string {
    const d = new Date(`${todayIso()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - this.int(daysBack) + (daysForward > 0 ? this.int(daysForward) : 0));
    return d.toISOString().slice(0, 10);
  }
}

function enumOf(c: Collection, p: string): string[] {
  const s: JsonSchema | undefined = schemaAt(c, p.split('.'));
  return s?.enum ?? (s?.items ? resolve(s.items).enum : undefined) ?? [];
}

export interface Generated {
  collection: Collection;
  rel: string;
  text: string;
  titre: string;
  body: string;
}

export function generate(sheets: number, others: number, seed: number): Generated[] {
  const w = new Writer(vocabulary(), seed);
  const col = (name: CollectionName): Collection => allCollections().find((c) => c.name === name)!;
  const territories = ['national', ...new Set(Object.values(territoryParents())), ...Object.keys(territoryParents())];
  const common = (c: Collection): { maillons: string[]; territoires: string[] } => ({
    maillons: w.some(enumOf(c, 'maillons'), 2),
    territoires: w.int(4) === 0 ? ['national'] : w.some(territories.slice(1), 2),
  });
  const publics = (c: Collection): Record<string, unknown> => ({ publics: w.some(enumOf(c, 'publics'), 3) });
  const used = new Map<CollectionName, Set<string>>();
  const idFor = (c: Collection, titre: string): string => {
    const set = used.get(c.name) ?? new Set<string>();
    used.set(c.name, set);
    const base =
      titre
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60)
        .replace(/-$/, '') || 'entree';
    let id = base;
    for (let i = 2; set.has(id); i++) id = `${base}-${i}`;
    set.add(id);
    return id;
  };
  const out: Generated[] = [];
  const emit = (c: Collection, data: Record<string, unknown>, body = ''): void => {
    const rel = c.groupBy
      ? `${c.folder}/${(data[c.groupBy] as string[])[0]}/${String(data.id)}.md`
      : `${c.folder}/${String(data.id)}${c.format === 'md' ? '.md' : '.yaml'}`;
    out.push({ collection: c, rel, text: serializeEntry(c, rel, data, body), titre: String(data.titre), body });
  };
  const practices = col('practices');
  for (let i = 0; i < sheets; i++) {
    const titre = w.title();
    const revue = w.date(700);
    emit(
      practices,
      {
        id: idFor(practices, titre),
        titre,
        resume: w.summary(),
        ...common(practices),
        criteres: w.some(enumOf(practices, 'criteres'), 3),
        stade: w.pick(enumOf(practices, 'stade')),
        nature: w.pick(enumOf(practices, 'nature')),
        // Evidence levels that need a report link get one.
        ...(w.int(2) === 0
          ? { niveau_preuve: 'evaluation-externe', preuve_lien: `https://exemple.org/evaluations/${i}` }
          : { niveau_preuve: w.pick(['aucune', 'auto-evaluation']) }),
        ...publics(practices),
        porteur: { nom: w.title().slice(0, 80), type: w.pick(enumOf(practices, 'porteur.type')) },
        derniere_revue: revue,
        date_maj: revue,
      },
      w.body(),
    );
  }
  const kinds: CollectionName[] = ['studies', 'funders', 'trainings', 'tools', 'events', 'platforms', 'news'];
  for (let i = 0; i < others; i++) {
    const c = col(kinds[i % kinds.length]!);
    const titre = w.title();
    const id = idFor(c, titre);
    const base = { id, titre, resume: w.summary(), ...common(c), date_maj: w.date(700) };
    const url = `https://exemple.org/${c.name}/${id}`;
    switch (c.name) {
      case 'studies':
        emit(
          c,
          {
            ...base,
            ...publics(c),
            editeur: w.title().slice(0, 80),
            type: w.pick(enumOf(c, 'type')),
            date_publication: w.date(2000),
            url,
          },
          w.body(),
        );
        break;
      case 'tools':
        emit(
          c,
          {
            ...base,
            ...publics(c),
            editeur: w.title().slice(0, 80),
            type: w.pick(enumOf(c, 'type')),
            url,
            gratuit: w.int(3) > 0,
          },
          w.body(),
        );
        break;
      case 'news':
        emit(c, { ...base, date: w.date(700), type: w.pick(enumOf(c, 'type')) }, w.body());
        break;
      case 'platforms':
        emit(c, { ...base, ...publics(c), usage: w.sentence(12), url, editeur: w.title().slice(0, 80), gratuit: true });
        break;
      case 'trainings':
        emit(c, {
          ...base,
          ...publics(c),
          organisateur: w.title().slice(0, 80),
          format: w.pick(enumOf(c, 'format')),
          gratuit: w.int(2) === 0,
          audience: w.some(enumOf(c, 'audience'), 2),
          url,
        });
        break;
      case 'events': {
        const debut = w.date(200, 400);
        emit(c, {
          ...base,
          ...publics(c),
          type: w.pick(enumOf(c, 'type')),
          debut,
          organisateur: w.title().slice(0, 80),
          en_ligne: w.int(2) === 0,
          url,
        });
        break;
      }
      case 'funders': {
        const appels = Array.from({ length: 1 + w.int(3) }, (_, k) => {
          const ouverture = w.date(300, 300);
          const d = new Date(`${ouverture}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + 20 + w.int(120));
          return {
            id: `appel-${k + 1}`,
            titre: w.title(),
            resume: w.summary(),
            ouverture,
            cloture: d.toISOString().slice(0, 10),
            url: `${url}/appel-${k + 1}`,
            territoires: [...base.territoires],
            maillons: [...base.maillons],
          };
        });
        emit(c, { ...base, type: w.pick(enumOf(c, 'type')), site: url, appels });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sites.

export function write(root: string, rel: string, text: string): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** A copy of the portal (config, sources, schemas, static files) with the generated content. */
export function portalSite(dir: string, entries: readonly Generated[]): void {
  for (const item of [
    'docusaurus.config.ts',
    'sidebars.practices.ts',
    'package.json',
    'tsconfig.json',
    'src',
    'static',
    'schemas',
  ]) {
    const from = path.join(repoRoot, item);
    if (fs.existsSync(from))
      fs.cpSync(from, path.join(dir, item), { recursive: true, filter: (src) => !/\.test\.tsx?$/.test(src) });
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  for (const e of entries) write(dir, e.rel, e.text);
}

/** A plain Docusaurus docs site: the same number of pages, the same titles and texts. */
export function plainDocsSite(dir: string, entries: readonly Generated[]): void {
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  write(
    dir,
    'docusaurus.config.js',
    `module.exports = {
  title: 'Docs', url: 'https://exemple.org', baseUrl: '/', onBrokenLinks: 'warn',
  i18n: { defaultLocale: 'fr', locales: ['fr'] },
  future: { v4: true },
  presets: [['classic', { docs: { routeBasePath: '/', sidebarPath: undefined }, blog: false, pages: false }]],
};\n`,
  );
  entries.forEach((e, i) => {
    const summary = e.text.match(/\nresume: (.*)\n/)?.[1] ?? '';
    write(
      dir,
      `docs/${e.collection.name}/page-${i}.md`,
      `---\ntitle: ${JSON.stringify(e.titre)}\n---\n\n${summary}\n\n${e.body || e.text.replace(/^/gm, '    ')}\n`,
    );
  });
  write(dir, 'docs/index.md', '---\nslug: /\ntitle: Accueil\n---\n\nAccueil.\n');
}

/** The pages (routes) of a built site: its HTML files, without `.html` and `/index.html`. */
export function builtRoutes(buildDir: string): string[] {
  return fs
    .readdirSync(buildDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && f !== '404.html')
    .map((f) => `/${f.split(path.sep).join('/')}`.replace(/(\/index)?\.html$/, '') || '/')
    .sort();
}

/**
 * The floor: a Docusaurus site with the classic theme and exactly `routes`, each showing its own
 * address in the theme's layout, with no data, no plugin content, no style of ours. What any
 * Docusaurus site with these pages ships at least (its route table is in the main bundle).
 */
export function floorSite(dir: string, routes: readonly string[]): void {
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  write(dir, 'routes.json', JSON.stringify(routes));
  write(
    dir,
    'src/Page.js',
    `import React from 'react';
import Layout from '@theme/Layout';
export default function Page(props) {
  return <Layout><main><h1>{props.route.path}</h1><p>Page du site plancher.</p></main></Layout>;
}\n`,
  );
  write(
    dir,
    'docusaurus.config.js',
    `const path = require('path');
module.exports = {
  title: 'Plancher', url: 'https://exemple.org', baseUrl: '/', onBrokenLinks: 'ignore', trailingSlash: false,
  i18n: { defaultLocale: 'fr', locales: ['fr'] },
  future: { v4: true, faster: { rspackPersistentCache: false } },
  presets: [['classic', { docs: false, blog: false, pages: false }]],
  plugins: [() => ({
    name: 'plancher',
    async contentLoaded({ actions }) {
      for (const p of require('./routes.json'))
        actions.addRoute({ path: p, component: path.resolve(__dirname, 'src/Page.js'), exact: true });
    },
  })],
};\n`,
  );
}

export function gitInit(dir: string): void {
  const git = (...a: string[]): void => {
    execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\nbuild\n.docusaurus\n');
  git('add', '-A');
  git(
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.org',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'contenu généré',
  );
}

// ---------------------------------------------------------------------------------------------
// Measures.

function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number): void => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      /* the process ended */
    }
  };
  visit(pid);
  return total;
}

export interface BuildResult {
  ms: number;
  peakRss: number;
  outBytes: number;
  ok: boolean;
  log: string;
}

/** `env`: variables added to the build's environment. */
export function build(siteDir: string, outDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', '--out-dir', outDir],
      {
        cwd: siteDir,
        env: { ...process.env, NODE_ENV: 'production', ESSAIM_LIENS_CASSES: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000);
    });
    child.stderr.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000);
    });
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid!));
    }, 250);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({
        ms: performance.now() - start,
        peakRss: peak,
        outBytes: code === 0 ? dirSize(outDir) : 0,
        ok: code === 0,
        log,
      });
    });
  });
}

export function dirSize(dir: string): number {
  let total = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (item.isFile()) total += fs.statSync(path.join(item.parentPath, item.name)).size;
  return total;
}
