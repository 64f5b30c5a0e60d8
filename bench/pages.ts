/**
 * Benchmark of the reader's pages on a phone: Lighthouse (mobile preset, simulated slow 4G, the
 * system Chromium) on the home page, /fiches, a sheet, /financements/appels, a territory page
 * (when the portal has them) and the form, at 500 sheets + 2,000 entries (bench/sites.ts), each
 * page served twice — by the service (`npm start`'s server: precompressed files, cache headers)
 * and by a plain static server compressing on the fly with gzip (what a CDN does) — and, in the
 * same run, pages of a plain Docusaurus docs site with as many pages (the reference), and the same
 * address in a Docusaurus site with the portal's routes and an empty page each (the floor: what
 * any Docusaurus site with these pages costs). Prints performance, LCP, TBT, CLS, bytes and
 * accessibility per page, and the ratio to the reference.
 *
 *   npm run bench:pages                       # generates and builds both sites (long)
 *   npm run bench:pages -- --dossier <dir>    # reuses <dir>/portail and <dir>/docs-simple
 *                                             # (bench:build -- --garder), building what is not built
 *   npm run bench:pages -- --garder           # keeps the temporary sites
 *   npm run bench:pages -- --seulement appels # only the pages whose name or address holds this text
 *
 * Lighthouse 12: version 13 needs Node 22.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { precompress } from '../scripts/precompress.js';
import { createService } from '../src/server/index.js';
import { CHROMIUM } from '../test/helpers/chromium.js';
import {
  build,
  builtRoutes,
  floorSite,
  generate,
  gitInit,
  plainDocsSite,
  portalSite,
  type Generated,
} from './sites.js';

const GOALS = { performance: 95, lcpMs: 2000, tbtMs: 150, cls: 0.05, accessibility: 100 };
const SIZE = { sheets: 500, others: 2_000 };
const argv = process.argv.slice(2);
const given = argv.includes('--dossier') ? argv[argv.indexOf('--dossier') + 1] : undefined;
const keep = argv.includes('--garder') || given !== undefined;
const only = argv.includes('--seulement') ? argv[argv.indexOf('--seulement') + 1] : undefined;

// ---------------------------------------------------------------------------------------------
// Sites.

const work = given ? path.resolve(given) : fs.mkdtempSync(path.join(os.tmpdir(), 'banc-pages-'));
const portalDir = path.join(work, 'portail');
const plainDir = path.join(work, 'docs-simple');
let entries: Generated[] | undefined;
if (!fs.existsSync(portalDir) || !fs.existsSync(plainDir)) {
  entries = generate(SIZE.sheets, SIZE.others, 2026);
  for (const dir of [portalDir, plainDir]) fs.mkdirSync(dir, { recursive: true });
  portalSite(portalDir, entries);
  plainDocsSite(plainDir, entries);
  for (const dir of [portalDir, plainDir]) gitInit(dir);
}
for (const [name, dir] of [
  ['site Docusaurus simple (référence)', plainDir],
  ['portail', portalDir],
] as const) {
  if (fs.existsSync(path.join(dir, 'build', 'index.html'))) continue;
  console.log(`Construction : ${name}…`);
  const r = await build(dir, path.join(dir, 'build'));
  if (!r.ok) throw new Error(`Échec de la construction (${name}) :\n${r.log.slice(-4000)}`);
}
const portalBuild = path.join(portalDir, 'build');
const plainBuild = path.join(plainDir, 'build');
// The floor: the portal's routes in a Docusaurus site with nothing else (bench/sites.ts, floorSite).
const floorDir = path.join(work, 'plancher');
const floorBuild = path.join(floorDir, 'build');
if (!fs.existsSync(path.join(floorBuild, 'index.html'))) {
  fs.rmSync(floorDir, { recursive: true, force: true });
  fs.mkdirSync(floorDir, { recursive: true });
  floorSite(floorDir, builtRoutes(portalBuild));
  console.log('Construction : plancher (les routes du portail, une page vide chacune)…');
  const r = await build(floorDir, floorBuild);
  if (!r.ok) throw new Error(`Échec de la construction (plancher) :\n${r.log.slice(-4000)}`);
}
// As `npm run build` does.
await precompress(portalBuild);

/** The first page of the built site matching `pattern` (relative path without `.html`). */
function firstPage(root: string, pattern: RegExp): string | undefined {
  const found = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => `/${f.replace(/\\/g, '/')}`)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.replace(/(\/index)?\.html$/, '') || '/')
    .filter((f) => pattern.test(f))
    .sort();
  return found[0];
}

const portalPages: { name: string; route: string | undefined; reference: RegExp }[] = [
  { name: 'accueil', route: '/', reference: /^\/$/ },
  { name: 'fiches (catalogue)', route: '/fiches', reference: /^\/practices\/page-1$/ },
  {
    name: 'une fiche',
    route: firstPage(portalBuild, /^\/fiches\/[a-z][a-z0-9-]*$/),
    reference: /^\/practices\/page-2$/,
  },
  {
    name: 'appels à projets',
    route: '/financements/appels',
    reference: /^\/funders\/page-\d+$/,
  },
  {
    name: 'un territoire',
    route: firstPage(portalBuild, /^\/territoires\/[a-z0-9-]+$/),
    reference: /^\/events\/page-\d+$/,
  },
  { name: 'formulaire', route: '/contribuer/proposer', reference: /^\/studies\/page-\d+$/ },
];

// ---------------------------------------------------------------------------------------------
// Servers.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
};

/** A plain static server compressing text files with gzip on the fly, like a CDN in front of the files. */
async function gzipServer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let p = '/';
    try {
      p = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      /* a bad address gets the 404 page */
    }
    const abs = path.join(root, path.normalize(p));
    const file = [abs, `${abs}.html`, path.join(abs, 'index.html')].find(
      (f) => f.startsWith(root) && fs.statSync(f, { throwIfNoEntry: false })?.isFile(),
    );
    const target = file ?? path.join(root, '404.html');
    const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
    const compress = /^(text|application\/json|image\/svg|application\/xml)/.test(type);
    res.writeHead(file ? 200 : 404, { 'content-type': type, ...(compress ? { 'content-encoding': 'gzip' } : {}) });
    const stream = fs.createReadStream(target);
    if (compress) stream.pipe(zlib.createGzip({ level: 6 })).pipe(res);
    else stream.pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const service = await createService({
  repoDir: portalDir,
  dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'banc-pages-donnees-')),
  staticDir: portalBuild,
  logLevel: false,
  noWorker: true,
});
const serviceUrl = (await service.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const portalGzip = await gzipServer(portalBuild);
const plainGzip = await gzipServer(plainBuild);
const floorGzip = await gzipServer(floorBuild);

// ---------------------------------------------------------------------------------------------
// Lighthouse.

interface Measure {
  performance: number;
  lcp: number;
  tbt: number;
  cls: number;
  bytes: number;
  accessibility: number;
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** Lighthouse's speed index of this machine at each run: TBT and LCP are simulated from its traces. */
const benchmarkIndexes: number[] = [];

async function measure(url: string): Promise<Measure> {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  if (!result) throw new Error(`Lighthouse n’a rien rendu pour ${url}`);
  const { categories, audits, runtimeError, environment } = result.lhr;
  benchmarkIndexes.push(environment.benchmarkIndex);
  if (runtimeError) console.log(`  (Lighthouse, ${url} : ${runtimeError.code} ${runtimeError.message})`);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbt: audits['total-blocking-time']?.numericValue ?? NaN,
    cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
    bytes: audits['total-byte-weight']?.numericValue ?? NaN,
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
  };
}

const fmt = (m: Measure | undefined): string =>
  m
    ? `${String(m.performance).padStart(3)}  ${(m.lcp / 1000).toFixed(1).padStart(4)} s  ${String(Math.round(m.tbt)).padStart(5)} ms  ${m.cls.toFixed(3)}  ${String(Math.round(m.bytes / 1024)).padStart(5)} Ko  a11y ${m.accessibility}`
    : '—';
const meets = (m: Measure, ref: Measure | undefined): boolean =>
  m.performance >= GOALS.performance &&
  (ref === undefined || m.performance >= ref.performance) &&
  m.lcp <= GOALS.lcpMs &&
  m.tbt <= GOALS.tbtMs &&
  m.cls <= GOALS.cls &&
  m.accessibility >= GOALS.accessibility;

console.log(
  `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} (la version 13 demande Node 22), profil mobile, 4G lente simulée, ${CHROMIUM}.`,
);
console.log(`Sites : ${work}`);
console.log('colonnes : performance, LCP, TBT, CLS, octets transférés, accessibilité');
const rows: string[] = [];
let allMet = true;
try {
  for (const p of portalPages) {
    if (only !== undefined && !`${p.name} ${p.route ?? ''}`.includes(only)) continue;
    if (!p.route) {
      console.log(`${p.name.padEnd(20)} (pas de telle page dans ce portail)`);
      continue;
    }
    const refRoute = firstPage(plainBuild, p.reference);
    const ref = refRoute ? await measure(plainGzip.url + refRoute) : undefined;
    const bySer = await measure(serviceUrl + p.route);
    const byGz = await measure(portalGzip.url + p.route);
    const floor = await measure(floorGzip.url + p.route);
    const ratio = (m: Measure): string =>
      ref ? `perf ${(m.performance / ref.performance).toFixed(2)}, octets ${(m.bytes / ref.bytes).toFixed(2)}` : '—';
    const ok = meets(bySer, ref) && meets(byGz, ref);
    allMet &&= ok;
    rows.push(
      `${p.name} (${p.route})\n` +
        `  service        ${fmt(bySer)}   rapport à la référence : ${ratio(bySer)}\n` +
        `  statique gzip  ${fmt(byGz)}   rapport à la référence : ${ratio(byGz)}\n` +
        `  référence      ${fmt(ref)}   (${refRoute ?? 'aucune page'})\n` +
        `  plancher       ${fmt(floor)}   (même adresse, page vide, mêmes routes)\n` +
        `  objectifs ${ok ? 'tenus ✔' : 'NON tenus ✖'}`,
    );
    console.log(rows.at(-1));
  }
} finally {
  chrome.kill();
  await Promise.all([service.close(), portalGzip.close(), plainGzip.close(), floorGzip.close()]);
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}
if (benchmarkIndexes.length > 0)
  console.log(
    `\nIndice de vitesse de la machine (benchmarkIndex de Lighthouse) : ${Math.round(Math.min(...benchmarkIndexes))} à ${Math.round(Math.max(...benchmarkIndexes))} ; charge à la fin : ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}. Le TBT et le LCP sont simulés à partir des traces de cette machine (processeur ralenti ×4).`,
  );
console.log(
  `\nObjectifs (performance ≥ ${GOALS.performance} et ≥ la référence, LCP ≤ ${GOALS.lcpMs / 1000} s, TBT ≤ ${GOALS.tbtMs} ms, CLS ≤ ${GOALS.cls}, accessibilité ${GOALS.accessibility}) : ${allMet ? 'tenus ✔' : 'NON tenus ✖'}`,
);
