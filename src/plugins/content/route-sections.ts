/**
 * Route tables loaded on demand, one per section of the site.
 *
 * A section is the set of routes under one first path segment (`/fiches/…`, `/actualites/…`,
 * `/etudes/…`). The bundle every page loads keeps, for each section of more than one route, a
 * single route `/<segment>` whose component (src/components/routing/lazySection.tsx) loads the
 * section's table — its routes, their registry entries and chunk names — in a chunk of its own,
 * before the page of that section renders. A catalog page thus no longer ships the routes of
 * thousands of sheets and news.
 *
 * Works on the browser's copies of `routes.js`, `registry.js` and `routesChunkNames.json` (see
 * client-routes.ts), whose shape is fixed by Docusaurus' code generator: top-level route objects
 * open with `  {` and close with `  },` at two spaces of indentation, their sub-routes deeper.
 */
import type { GeneratedRoutes } from './client-routes.js';

export interface Section {
  /** File name of the section's module (`fiches.js`), in the same folder as `routes.js`. */
  file: string;
  /** Route path of the section (`/fiches`, with the base URL). */
  path: string;
  /** Number of routes of the section, nested ones included. */
  routes: number;
  /** The module: registers the section's chunks, exports its routes. */
  js: string;
}

interface Block { path: string; text: string }

const creator = /ComponentCreator\('((?:[^'\\]|\\.)*)', '([^']+)'\)/g;
const unquote = (s: string): string => s.replace(/\\(.)/g, '$1');
/** A JavaScript string literal in single quotes, as Docusaurus writes paths in `routes.js`. */
export const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Keys (`<path>-<hash>`) in `routesChunkNames` of the routes in `text`. */
function routeKeys(text: string): string[] {
  return [...text.matchAll(creator)].map((m) => `${unquote(m[1]!)}-${m[2]}`);
}

/** Chunk names in a `routesChunkNames` value (nested objects of names). */
export function chunksOf(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) chunksOf(v, out);
  return out;
}

/** `routes.js` cut into its head (up to `export default [`), its top-level blocks and its tail. */
function splitRoutes(routesJs: string): { head: string; blocks: Block[]; tail: string } {
  const start = routesJs.indexOf('export default [\n');
  if (start < 0) throw new Error('routes.js : « export default [ » introuvable (format de Docusaurus inattendu)');
  const head = routesJs.slice(0, start + 'export default [\n'.length);
  const lines = routesJs.slice(head.length).split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (lines[i] === '  {' && !/^ {4}path: '\*',$/.test(lines[i + 1] ?? '')) {
    const end = lines.indexOf('  },', i);
    const path = /^ {4}path: '((?:[^'\\]|\\.)*)',$/.exec(lines[i + 1] ?? '');
    if (end < 0 || !path) throw new Error(`routes.js : route de premier niveau illisible ligne ${i + 1} (format de Docusaurus inattendu)`);
    blocks.push({ path: unquote(path[1]!), text: lines.slice(i, end + 1).join('\n') });
    i = end + 1;
  }
  if (lines[i] !== '  {') throw new Error('routes.js : route « * » introuvable en fin de table (format de Docusaurus inattendu)');
  return { head, blocks, tail: lines.slice(i).join('\n') };
}

/** First path segment after the base URL, when it is a plain name (no parameter, no pattern). */
function segmentOf(routePath: string, base: string): string | undefined {
  if (!routePath.startsWith(`${base}/`)) return undefined;
  const segment = routePath.slice(base.length + 1).split('/')[0]!;
  return /^[\p{L}\p{N}._~-]+$/u.test(segment) ? segment : undefined;
}

export type GlobalData = Record<string, Record<string, unknown>>;

interface DocsVersion { docs?: unknown[] }

/**
 * A docs instance puts every doc of every version in the global data (`versions[].docs`), which
 * every page ships; only the pages of the instance use that list (edition menu, banners of old
 * editions). The browser's global data keeps the versions without their docs; the module of the
 * instance's section puts them back when it loads, before any page of the section renders.
 * Returns that global data and, by section path, the code to run in the section's module.
 */
export function moveDocsLists(globalData: GlobalData, sectionPaths: readonly string[]): { globalData: GlobalData; code: Map<string, string> } {
  const code = new Map<string, string>();
  const instances = globalData['docusaurus-plugin-content-docs'] ?? {};
  const trimmed: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(instances)) {
    const data = value as { path?: string; versions?: DocsVersion[] };
    if (!data.path || !sectionPaths.includes(data.path) || !Array.isArray(data.versions)) {
      trimmed[id] = value;
      continue;
    }
    const target = `globalData[${JSON.stringify('docusaurus-plugin-content-docs')}][${JSON.stringify(id)}].versions`;
    code.set(data.path, data.versions.map((v, i) => `${target}[${i}].docs = ${JSON.stringify(v.docs ?? [])};\n`).join(''));
    trimmed[id] = { ...data, versions: data.versions.map((v) => ({ ...v, docs: [] })) };
  }
  return { globalData: code.size > 0 ? { ...globalData, 'docusaurus-plugin-content-docs': trimmed } : globalData, code };
}

/**
 * Moves each section of more than one route out of the browser's tables into a module of its
 * own. `base` is the base URL without its final slash; `lazySection` the module that makes a
 * section's route component; `globalData` the site's global data, whose docs lists move into
 * their sections (see `moveDocsLists`).
 */
export function splitSections(files: GeneratedRoutes, base: string, lazySection: string, globalData: GlobalData = {}): GeneratedRoutes & { sections: Section[]; globalData: GlobalData } {
  const { head, blocks, tail } = splitRoutes(files.routesJs);
  const groups = new Map<string, Block[]>();
  for (const b of blocks) {
    const segment = segmentOf(b.path, base);
    if (segment !== undefined) groups.set(segment, [...(groups.get(segment) ?? []), b]);
  }
  const lazy = [...groups].filter(([, bs]) => bs.reduce((n, b) => n + routeKeys(b.text).length, 0) > 1);
  if (lazy.length === 0) return { ...files, sections: [], globalData };
  const docs = moveDocsLists(globalData, lazy.map(([segment]) => `${base}/${segment}`));

  // Chunks that stay in the main registry: those of the routes left there, or of several sections.
  const owner = new Map<string, string | null>();
  const claim = (text: string, section: string | null): void => {
    for (const key of routeKeys(text)) {
      for (const chunk of chunksOf(files.chunkNames[key], new Set())) {
        const was = owner.get(chunk);
        owner.set(chunk, was === undefined || was === section ? section : null);
      }
    }
  };
  const lazyBlocks = new Map(lazy.flatMap(([segment, bs]) => bs.map((b) => [b, segment] as const)));
  for (const b of blocks) claim(b.text, lazyBlocks.get(b) ?? null);

  const registryLines = files.registryJs.split('\n');
  const entryName = (line: string): string | undefined => /^ {2}"([^"]+)": \[/.exec(line)?.[1];
  const chunkNames = { ...files.chunkNames };
  const sections: Section[] = lazy.map(([segment, bs], i) => {
    const keys = bs.flatMap((b) => routeKeys(b.text));
    const names = Object.fromEntries(keys.map((k) => [k, files.chunkNames[k]]));
    for (const k of keys) delete chunkNames[k];
    const registry = registryLines.filter((line) => {
      const name = entryName(line);
      return name !== undefined && owner.get(name) === segment;
    });
    const file = `${segment.replace(/[^a-zA-Z0-9_-]/g, '_')}-${i}.js`;
    const docsLists = docs.code.get(`${base}/${segment}`);
    const js = `import ComponentCreator from '@docusaurus/ComponentCreator';
import registry from '@generated/registry';
import routesChunkNames from '@generated/routesChunkNames';
${docsLists ? "import globalData from '@generated/globalData';\n" : ''}
Object.assign(registry, {
${registry.join('\n')}
});
Object.assign(routesChunkNames, ${JSON.stringify(names)});
${docsLists ?? ''}
export default [
${bs.map((b) => `${b.text}\n`).join('')}  {
    path: '*',
    component: ComponentCreator('*'),
  },
];
`;
    return { file, path: `${base}/${segment}`, routes: keys.length, js };
  });

  const stubs = new Map(lazy.map(([, bs], i) => [bs[0]!, sections[i]!]));
  const kept = blocks.flatMap((b) => {
    const section = stubs.get(b);
    if (section) {
      return [`  {\n    path: ${quote(section.path)},\n    component: lazySection(() => import(/* webpackChunkName: ${JSON.stringify(`section-${section.file.slice(0, -3)}`)} */ './${section.file}')),\n  },`];
    }
    return lazyBlocks.has(b) ? [] : [b.text];
  });
  const routesJs = `import lazySection from ${JSON.stringify(lazySection)};\n${head}${kept.map((t) => `${t}\n`).join('')}${tail}`;
  const registryJs = registryLines.filter((line) => {
    const name = entryName(line);
    return name === undefined || !owner.get(name);
  }).join('\n');
  return { routesJs, registryJs, chunkNames, sections, globalData: docs.globalData };
}
