/**
 * Benchmark of the portal's build. For each size (sheets + other entries), generates valid content
 * into a temporary copy of the portal and builds it with Docusaurus, next to a plain Docusaurus
 * docs site with the same number of pages and the same texts, built in the same run. Prints wall
 * time, peak memory (resident set of the whole process tree), output size, the search payload
 * (raw and gzip) and the JavaScript a catalog page ships, then whether the goals hold. The portal
 * is also built without its territory pages and feeds (ESSAIM_BANC_SANS_TERRITOIRES, read by the
 * content plugin for this benchmark only), twice each way (with, without, without, with): the
 * difference is what the 120 territory pages add to the build, in CPU time (judged) and wall
 * time. Every build of a run is cold (no persistent bundler cache), so that none profits from the
 * one before.
 *
 *   npm run bench:build                  # small size: 500 sheets + 2,000 other entries
 *   npm run bench:build -- --grande      # also 2,000 sheets + 8,000 other entries (long)
 *   npm run bench:build -- --garder      # keep the temporary sites (path printed)
 *   npm run bench:build -- --portail-seul  # only the portal (no reference site: no cost comparison)
 *   npm run bench:build -- --recherche   # only the search payload of 10,000 entries (no build)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { allCollections } from '../src/content/collections.js';
import { SEARCH_FILE } from '../src/plugins/content/shared/model.js';
import { launchBrowser } from '../test/site/browser.js';
import { serveStatic } from '../test/site/serve.js';
import {
  build,
  builtRoutes,
  floorSite,
  generate,
  gitInit,
  plainDocsSite,
  portalSite,
  write,
  type BuildResult,
} from './sites.js';

const GOALS = { searchGzipFor10k: 500 * 1024, catalogJsGzip: 250 * 1024, mapSvgGzip: 150 * 1024, territoryShare: 0.1 };
const SIZES = [
  { name: 'petite', sheets: 500, others: 2_000 },
  { name: 'grande', sheets: 2_000, others: 8_000 },
];
const args = new Set(process.argv.slice(2));
const keep = args.has('--garder');
const portalOnly = args.has('--portail-seul');
const sizes = args.has('--grande') ? SIZES : SIZES.slice(0, 1);

const gzip = (buf: Buffer): number => zlib.gzipSync(buf, { level: 9 }).length;

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
/**
 * CPU time (user + system, in ms) used by the finished children of this process and their own
 * finished children (cutime and cstime of /proc/self/stat): around a build, its CPU cost, which,
 * unlike its wall time, hardly depends on what else runs on the machine.
 */
function childrenCpuMs(): number {
  // Fields after the command name, from the 3rd: cutime and cstime are the 16th and 17th.
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

interface PageJs {
  route: string;
  files: number;
  gzip: number;
  shared: number;
  own: number;
  lines: number;
}

/**
 * JavaScript (gzip) each page of `routes` loads before any interaction, measured in Chromium;
 * `shared` is what every page of the site loads (the scripts of its HTML: runtime and main bundle,
 * which holds the route table and the global data), `own` the chunks of this page (components
 * and data). With `filters`, `lines` is what the page loads when the reader enters its filters
 * (a catalog's lines).
 */
async function pagesJs(outDir: string, routes: readonly string[], filters = false): Promise<PageJs[]> {
  const server = await serveStatic(outDir);
  const browser = await launchBrowser();
  try {
    const out: PageJs[] = [];
    for (const route of routes) {
      const page = await browser.context.newPage();
      const scripts = new Set<string>();
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
      });
      await page.goto(server.url + route, { waitUntil: 'networkidle' });
      const before = new Set(scripts);
      // A page without the filters (it failed to render) gets no figure for its lines.
      const entered =
        filters &&
        (await page
          .getByLabel('Mots-clés')
          .focus({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          ));
      if (entered) {
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
      }
      await page.close();
      const lines = entered
        ? [...scripts]
            .filter((f) => !before.has(f))
            .reduce((n, f) => n + gzip(fs.readFileSync(path.join(outDir, f))), 0)
        : NaN;
      for (const f of scripts) if (!before.has(f)) scripts.delete(f);
      const htmlFile = [path.join(outDir, `${route}.html`), path.join(outDir, route, 'index.html')].find((f) =>
        fs.existsSync(f),
      )!;
      const html = fs.readFileSync(htmlFile, 'utf8');
      let total = 0;
      let shared = 0;
      for (const file of scripts) {
        const size = gzip(fs.readFileSync(path.join(outDir, file)));
        total += size;
        if (html.includes(`src=${file}`) || html.includes(`src="${file}"`)) shared += size;
      }
      out.push({ route, files: scripts.size, gzip: total, shared, own: total - shared, lines });
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

const mb = (n: number): string => (Number.isNaN(n) ? '—' : `${(n / 1024 / 1024).toFixed(1)} Mo`);
const kb = (n: number): string => `${(n / 1024).toFixed(0)} Ko`;
const s = (ms: number): string => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);
const ratio = (a: number, b: number): string => (Number.isNaN(b) ? '—' : (a / b).toFixed(2));
const yes = (ok: boolean): string => (ok ? 'oui ✔' : 'NON ✖');

// ---------------------------------------------------------------------------------------------

/**
 * Only measures the search payload of the large size (10,000 entries), without building: the
 * entries are read and indexed by the plugin's own code, as `postBuild` does.
 */
if (args.has('--recherche')) {
  const { loadEntries } = await import('../src/plugins/content/load.js');
  const { buildSearchPayload } = await import('../src/plugins/content/search.js');
  const size = SIZES[1]!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-bench-search-'));
  for (const e of generate(size.sheets, size.others, 2026)) write(dir, e.rel, e.text);
  const t = performance.now();
  const loaded = loadEntries(dir);
  const payload = Buffer.from(JSON.stringify(buildSearchPayload(loaded)));
  if (process.env.BANC_RECHERCHE_FICHIER) fs.writeFileSync(process.env.BANC_RECHERCHE_FICHIER, payload);
  const gz = gzip(payload);
  console.log(
    `Index de recherche pour ${loaded.length} entrées : ${kb(payload.length)} brut, ${kb(gz)} gzip (objectif < 500 Ko gzip : ${yes(gz < GOALS.searchGzipFor10k)}), calculé en ${s(performance.now() - t)}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const summaries: string[] = [];
for (const size of sizes) {
  const total = size.sheets + size.others;
  console.log(
    `\n=== Taille « ${size.name} » : ${size.sheets} fiches + ${size.others} autres entrées (${total} entrées) ===`,
  );
  // Not named « essaim-* »: other tools clean such folders of the temporary directory.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `banc-portail-${size.name}-`));
  const t0 = performance.now();
  const entries = generate(size.sheets, size.others, 2026);
  const portalDir = path.join(work, 'portail');
  const plainDir = path.join(work, 'docs-simple');
  fs.mkdirSync(portalDir);
  fs.mkdirSync(plainDir);
  portalSite(portalDir, entries);
  plainDocsSite(plainDir, entries);
  // The portal shows each sheet's last update from Git: both sites are Git repositories.
  for (const dir of [portalDir, plainDir]) gitInit(dir);
  console.log(`Contenu généré en ${s(performance.now() - t0)} dans ${work}`);

  console.log(
    portalOnly
      ? 'Site Docusaurus simple non construit (--portail-seul) : pas de comparaison des coûts.'
      : 'Construction du site Docusaurus simple (référence)…',
  );
  const cold = { DOCUSAURUS_NO_PERSISTENT_CACHE: '1' };
  const plain: BuildResult = portalOnly
    ? { ms: NaN, peakRss: NaN, outBytes: 0, ok: false, log: '' }
    : await build(plainDir, path.join(plainDir, 'build'), cold);
  // The territory pages' share of the build: the same site built with and without them, in the
  // order with, without, without, with (the order of two builds in a row must not decide), CPU
  // time summed over each kind.
  const timed = async (outDir: string, env: Record<string, string>): Promise<[BuildResult, number]> => {
    const cpu = childrenCpuMs();
    const r = await build(portalDir, path.join(portalDir, outDir), { ...cold, ...env });
    return [r, childrenCpuMs() - cpu];
  };
  const without = { ESSAIM_BANC_SANS_TERRITOIRES: '1' };
  console.log('Construction du portail (avec, sans, sans, avec les pages des territoires)…');
  const [portal, portalCpu1] = await timed('build', {});
  const [noTerritories, noTerritoriesCpu1] = await timed('build-sans-territoires', without);
  const [noTerritories2, noTerritoriesCpu2] = await timed('build-sans-territoires-2', without);
  const [portal2, portalCpu2] = await timed('build-2', {});
  const portalCpu = portalCpu1 + portalCpu2;
  const noTerritoriesCpu = noTerritoriesCpu1 + noTerritoriesCpu2;
  for (const [name, r] of [
    ['docs simple', plain],
    ['portail', portal],
    ['portail sans territoires', noTerritories],
    ['portail sans territoires (2)', noTerritories2],
    ['portail (2)', portal2],
  ] as const) {
    if (!r.ok && r.log) console.log(`\nÉchec de la construction (${name}) :\n${r.log.slice(-4000)}`);
  }

  const rows = [
    ['', 'docs simple', 'portail', 'rapport'],
    ['durée', s(plain.ms), s(portal.ms), ratio(portal.ms, plain.ms)],
    ['mémoire (pic, RSS)', mb(plain.peakRss), mb(portal.peakRss), ratio(portal.peakRss, plain.peakRss)],
    [
      'taille du site',
      mb(plain.outBytes),
      mb(portal.outBytes),
      plain.outBytes ? (portal.outBytes / plain.outBytes).toFixed(2) : '—',
    ],
  ];
  for (const r of rows)
    console.log(`${r[0]!.padEnd(20)}${r[1]!.padStart(14)}${r[2]!.padStart(14)}${r[3]!.padStart(10)}`);

  if (portal.ok) {
    const payload = fs.readFileSync(path.join(portalDir, 'build', SEARCH_FILE));
    const searchGz = gzip(payload);
    const per10k = (searchGz / total) * 10_000;
    console.log(
      `Index de recherche : ${kb(payload.length)} brut, ${kb(searchGz)} gzip pour ${total} entrées (≈ ${kb(per10k)} gzip pour 10 000)`,
    );
    const catalogs = [
      ...allCollections()
        .filter((c) => c.name !== 'news')
        .map((c) => ({ route: c.route, name: c.name, n: entries.filter((e) => e.collection === c).length })),
      {
        route: '/financements/appels',
        name: 'calls',
        n: entries
          .filter((e) => e.collection.name === 'funders')
          .reduce((n, e) => n + (e.text.match(/^ {2}- id: /gm)?.length ?? 0), 0),
      },
    ];
    const built = path.join(portalDir, 'build');
    const measured = await pagesJs(
      built,
      catalogs.map((c) => c.route),
      true,
    );
    console.log(
      'JavaScript des pages de catalogue avant toute interaction (gzip) — commun à toutes les pages (runtime, bundle principal : table des routes, données globales) + propre à la page (composants, premières lignes et comptes) ; lignes chargées à l’entrée dans les filtres :',
    );
    for (const [i, c] of catalogs.entries()) {
      const m = measured[i]!;
      console.log(
        `  ${c.route.padEnd(22)} ${String(c.n).padStart(5)} lignes : ${kb(m.gzip).padStart(7)} en ${m.files} fichiers (${kb(m.shared)} communs + ${kb(m.own)} propres) ; lignes : ${Number.isNaN(m.lines) ? '— (filtres absents)' : kb(m.lines)}`,
      );
    }
    // Territory pages: JavaScript before interaction, the map (static SVG of /territoires), and what
    // they add to the build time (the two builds of the same site, with and without them).
    const territoryRoutes = ['/territoires', '/territoires/dep-34', '/territoires/reg-76'];
    const territoryJs = await pagesJs(built, territoryRoutes);
    for (const m of territoryJs)
      console.log(
        `  ${m.route.padEnd(22)} ${kb(m.gzip).padStart(7)} de JS en ${m.files} fichiers (${kb(m.own)} propres)`,
      );
    // Entry pages: their own part is their shared data module (see BUCKET_BYTES in the content plugin).
    const entryRoutes = ['studies', 'events'].flatMap((name) => {
      const e = entries.find((g) => g.collection.name === name);
      return e ? [`${e.collection.route}/${path.basename(e.rel).replace(/\.(md|ya?ml)$/, '')}`] : [];
    });
    for (const m of await pagesJs(built, entryRoutes))
      console.log(
        `  ${m.route.slice(0, 22).padEnd(22)} ${kb(m.gzip).padStart(7)} de JS en ${m.files} fichiers (${kb(m.own)} propres)`,
      );
    // The floor: what any Docusaurus site with these same routes ships (bench/sites.ts, floorSite).
    const floorDir = path.join(work, 'plancher');
    fs.mkdirSync(floorDir);
    floorSite(floorDir, builtRoutes(built));
    const floorBuild = await build(floorDir, path.join(floorDir, 'build'), cold);
    const floorJs = floorBuild.ok ? (await pagesJs(path.join(floorDir, 'build'), ['/fiches']))[0] : undefined;
    console.log(
      floorJs
        ? `  plancher : un site Docusaurus avec les ${builtRoutes(built).length} mêmes routes, une page vide chacune (thème classique, sans données) : ${kb(floorJs.gzip)} gzip de JS sur /fiches, dont ${kb(floorJs.shared)} communs à toutes les pages`
        : `  plancher : échec de la construction\n${floorBuild.log.slice(-2000)}`,
    );
    const jsDir = path.join(built, 'assets/js');
    for (const f of fs.readdirSync(jsDir).filter((f) => /^(main|runtime~main)\.[^.]+\.js$/.test(f))) {
      const buf = fs.readFileSync(path.join(jsDir, f));
      console.log(`  ${f} : ${kb(buf.length)} brut, ${kb(gzip(buf))} gzip`);
    }
    const indexHtml = fs.readFileSync(path.join(built, 'territoires.html'), 'utf8');
    const svg = /<svg[^>]*aria-label="Carte des départements[\s\S]*?<\/svg>/.exec(indexHtml)?.[0] ?? '';
    const svgGz = gzip(Buffer.from(svg));
    // The goal is judged on CPU time: the wall time of two builds in a row on a shared machine
    // varies with the load more than by 10 %.
    const pairsOk = noTerritories.ok && noTerritories2.ok && portal2.ok;
    const share = (a: number, b: number): number => (pairsOk ? (a - b) / b : NaN);
    const percent = (x: number): string => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)} %`);
    const territoryShare = share(portalCpu, noTerritoriesCpu);
    const shareText = percent(territoryShare);
    console.log(
      `Territoires : carte ${kb(svg.length)} brut, ${kb(svgGz)} gzip ; construction avec les 120 pages et leurs flux / sans, deux fois chacune : temps processeur ${s(portalCpu)} / ${s(noTerritoriesCpu)} (${shareText} de plus ; ${percent(share(portalCpu1, noTerritoriesCpu1))} puis ${percent(share(portalCpu2, noTerritoriesCpu2))} par paire), durée ${s(portal.ms + portal2.ms)} / ${s(noTerritories.ms + noTerritories2.ms)} (${percent(share(portal.ms + portal2.ms, noTerritories.ms + noTerritories2.ms))})`,
    );
    const js = [...measured, ...territoryJs].reduce((a, b) => (b.gzip > a.gzip ? b : a));
    const biggest = catalogs.filter((c) => c.route !== '/financements/appels').sort((a, b) => b.n - a.n)[0]!;
    const first = entries.findIndex((e) => e.collection.name === biggest.name);
    const plainJs = plain.ok
      ? (await pagesJs(path.join(plainDir, 'build'), [`/${biggest.name}/page-${first}`]))[0]
      : undefined;
    if (plainJs)
      console.log(
        `JavaScript d’une page du site simple : ${kb(plainJs.gzip)} gzip, dont ${kb(plainJs.shared)} communs à toutes les pages`,
      );
    const goals = [
      ...(portalOnly
        ? []
        : [
            `le portail ne coûte pas plus que le site simple (durée ≤, mémoire ≤) : ${yes(plain.ok && portal.ms <= plain.ms && portal.peakRss <= plain.peakRss)}`,
          ]),
      `index de recherche < 500 Ko gzip pour 10 000 entrées (extrapolé) : ${yes(per10k < GOALS.searchGzipFor10k)} (${kb(per10k)})`,
      `une page de catalogue ou de territoire charge < 250 Ko gzip de JS : ${yes(js.gzip < GOALS.catalogJsGzip)} (la plus lourde, ${js.route} : ${kb(js.gzip)} ; plancher Docusaurus à ces routes : ${floorJs ? kb(floorJs.gzip) : '—'})`,
      `la carte des territoires ≤ 150 Ko gzip : ${yes(svg !== '' && svgGz <= GOALS.mapSvgGzip)} (${kb(svgGz)})`,
      `les pages des territoires ajoutent ≤ 10 % à la construction (temps processeur mesuré) : ${yes(territoryShare <= GOALS.territoryShare)} (${shareText})`,
    ];
    console.log('Objectifs :');
    for (const g of goals) console.log(`  - ${g}`);
    summaries.push(
      `${size.name} (${total} entrées) : portail ${s(portal.ms)} / ${mb(portal.peakRss)} contre ${s(plain.ms)} / ${mb(plain.peakRss)} ; recherche ${kb(searchGz)} gzip ; catalogue le plus lourd (${js.route}) ${kb(js.gzip)} gzip de JS`,
    );
  }
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}
if (summaries.length > 1) console.log(`\nRésumé :\n${summaries.join('\n')}`);
