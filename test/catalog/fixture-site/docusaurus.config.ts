/**
 * A tiny site for the content plugin's browser tests: the plugin, and the sheets published by the
 * docs plugin as on the portal (so that every link to an entry resolves), with a few entries in
 * content/. Built by test/catalog/site.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, Plugin } from '@docusaurus/types';
import { entryFrontMatterParser } from '../../../src/plugins/sheets/frontMatter.ts';
import { sheetsSidebarItemsGenerator } from '../../../src/plugins/sheets/sidebar.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
const generatedDir = path.resolve(siteDir, process.env.DOCUSAURUS_GENERATED_FILES_DIR_NAME ?? '.docusaurus');

/** The repository is `"type": "module"`: Docusaurus' generated CommonJS-style files must be read as such. */
function generatedFilesAsAuto(): Plugin {
  return {
    name: 'essaim-generated-files',
    configureWebpack: () => ({
      module: { rules: [{ test: /\.js$/, include: [generatedDir], type: 'javascript/auto' }] },
    }),
  };
}

const config: Config = {
  title: 'Essaim (essai)',
  url: 'https://essaim.example.org',
  baseUrl: '/',
  trailingSlash: false,
  // As the portal: Docusaurus v4 behaviour without CSS cascade layers (the theme's colours must win).
  future: {
    v4: {
      removeLegacyPostBuildHeadAttribute: true,
      useCssCascadeLayers: false,
      siteStorageNamespacing: true,
      fasterByDefault: true,
      mdx1CompatDisabledByDefault: true,
    },
  },
  i18n: { defaultLocale: 'fr', locales: ['fr'] },
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { format: 'detect', parseFrontMatter: entryFrontMatterParser(siteDir) },
  presets: [
    ['classic', { docs: false, blog: false, theme: { customCss: [path.join(siteDir, 'src/css/fixture.css')] } }],
  ],
  plugins: [
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'practices',
        path: 'content/practices',
        routeBasePath: 'fiches',
        sidebarPath: path.join(siteDir, '../../../sidebars.practices.ts'),
        sidebarItemsGenerator: sheetsSidebarItemsGenerator,
        include: ['**/*.md'],
      },
    ],
    '../../../src/plugins/content/index.ts',
    generatedFilesAsAuto,
  ],
  themeConfig: {
    colorMode: { disableSwitch: true },
    navbar: {
      title: 'Essaim',
      items: [
        { to: '/etudes', label: 'Études', position: 'left' },
        { type: 'search', position: 'right' },
      ],
    },
  },
};

export default config;
