import { describe, expect, it } from 'vitest';
import { moveDocsLists, splitSections } from './route-sections.js';

// The browser's tables (after client-routes.ts) of a site with a home page, a page alone, a docs
// instance (nested routes), a blog (flat routes) and a catalog with its parameterised route.
const routesJs = `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export default [
  {
    path: '/a-propos',
    component: ComponentCreator('/a-propos', 'a01'),
    exact: true
  },
  {
    path: '/actualites',
    component: ComponentCreator('/actualites', 'b01'),
    exact: true
  },
  {
    path: '/actualites/l\\'hiver',
    component: ComponentCreator('/actualites/l\\'hiver', 'b02'),
    exact: true
  },
  {
    path: '/etudes',
    component: ComponentCreator('/etudes', 'e01'),
    exact: true
  },
  {
    path: '/etudes/:id',
    component: ComponentCreator('/etudes/:id', 'essaim'),
    exact: true
  },
  {
    path: '/fiches',
    component: ComponentCreator('/fiches', 'f01'),
    routes: [
      {
        path: '/fiches',
        component: ComponentCreator('/fiches', 'f02'),
        exact: true,
        sidebar: "fiches"
      },
      {
        path: '/fiches/epicerie',
        component: ComponentCreator('/fiches/epicerie', 'f03'),
        exact: true,
        sidebar: "fiches"
      }
    ]
  },
  {
    path: '/',
    component: ComponentCreator('/', '0aa'),
    exact: true
  },
  {
    path: '*',
    component: ComponentCreator('*'),
  },
];
`;
const line = (name: string, module: string): string => `  "${name}": [() => import(/* webpackChunkName: "${name}" */ "${module}"), "", require.resolveWeak("${module}")],`;
const registryJs = `export default {
${line('c0', '@site/src/pages/a-propos.md')}
${line('c1', '@theme/BlogListPage')}
${line('c2', '@theme/BlogPostPage')}
${line('c3', '@generated/blog/post-1.json')}
${line('c4', '@generated/blog/post-2.json')}
${line('c5', '@site/src/components/catalog/CatalogPage.tsx')}
${line('c6', '@site/src/components/catalog/EntryPage.tsx')}
${line('c7', '@generated/essaim-content/default/__plugin.json')}
${line('c8', '@theme/DocsRoot')}
${line('c9', '@theme/DocItem')}
${line('ca', '@site/content/practices/epicerie.md')}
${line('cb', '@site/src/pages/index.tsx')}
};
`;
const chunkNames = {
  '/a-propos-a01': { __comp: 'c0' },
  '/actualites-b01': { __comp: 'c1' },
  "/actualites/l'hiver-b02": { __comp: 'c2', content: 'c3', sidebar: 'c4' },
  '/etudes-e01': { __comp: 'c5', __context: { plugin: 'c7' } },
  '/etudes/:id-essaim': { __comp: 'c6', __context: { plugin: 'c7' } },
  '/fiches-f01': { __comp: 'c8' },
  '/fiches-f02': { __comp: 'c9' },
  '/fiches/epicerie-f03': { __comp: 'c9', content: 'ca' },
  '/-0aa': { __comp: 'cb', __context: { plugin: 'c7' } },
};

describe('sections de routes chargées à la demande', () => {
  const out = splitSections({ routesJs, registryJs, chunkNames }, '', '/site/src/components/routing/lazySection.tsx');

  it('garde une route par section dans la table commune, à sa place, et les pages seules telles quelles', () => {
    expect(out.sections.map((s) => [s.path, s.file, s.routes])).toEqual([['/actualites', 'actualites-0.js', 2], ['/etudes', 'etudes-1.js', 2], ['/fiches', 'fiches-2.js', 3]]);
    expect(out.routesJs).toMatchInlineSnapshot(`
      "import lazySection from "/site/src/components/routing/lazySection.tsx";
      import React from 'react';
      import ComponentCreator from '@docusaurus/ComponentCreator';

      export default [
        {
          path: '/a-propos',
          component: ComponentCreator('/a-propos', 'a01'),
          exact: true
        },
        {
          path: '/actualites',
          component: lazySection(() => import(/* webpackChunkName: "section-actualites-0" */ './actualites-0.js')),
        },
        {
          path: '/etudes',
          component: lazySection(() => import(/* webpackChunkName: "section-etudes-1" */ './etudes-1.js')),
        },
        {
          path: '/fiches',
          component: lazySection(() => import(/* webpackChunkName: "section-fiches-2" */ './fiches-2.js')),
        },
        {
          path: '/',
          component: ComponentCreator('/', '0aa'),
          exact: true
        },
        {
          path: '*',
          component: ComponentCreator('*'),
        },
      ];
      "
    `);
  });

  it('déplace les noms de morceaux et les entrées du registre propres à une section dans son module', () => {
    expect(Object.keys(out.chunkNames)).toEqual(['/a-propos-a01', '/-0aa']);
    // c7 (the plugin's context) is also used by the home page: it stays in the shared registry.
    expect(out.registryJs.match(/^ {2}"(c\w)"/gm)).toEqual(['  "c0"', '  "c7"', '  "cb"']);
    const fiches = out.sections[2]!.js;
    expect(fiches).toMatchInlineSnapshot(`
      "import ComponentCreator from '@docusaurus/ComponentCreator';
      import registry from '@generated/registry';
      import routesChunkNames from '@generated/routesChunkNames';

      Object.assign(registry, {
        "c8": [() => import(/* webpackChunkName: "c8" */ "@theme/DocsRoot"), "", require.resolveWeak("@theme/DocsRoot")],
        "c9": [() => import(/* webpackChunkName: "c9" */ "@theme/DocItem"), "", require.resolveWeak("@theme/DocItem")],
        "ca": [() => import(/* webpackChunkName: "ca" */ "@site/content/practices/epicerie.md"), "", require.resolveWeak("@site/content/practices/epicerie.md")],
      });
      Object.assign(routesChunkNames, {"/fiches-f01":{"__comp":"c8"},"/fiches-f02":{"__comp":"c9"},"/fiches/epicerie-f03":{"__comp":"c9","content":"ca"}});

      export default [
        {
          path: '/fiches',
          component: ComponentCreator('/fiches', 'f01'),
          routes: [
            {
              path: '/fiches',
              component: ComponentCreator('/fiches', 'f02'),
              exact: true,
              sidebar: "fiches"
            },
            {
              path: '/fiches/epicerie',
              component: ComponentCreator('/fiches/epicerie', 'f03'),
              exact: true,
              sidebar: "fiches"
            }
          ]
        },
        {
          path: '*',
          component: ComponentCreator('*'),
        },
      ];
      "
    `);
    // A path with a quote: its key in the chunk names is the unquoted path.
    expect(out.sections[0]!.js).toContain(`"/actualites/l'hiver-b02":{"__comp":"c2","content":"c3","sidebar":"c4"}`);
    expect(out.sections[1]!.js).toContain('"c6": [() => import');
    expect(out.sections[1]!.js).not.toContain('"c7": [');
  });

  it('déplace les listes de documents d’une instance docs dans le module de sa section', () => {
    const version = (name: string, docs: unknown[]) => ({ name, path: name === 'current' ? '/fiches' : `/fiches/${name}`, mainDocId: 'index', docs, sidebars: { fiches: { link: { path: '/fiches/', label: 'Fiches' } } } });
    const docs = [{ id: 'distribution/epicerie', path: '/fiches/epicerie', sidebar: 'fiches' }];
    const globalData = {
      'docusaurus-plugin-content-docs': { practices: { path: '/fiches', versions: [version('current', docs), version('2026', [{ ...docs[0], path: '/fiches/2026/epicerie' }])] }, guide: { path: '/guide', versions: [version('current', [])] } },
      'essaim-content': { default: { refs: {} } },
    };
    const moved = moveDocsLists(globalData, ['/fiches']);
    expect(moved.globalData).toEqual({
      ...globalData,
      'docusaurus-plugin-content-docs': { practices: { path: '/fiches', versions: [version('current', []), version('2026', [])] }, guide: globalData['docusaurus-plugin-content-docs'].guide },
    });
    expect(moved.code.get('/fiches')).toMatchInlineSnapshot(`
      "globalData["docusaurus-plugin-content-docs"]["practices"].versions[0].docs = [{"id":"distribution/epicerie","path":"/fiches/epicerie","sidebar":"fiches"}];
      globalData["docusaurus-plugin-content-docs"]["practices"].versions[1].docs = [{"id":"distribution/epicerie","path":"/fiches/2026/epicerie","sidebar":"fiches"}];
      "
    `);
    const split = splitSections({ routesJs, registryJs, chunkNames }, '', '/l.tsx', globalData);
    expect(split.globalData).toEqual(moved.globalData);
    expect(split.sections[2]!.js).toContain("import globalData from '@generated/globalData';\n");
    expect(split.sections[2]!.js).toContain(moved.code.get('/fiches'));
    expect(split.sections[0]!.js).not.toContain('globalData');
  });

  it('suit l’URL de base, et ne fait rien quand aucune section n’a plus d’une route', () => {
    const based = splitSections({ routesJs: routesJs.replace(/'\//g, "'/essaim/"), registryJs, chunkNames: Object.fromEntries(Object.entries(chunkNames).map(([k, v]) => [`/essaim${k}`, v])) }, '/essaim', '/l.tsx');
    expect(based.sections.map((s) => s.path)).toEqual(['/essaim/actualites', '/essaim/etudes', '/essaim/fiches']);
    const alone = routesJs.replace(/ {2}\{\n {4}path: '\/(actualites|etudes|fiches)[\s\S]*?\n {2}\},\n/g, '');
    expect(splitSections({ routesJs: alone, registryJs, chunkNames }, '', '/l.tsx')).toEqual({ routesJs: alone, registryJs, chunkNames, sections: [], globalData: {} });
  });

  it('refuse un format de routes.js inattendu', () => {
    expect(() => splitSections({ routesJs: 'export default [];', registryJs, chunkNames }, '', '/l.tsx')).toThrowErrorMatchingInlineSnapshot(`[Error: routes.js : « export default [ » introuvable (format de Docusaurus inattendu)]`);
    expect(() => splitSections({ routesJs: routesJs.replace("  {\n    path: '*',", "  {\n    chemin: '*',"), registryJs, chunkNames }, '', '/l.tsx')).toThrowErrorMatchingInlineSnapshot(`[Error: routes.js : route de premier niveau illisible ligne 49 (format de Docusaurus inattendu)]`);
  });
});
