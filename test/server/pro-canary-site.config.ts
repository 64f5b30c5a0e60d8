/**
 * A small site built from the content repository of the service in the canary test
 * (pro-canary.test.ts): `docusaurus build <repo> --config <this file>`. The content plugin, as on the
 * portal, with the practices published by the docs plugin so that every link resolves.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, Plugin } from '@docusaurus/types';
import { entryFrontMatterParser } from '../../src/plugins/sheets/frontMatter.ts';
import { sheetsSidebarItemsGenerator } from '../../src/plugins/sheets/sidebar.ts';

const siteDir = process.env.ESSAIM_REPO_DIR ?? process.cwd();
const generatedDir = path.resolve(siteDir, process.env.DOCUSAURUS_GENERATED_FILES_DIR_NAME ?? '.docusaurus');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
  title: 'Essaim (canari)',
  url: 'https://essaim.example.org',
  baseUrl: '/',
  trailingSlash: false,
  i18n: { defaultLocale: 'fr', locales: ['fr'] },
  // Links to the portal's own pages (home, form, alerts), absent from this small site: not what it is built for.
  onBrokenLinks: 'ignore',
  markdown: { format: 'detect', parseFrontMatter: entryFrontMatterParser(siteDir) },
  presets: [['classic', { docs: false, blog: false }]],
  plugins: [
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'practices',
        path: 'content/practices',
        routeBasePath: 'fiches',
        sidebarPath: path.join(root, 'sidebars.practices.ts'),
        sidebarItemsGenerator: sheetsSidebarItemsGenerator,
        include: ['**/*.md'],
      },
    ],
    path.join(root, 'src/plugins/content/index.ts'),
    generatedFilesAsAuto,
  ],
  themeConfig: { colorMode: { disableSwitch: true } },
};

export default config;
