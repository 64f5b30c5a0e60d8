import { describe, expect, it } from 'vitest';
import { trimClientModules, trimClientRoutes } from './client-routes.js';

// The three files as Docusaurus 3 generates them (.docusaurus/), for a catalog and two entries.
const routesJs = `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export default [
  {
    path: '/outils',
    component: ComponentCreator('/outils', 'a1b'),
    exact: true
  },
  {
    path: '/outils/grille',
    component: ComponentCreator('/outils/grille', 'c2d'),
    exact: true
  },
  {
    path: '/outils/kit',
    component: ComponentCreator('/outils/kit', 'e3f'),
    exact: true
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
const registryJs = `export default {
  "1f391b9e": [() => import(/* webpackChunkName: "1f391b9e" */ "@site/src/components/catalog/CatalogPage.tsx"), "@site/src/components/catalog/CatalogPage.tsx", require.resolveWeak("@site/src/components/catalog/CatalogPage.tsx")],
  "1f4a0c77": [() => import(/* webpackChunkName: "1f4a0c77" */ "@site/src/components/catalog/EntryPage.tsx"), "@site/src/components/catalog/EntryPage.tsx", require.resolveWeak("@site/src/components/catalog/EntryPage.tsx")],
  "3510d3a4": [() => import(/* webpackChunkName: "3510d3a4" */ "@generated/essaim-content/default/__plugin.json"), "@generated/essaim-content/default/__plugin.json", require.resolveWeak("@generated/essaim-content/default/__plugin.json")],
  "6a99b58f": [() => import(/* webpackChunkName: "6a99b58f" */ "@generated/essaim-content/default/catalog-tools.json"), "@generated/essaim-content/default/catalog-tools.json", require.resolveWeak("@generated/essaim-content/default/catalog-tools.json")],
  "a9468a9f": [() => import(/* webpackChunkName: "a9468a9f" */ "@generated/essaim-content/default/e1.json"), "@generated/essaim-content/default/e1.json", require.resolveWeak("@generated/essaim-content/default/e1.json")],
  "a94e1111": [() => import(/* webpackChunkName: "a94e1111" */ "@generated/essaim-content/default/e2.json"), "@generated/essaim-content/default/e2.json", require.resolveWeak("@generated/essaim-content/default/e2.json")],
  "e5f0aa12": [() => import(/* webpackChunkName: "e5f0aa12" */ "@site/src/pages/index.tsx"), "@site/src/pages/index.tsx", require.resolveWeak("@site/src/pages/index.tsx")],};
`;
const chunkNames = {
  '/outils-a1b': { __comp: '1f391b9e', __context: { plugin: '3510d3a4' }, catalog: '6a99b58f' },
  '/outils/grille-c2d': { __comp: '1f4a0c77', __context: { plugin: '3510d3a4' }, entry: 'a9468a9f' },
  '/outils/kit-e3f': { __comp: '1f4a0c77', __context: { plugin: '3510d3a4' }, entry: 'a94e1111' },
  '/-0aa': { __comp: 'e5f0aa12' },
};

describe('table des routes du navigateur', () => {
  it('remplace les routes des entrées par une route paramétrée par collection, avant la page 404', () => {
    const out = trimClientRoutes({ routesJs, registryJs, chunkNames }, new Set(['/outils/grille', '/outils/kit']), ['/outils', '/etudes']);
    expect(out.removed).toBe(2);
    expect(out.routesJs).not.toContain('/outils/grille');
    expect(out.routesJs).toContain(`  {
    path: '/',
    component: ComponentCreator('/', '0aa'),
    exact: true
  },
  {
    path: '/outils/:id',
    component: ComponentCreator('/outils/:id', 'essaim'),
    exact: true
  },
  {
    path: '*',`);
    expect(out.routesJs).not.toContain('/etudes/:id');
    // The entries' data modules leave the registry; shared components and contexts stay, under
    // short chunk names used the same way by the routes.
    expect(out.chunkNames).toEqual({
      '/outils-a1b': { __comp: 'c0', __context: { plugin: 'c2' }, catalog: 'c3' },
      '/-0aa': { __comp: 'c4' },
      '/outils/:id-essaim': { __comp: 'c1', __context: { plugin: 'c2' } },
    });
    // Module paths, which only the server uses, are left out; the imports stay.
    expect(out.registryJs).toBe(`export default {
  "c0": [() => import(/* webpackChunkName: "c0" */ "@site/src/components/catalog/CatalogPage.tsx"), "", require.resolveWeak("@site/src/components/catalog/CatalogPage.tsx")],
  "c1": [() => import(/* webpackChunkName: "c1" */ "@site/src/components/catalog/EntryPage.tsx"), "", require.resolveWeak("@site/src/components/catalog/EntryPage.tsx")],
  "c2": [() => import(/* webpackChunkName: "c2" */ "@generated/essaim-content/default/__plugin.json"), "", require.resolveWeak("@generated/essaim-content/default/__plugin.json")],
  "c3": [() => import(/* webpackChunkName: "c3" */ "@generated/essaim-content/default/catalog-tools.json"), "", require.resolveWeak("@generated/essaim-content/default/catalog-tools.json")],
  "c4": [() => import(/* webpackChunkName: "c4" */ "@site/src/pages/index.tsx"), "", require.resolveWeak("@site/src/pages/index.tsx")],
};
`);
  });

  it('garde la fin du registre quand sa dernière ligne part avec une entrée', () => {
    const lastRemoved = registryJs.replace(/\],\n {2}"e5f0aa12".*\],\};\n$/, '],};\n');
    expect(lastRemoved.endsWith('"@generated/essaim-content/default/e2.json")],};\n')).toBe(true);
    const out = trimClientRoutes({ routesJs, registryJs: lastRemoved, chunkNames: { ...chunkNames, '/-0aa': {} } }, new Set(['/outils/grille', '/outils/kit']), ['/outils']);
    expect(out.registryJs.endsWith('"@generated/essaim-content/default/catalog-tools.json")],\n};\n')).toBe(true);
  });

  it('garde toutes les routes quand aucune entrée n’est publiée', () => {
    const out = trimClientRoutes({ routesJs, registryJs, chunkNames }, new Set(), ['/outils']);
    expect(out.routesJs).toBe(routesJs);
    expect(Object.keys(out.chunkNames)).toEqual(Object.keys(chunkNames));
    expect(out.chunkNames['/outils/kit-e3f']).toEqual({ __comp: 'c1', __context: { plugin: 'c2' }, entry: 'c5' });
    expect(out.registryJs.match(/^ {2}"/gm)).toHaveLength(7);
  });

  it('retire le chargeur des langages de Prism quand le site n’en ajoute aucun', () => {
    const modules = `export default [
  require("/r/node_modules/infima/dist/css/default/default.css"),
  require("/r/node_modules/@docusaurus/theme-classic/lib/prism-include-languages"),
  require("/r/node_modules/@docusaurus/theme-classic/lib/nprogress"),
];
`;
    expect(trimClientModules(modules, [])).toBe(modules.replace('  require("/r/node_modules/@docusaurus/theme-classic/lib/prism-include-languages"),\n', ''));
    expect(trimClientModules(modules, ['bash'])).toBe(modules);
  });

  it('refuse un format de routes.js inattendu plutôt que de produire une table fausse', () => {
    expect(() => trimClientRoutes({ routesJs: 'export default [];', registryJs, chunkNames }, new Set(['/outils/kit']), ['/outils']))
      .toThrowErrorMatchingInlineSnapshot(`[Error: routes.js : 0 routes d’entrées trouvées sur 1 (format de Docusaurus inattendu)]`);
    const reformatted = routesJs.replace(/\n {4}exact: true/g, ' exact: true');
    expect(() => trimClientRoutes({ routesJs: reformatted, registryJs, chunkNames }, new Set(['/outils/kit']), ['/outils']))
      .toThrowErrorMatchingInlineSnapshot(`[Error: routes.js : 0 routes d’entrées trouvées sur 1 (format de Docusaurus inattendu)]`);
  });
});
