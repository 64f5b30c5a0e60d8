/**
 * A lighter bundle for every page of the production site.
 *
 * Docusaurus puts every route of the site (path, component, data modules) in the bundle that every
 * page loads: with thousands of entries, that table alone outweighs a catalog page. The static
 * pages are still rendered from the full table (server bundle), but the browser gets:
 * - for each collection, one parameterised route (`/outils/:id`) instead of one route per entry;
 *   the entry page reads its data from the page's HTML, or fetches that page on a client-side
 *   navigation (src/components/catalog/entryData.ts);
 * - a registry with short chunk names and without module paths (see `trimClientRoutes`);
 * - the routes of each section (`/fiches/…`, `/actualites/…`) in a table of their own, loaded
 *   when the reader enters the section, with the docs lists of the global data (route-sections.ts);
 * - no Prism language loader when the site adds no language (see `trimClientModules`).
 *
 * Works on the files Docusaurus generates in `.docusaurus/` (`routes.js`, `registry.js`,
 * `routesChunkNames.json`, `client-modules.js`), whose shape is fixed by its code generator: one
 * route object per block, one registry entry or client module per line. An unexpected shape
 * stops the build rather than produce a wrong table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chunksOf, quote, splitSections, type GlobalData } from './route-sections.js';

export interface GeneratedRoutes {
  routesJs: string;
  registryJs: string;
  /** `routesChunkNames.json`: `<path>-<hash>` → chunk names of the route's component and modules. */
  chunkNames: Record<string, unknown>;
}

/** Suffix of the parameterised routes' keys in `routesChunkNames` (`/outils/:id-essaim`). */
const PARAM_HASH = 'essaim';

const routePath = (key: string): string => key.slice(0, key.lastIndexOf('-'));


/**
 * Removes the routes of `entryPaths` (paths with the base URL) and adds one route
 * `<prefix>/:id` per prefix of `paramPrefixes` that lost routes, using the component and context
 * of the removed routes. Registry entries that only the removed routes used are dropped.
 */
export function trimClientRoutes(files: GeneratedRoutes, entryPaths: ReadonlySet<string>, paramPrefixes: readonly string[]): GeneratedRoutes & { removed: number } {
  const chunkNames: Record<string, unknown> = {};
  const removedChunks = new Set<string>();
  const keptChunks = new Set<string>();
  const params = new Map<string, unknown>();
  let dropped = 0;
  for (const [key, chunks] of Object.entries(files.chunkNames)) {
    const p = routePath(key);
    if (!entryPaths.has(p)) {
      chunkNames[key] = chunks;
      chunksOf(chunks, keptChunks);
      continue;
    }
    chunksOf(chunks, removedChunks);
    dropped += 1;
    const prefix = paramPrefixes.find((pre) => p.startsWith(`${pre}/`));
    if (prefix !== undefined && !params.has(prefix) && chunks && typeof chunks === 'object') {
      const { __comp, __context } = chunks as Record<string, unknown>;
      params.set(prefix, { __comp, ...(__context ? { __context } : {}) });
    }
  }
  for (const [prefix, chunks] of params) {
    chunkNames[`${prefix}/:id-${PARAM_HASH}`] = chunks;
    chunksOf(chunks, keptChunks);
  }

  let removed = 0;
  const block = /^ {2}\{\n {4}path: '((?:[^'\\]|\\.)*)',\n {4}component: ComponentCreator\('(?:[^'\\]|\\.)*', '([^']+)'\),\n {4}exact: true\n {2}\},\n/gm;
  let routesJs = files.routesJs.replace(block, (whole, p: string, hash: string) => {
    if (!(`${p}-${hash}` in files.chunkNames) || !entryPaths.has(p)) return whole;
    removed += 1;
    return '';
  });
  if (removed !== dropped) throw new Error(`routes.js : ${removed} routes d’entrées trouvées sur ${dropped} (format de Docusaurus inattendu)`);
  const added = [...params.keys()].map((prefix) => {
    const p = quote(`${prefix}/:id`);
    return `  {\n    path: ${p},\n    component: ComponentCreator(${p}, '${PARAM_HASH}'),\n    exact: true\n  },\n`;
  }).join('');
  const notFound = routesJs.lastIndexOf("  {\n    path: '*',");
  if (notFound < 0) throw new Error('routes.js : route « * » introuvable (format de Docusaurus inattendu)');
  routesJs = routesJs.slice(0, notFound) + added + routesJs.slice(notFound);

  // Registry entries the browser keeps, under short names (`c0`, `c1`…, also the chunks' ids)
  // instead of 8-digit hashes: each name is written in the registry, in the routes' chunk names
  // and in the runtime's chunk maps. Names change when entries come and go; the bundle every page
  // loads changes with the content anyway. The second element (the module's path) only serves
  // the server, to know which modules a page rendered: the browser does not need thousands of
  // file paths.
  const entry = /^ {2}"([^"]+)": \[\(\) => import\(\/\* webpackChunkName: "[^"]+" \*\/ ("(?:[^"\\]|\\.)*")\), "(?:[^"\\]|\\.)*", (require\.resolveWeak\("(?:[^"\\]|\\.)*"\)\],)$/;
  // The object's closing `};` follows the last entry on its line: a line of its own here, so that
  // it stays when that entry goes.
  const lines = files.registryJs.replace(/\],\};$/m, '],\n};').split('\n').map((line) => {
    const m = entry.exec(line);
    return m ? { key: m[1]!, request: m[2]!, weak: m[3]! } : line;
  }).filter((l) => typeof l === 'string' || keptChunks.has(l.key) || !removedChunks.has(l.key));
  const keys = lines.flatMap((l) => (typeof l === 'string' ? [] : [l.key]));
  if (keys.length === 0 && files.registryJs.includes('import(')) throw new Error('registry.js : format de Docusaurus inattendu');
  const names = new Map(keys.map((k, i) => [k, `c${i.toString(36)}`]));
  const registryJs = lines.map((l) => (typeof l === 'string' ? l : `  "${names.get(l.key)}": [() => import(/* webpackChunkName: "${names.get(l.key)}" */ ${l.request}), "", ${l.weak}`)).join('\n');
  const rename = (value: unknown): unknown => typeof value === 'string' ? names.get(value) ?? value
    : Array.isArray(value) ? value.map(rename)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)])) : value;
  return { routesJs, registryJs, chunkNames: rename(chunkNames) as Record<string, unknown>, removed };
}

/**
 * The site's client modules without Prism's language loader when the site adds no language to
 * Prism: that module would put Prism and its grammars in the bundle every page loads, while only
 * pages with code blocks use them (and load them with their own chunks).
 */
export function trimClientModules(clientModulesJs: string, prismLanguages: readonly string[]): string {
  if (prismLanguages.length > 0) return clientModulesJs;
  return clientModulesJs.split('\n').filter((line) => !/^ {2}require\(".*\/theme-classic\/lib\/prism-include-languages(?:\.js)?"\),$/.test(line)).join('\n');
}

export interface ClientRoutesOptions {
  /** Paths (with the base URL) of the entry pages, and the prefixes of their parameterised routes. */
  entryPaths: ReadonlySet<string>;
  paramPrefixes: readonly string[];
  /** Base URL without its final slash. */
  base: string;
  /** The module making the route component of a section (route-sections.ts). */
  lazySection: string;
  prismLanguages: readonly string[];
}

/** Reads the generated files of `generatedDir`, writes their trimmed copies (and the sections'
 * tables) into `outDir`, and returns the module each `@generated/<name>` import of the browser
 * bundle must use instead. */
export function writeClientRoutes(generatedDir: string, outDir: string, options: ClientRoutesOptions): Record<'routes' | 'registry' | 'routesChunkNames' | 'client-modules' | 'globalData', string> {
  const read = (name: string): string => fs.readFileSync(path.join(generatedDir, name), 'utf8');
  const generated = { routesJs: read('routes.js'), registryJs: read('registry.js'), chunkNames: JSON.parse(read('routesChunkNames.json')) as Record<string, unknown> };
  const globalData = JSON.parse(read('globalData.json')) as GlobalData;
  const trimmed = splitSections(trimClientRoutes(generated, options.entryPaths, options.paramPrefixes), options.base, options.lazySection, globalData);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const section of trimmed.sections) fs.writeFileSync(path.join(outDir, section.file), section.js);
  const files = { routes: path.join(outDir, 'routes.js'), registry: path.join(outDir, 'registry.js'), routesChunkNames: path.join(outDir, 'routesChunkNames.json'), 'client-modules': path.join(outDir, 'client-modules.js'), globalData: path.join(outDir, 'globalData.json') };
  fs.writeFileSync(files.routes, trimmed.routesJs);
  fs.writeFileSync(files.registry, trimmed.registryJs);
  fs.writeFileSync(files.routesChunkNames, JSON.stringify(trimmed.chunkNames));
  fs.writeFileSync(files.globalData, JSON.stringify(trimmed.globalData));
  fs.writeFileSync(files['client-modules'], trimClientModules(read('client-modules.js'), options.prismLanguages));
  return files;
}
