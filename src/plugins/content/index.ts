/**
 * The content plugin of the portal. Following Docusaurus' plugin lifecycle:
 * - `loadContent` (pure) reads and validates every collection through the core, and fails the
 *   build with `essaim validate`'s own report when an entry is invalid;
 * - `contentLoaded` only creates data modules, routes and global data (see global-data.ts);
 * - `postBuild` writes the static files: search payload, feeds, iCalendar files, open data.
 * Practices are published by the docs instance (/fiches, for their editions); they are still part
 * of the search, the references, the feeds and the open data, and their finder is built here.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { allCollections, collections, findCollection } from '../../content/collections.js';
import { vocabularies } from '../../content/schemas.js';
import { todayIso } from '../../content/validate.js';
import { globalData } from './global-data.js';
import { loadEntries, type LoadedEntry } from './load.js';
import { renderMarkdown } from './markdown.js';
import {
  atomFeed,
  callsIcs,
  collectionCsv,
  collectionDoc,
  collectionJson,
  callsCsv,
  callsJson,
  eventsIcs,
  rssFeed,
  type SiteInfo,
} from './opendata.js';
import { buildSearchPayload } from './search.js';
import {
  PLUGIN_NAME,
  SEARCH_FILE,
  type CatalogData,
  type EntryPageData,
  type HastLite,
  type TerritoryIndexData,
  type TerritoryNational,
  type TerritoryPageData,
} from './shared/model.js';
import { TERRITORIES_ROUTE, territoryFeeds, territoryIndex, territoryPages, territoryRoute } from './territories.js';
import { allRefs } from './global-data.js';
import { callsCatalogData, catalogData, catalogPageModule, entryFields, entryUrl, reviewView } from './views.js';

export interface Content {
  entries: LoadedEntry[];
  /** Rendered bodies, by file. */
  bodies: Record<string, HastLite[]>;
  /** Build date (AAAA-MM-JJ): only decides which calls and events the global data and territory pages list. */
  today: string;
  territories: TerritoryPageData[];
  /** National lines shared by the territory pages. */
  territoryNational: TerritoryNational;
  territoryIndex: TerritoryIndexData;
}

const componentsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../components');
const component = (file: string): string => path.join(componentsDir, file);

/**
 * Set only by the build benchmark (bench/build.ts), which builds the same site with and without the
 * territory pages and feeds to measure what they add to the build. Never set it for a real build.
 */
const WITHOUT_TERRITORIES = process.env.ESSAIM_BANC_SANS_TERRITOIRES === '1';

/** Collections that get their catalog and entry pages from this plugin. */
const PAGED = allCollections().filter((c) => c.pages === 'essaim');

/**
 * Entry pages share their data modules: consecutive entries (by id) up to this much JSON per
 * module. Every data module costs every page of the site a registry entry, a chunk and two
 * entries of the runtime's chunk maps; an entry page loads its whole module, hence a bound in bytes.
 */
export const BUCKET_BYTES = 32 * 1024;

/** `items` in order, cut into groups of at most `max` (by `size`); an item larger than `max` is alone. */
export function packBySize<T>(items: readonly T[], size: (item: T) => number, max: number): T[][] {
  const groups: T[][] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    const last = groups.at(-1);
    if (last && bytes + n <= max) {
      last.push(item);
      bytes += n;
    } else {
      groups.push([item]);
      bytes = n;
    }
  }
  return groups;
}

export function siteInfo(context: LoadContext): SiteInfo {
  const { url, baseUrl, title } = context.siteConfig;
  const root = `${url.replace(/\/$/, '')}${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}`;
  return { root, title, host: new URL(url).host };
}

export default function essaimContentPlugin(context: LoadContext): Plugin<Content> {
  const { siteDir } = context;
  /** `@site/…` form of a generated file (shorter in the route registry than its absolute path). */
  const sitePath = (abs: string): string => {
    const rel = path.relative(siteDir, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? abs : `@site/${rel.split(path.sep).join('/')}`;
  };
  return {
    name: PLUGIN_NAME,

    getPathsToWatch() {
      return [path.join(siteDir, 'content/**/*.{md,yaml}')];
    },

    async loadContent() {
      const entries = loadEntries(siteDir);
      const bodies: Record<string, HastLite[]> = {};
      for (const e of entries)
        if (e.collection.format === 'md' && e.collection.pages === 'essaim') bodies[e.file] = renderMarkdown(e.body);
      const today = todayIso();
      const { pages: territories, national } = WITHOUT_TERRITORIES
        ? { pages: [], national: {} }
        : territoryPages(entries, today);
      return {
        entries,
        bodies,
        today,
        territories,
        territoryNational: national,
        territoryIndex: WITHOUT_TERRITORIES
          ? { regions: [], map: '' }
          : await territoryIndex(territories, context.baseUrl),
      };
    },

    async contentLoaded({ content, actions }) {
      const { createData, addRoute, setGlobalData } = actions;
      const { entries, bodies } = content;
      const refs = allRefs(entries);
      const byCollection = (name: string): LoadedEntry[] => entries.filter((e) => e.collection.name === name);

      const catalogItems = async (name: string, data: CatalogData): Promise<string> =>
        sitePath(await createData(`catalog-${name}-items.json`, JSON.stringify(data.items)));
      const catalogPage = async (name: string, data: CatalogData, items?: string): Promise<string> =>
        createData(
          `catalog-${name}.js`,
          catalogPageModule(data, items ?? (await catalogItems(name, data)), content.today),
        );
      for (const c of PAGED) {
        const list = byCollection(c.name);
        addRoute({
          path: c.route,
          component: component('catalog/CatalogPage.tsx'),
          exact: true,
          modules: { catalog: await catalogPage(c.name, catalogData(c, list)) },
        });
        const pages = [...list]
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((e) => {
            const page: EntryPageData = {
              collection: c.name,
              collectionLabel: c.label,
              collectionRoute: c.route,
              id: e.id,
              titre: e.data.titre,
              resume: e.data.resume,
              fields: entryFields(c, e.data, refs),
              body: bodies[e.file] ?? [],
              source: e.file,
              ...(typeof e.data.date_maj === 'string' ? { dateMaj: e.data.date_maj } : {}),
              ...(c.name === 'news' && typeof e.data.date === 'string' ? { published: e.data.date } : {}),
              ...reviewView(c, e.data),
              ...(c.name === 'events' && typeof e.data.debut === 'string'
                ? {
                    status: 'event' as const,
                    window: [e.data.debut, typeof e.data.fin === 'string' ? e.data.fin : null] as [
                      string,
                      string | null,
                    ],
                  }
                : {}),
            };
            return { path: entryUrl(e), json: JSON.stringify(page) };
          });
        for (const [i, bucket] of packBySize(pages, (p) => p.json.length, BUCKET_BYTES).entries()) {
          const json = `{${bucket.map((p) => `${JSON.stringify(p.path)}:${p.json}`).join(',')}}`;
          const data = sitePath(await createData(`${c.name}/lot-${i}.json`, json));
          for (const p of bucket)
            addRoute({
              path: p.path,
              component: component('catalog/EntryPage.tsx'),
              exact: true,
              modules: { entries: data },
            });
        }
      }
      // The finder of the sheets (the sheets themselves are pages of the docs instance), and each
      // maillon's page: the finder pre-filtered by that maillon.
      const practices = findCollection('practices');
      if (!practices) throw new Error('Collection « practices » absente du registre.');
      const finder = catalogData(practices, byCollection('practices'));
      const finderItems = await catalogItems('practices', finder);
      addRoute({
        path: practices.route,
        component: component('catalog/CatalogPage.tsx'),
        exact: true,
        modules: { catalog: await catalogPage('practices', finder, finderItems) },
      });
      for (const [maillon, label] of Object.entries(vocabularies().maillon?.labels ?? {})) {
        const data: CatalogData = {
          ...finder,
          title: label,
          intro: `Les fiches pratiques du maillon « ${label} ». Ajoutez ou retirez des filtres pour chercher dans toutes les fiches.`,
          preset: { maillons: [maillon] },
        };
        addRoute({
          path: `${practices.route}/maillon/${maillon}`,
          component: component('catalog/CatalogPage.tsx'),
          exact: true,
          modules: { catalog: await catalogPage(`practices-${maillon}`, data, finderItems) },
        });
      }

      const funders = collections.get('funders')!;
      const calls = await catalogPage('calls', callsCatalogData(funders, byCollection('funders')));
      addRoute({
        path: `${funders.route}/appels`,
        component: component('catalog/CatalogPage.tsx'),
        exact: true,
        modules: { catalog: calls },
      });

      const docs = await createData(
        'donnees.json',
        JSON.stringify(allCollections().map((c) => collectionDoc(c, byCollection(c.name).length))),
      );
      addRoute({
        path: '/donnees',
        component: component('catalog/DataPage.tsx'),
        exact: true,
        modules: { collections: docs },
      });

      if (!WITHOUT_TERRITORIES) {
        const index = await createData('territoires.json', JSON.stringify(content.territoryIndex));
        addRoute({
          path: TERRITORIES_ROUTE,
          component: component('territory/TerritoriesPage.tsx'),
          exact: true,
          modules: { index: sitePath(index) },
        });
      }
      const national =
        content.territories.length > 0
          ? sitePath(await createData('territoires/national.json', JSON.stringify(content.territoryNational)))
          : '';
      for (const t of content.territories) {
        const data = await createData(`territoires/${t.code}.json`, JSON.stringify(t));
        addRoute({
          path: territoryRoute(t.code),
          component: component('territory/TerritoryPage.tsx'),
          exact: true,
          modules: { territory: sitePath(data), national },
        });
      }

      setGlobalData(globalData(entries, content.today));
    },

    async postBuild({ outDir, content }) {
      const { entries } = content;
      const site = siteInfo(context);
      const write = async (rel: string, text: string): Promise<void> => {
        const file = path.join(outDir, rel);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, text);
      };
      await write(SEARCH_FILE, JSON.stringify(buildSearchPayload(entries)));
      await write('flux/nouveautes.atom', atomFeed(entries, site));
      const news = entries.filter((e) => e.collection.name === 'news');
      const newsFeed = {
        title: 'actualités',
        subtitle: 'Veille, revues de presse et lettres d’information de la lutte contre la précarité alimentaire.',
      };
      await write('actualites/atom.xml', atomFeed(news, site, { ...newsFeed, path: '/actualites/atom.xml' }));
      await write('actualites/rss.xml', rssFeed(news, site, { ...newsFeed, path: '/actualites/rss.xml' }));
      const stamp = new Date();
      await write(
        'agenda.ics',
        eventsIcs(
          entries.filter((e) => e.collection.name === 'events'),
          site,
          stamp,
        ),
      );
      await write(
        'financements/appels.ics',
        callsIcs(
          entries.filter((e) => e.collection.name === 'funders'),
          site,
          stamp,
        ),
      );
      if (!WITHOUT_TERRITORIES)
        for (const f of territoryFeeds(entries, site, stamp, content.today)) await write(f.path, f.text);
      const funders = entries.filter((e) => e.collection.name === 'funders');
      await write('donnees/appels.json', callsJson(funders));
      await write('donnees/appels.csv', callsCsv(funders));
      for (const c of allCollections()) {
        const list = entries.filter((e) => e.collection.name === c.name);
        await write(`donnees/${c.name}.json`, collectionJson(c, list));
        await write(`donnees/${c.name}.csv`, collectionCsv(c, list));
      }
    },

    configureWebpack() {
      // The TypeScript sources import each other with `.js` extensions (NodeNext): let the
      // bundler find the `.ts`/`.tsx` file behind them.
      return { resolve: { extensionAlias: { '.js': ['.js', '.ts', '.tsx'] } } };
    },
  };
}
