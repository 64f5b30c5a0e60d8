/**
 * Configuration of the Essaim portal (Docusaurus). The site is in French; its content is read from
 * content/ through the project's core (safe parser + validator), never through Docusaurus' own
 * front-matter engine. See src/plugins/sheets/frontMatter.ts for the mapping of the French fields.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, Plugin } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import type { Options as DocsOptions, VersionOptions } from '@docusaurus/plugin-content-docs';
import { entryFrontMatterParser } from './src/plugins/sheets/frontMatter.ts';
import { sheetsSidebarItemsGenerator } from './src/plugins/sheets/sidebar.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
const repoUrl = 'https://github.com/essaim-portail/essaim';
const editUrl = `${repoUrl}/edit/main/`;
/** Docusaurus' generated files (the tests build into their own folder: DOCUSAURUS_GENERATED_FILES_DIR_NAME). */
const generatedDir = path.resolve(siteDir, process.env.DOCUSAURUS_GENERATED_FILES_DIR_NAME ?? '.docusaurus');

/**
 * Bundler settings for this repository:
 * - the package is `"type": "module"`, so the bundler would read Docusaurus' generated CommonJS-style
 *   files (`require.resolveWeak` in the route registry) as strict ES modules and break them;
 * - the code imports TypeScript files by their `.js` name (NodeNext), in the browser bundle too;
 * - the server bundle's chunks must stay CommonJS for Node (see below).
 */
function bundlerSettings(): Plugin {
  return {
    name: 'essaim-bundler-settings',
    configureWebpack: (_config, isServer) => ({
      module: { rules: [{ test: /\.js$/, include: [generatedDir], type: 'javascript/auto' }] },
      resolve: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
      // The server bundle's chunks are CommonJS, loaded with require() during static rendering:
      // inside this `"type": "module"` package (build/__server/), a `.js` name would make Node read them as ES modules.
      ...(isServer ? { output: { chunkFilename: 'assets/js/[name].[contenthash:8].cjs' } } : {}),
    }),
  };
}

/** Cut editions of the practice sheets (written by `essaim edition <nom>`). */
function editions(): string[] {
  const file = path.join(siteDir, 'practices_versions.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : [];
}

function practiceVersions(): Record<string, VersionOptions> {
  const versions: Record<string, VersionOptions> = {
    current: { label: 'Édition en cours (prochaine)', path: '', banner: 'none', badge: true },
  };
  for (const name of editions())
    versions[name] = { label: `Édition ${name}`, path: name, banner: 'unmaintained', badge: true };
  return versions;
}

/**
 * `preload` links for the Marianne faces of almost every page's text (regular) and headings (bold),
 * and, on a wide screen, of the header's buttons and the menu (medium): the subset files written by
 * scripts/subset-fonts.ts, fetched along with the stylesheet, so that no text drawn at once changes
 * width when its face arrives (a layout shift). A phone shows no medium text at first: no preload.
 */
function fontPreloads(): Config['headTags'] {
  const dir = path.join(siteDir, 'static/assets/fonts');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return files.flatMap((f) => {
    const face = /^marianne-(regular|bold|medium)\.[0-9a-f]+\.woff2$/.exec(f)?.[1];
    if (!face) return [];
    return [
      {
        tagName: 'link',
        attributes: {
          rel: 'preload',
          href: `/assets/fonts/${f}`,
          as: 'font',
          type: 'font/woff2',
          crossorigin: 'anonymous',
          // The DSFR's breakpoint where the header shows its buttons and the menu its links.
          ...(face === 'medium' ? { media: '(min-width: 62em)' } : {}),
        },
      },
    ];
  });
}

const practicesDocs: DocsOptions = {
  id: 'practices',
  path: 'content/practices',
  routeBasePath: 'fiches',
  sidebarPath: './sidebars.practices.ts',
  sidebarItemsGenerator: sheetsSidebarItemsGenerator,
  include: ['**/*.md'],
  editUrl,
  showLastUpdateTime: true,
  showLastUpdateAuthor: false,
  lastVersion: 'current',
  versions: practiceVersions(),
  breadcrumbs: true,
};

const config: Config = {
  title: 'Essaim',
  tagline: 'Le portail ouvert de la lutte contre la précarité alimentaire',
  favicon: 'img/favicon.svg',
  headTags: fontPreloads(),
  url: 'https://essaim-portail.github.io',
  baseUrl: '/',
  organizationName: 'essaim-portail',
  projectName: 'essaim',
  trailingSlash: false,

  // Docusaurus v4 behaviour (Rspack + SWC through @docusaurus/faster), except CSS cascade layers:
  // their polyfill raises the specificity of Infima's rules above the DSFR's, whose components
  // (links, buttons, tiles) must keep their own look. Without layers, the DSFR, loaded after
  // Infima, wins at equal specificity.
  future: {
    v4: {
      removeLegacyPostBuildHeadAttribute: true,
      useCssCascadeLayers: false,
      siteStorageNamespacing: true,
      fasterByDefault: true,
      mdx1CompatDisabledByDefault: true,
    },
    // Rspack's persistent cache (node_modules/.cache/rspack) speeds up rebuilds; the site tests turn
    // it off (ESSAIM_CACHE_RSPACK=non): across builds with other generated-files folders it served
    // modules that pointed to deleted files.
    faster: { rspackPersistentCache: process.env.ESSAIM_CACHE_RSPACK !== 'non' },
  },

  i18n: {
    defaultLocale: 'fr',
    locales: ['fr'],
    localeConfigs: { fr: { label: 'Français', htmlLang: 'fr-FR' } },
  },

  // Broken links fail the build. ESSAIM_LIENS_CASSES=warn only lowers this while the portal is being assembled.
  onBrokenLinks: process.env.ESSAIM_LIENS_CASSES === 'warn' ? 'warn' : 'throw',
  onBrokenAnchors: 'warn',

  markdown: {
    format: 'detect',
    parseFrontMatter: entryFrontMatterParser(siteDir),
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  presets: [
    [
      'classic',
      {
        docs: false,
        // The news are published by the content plugin, like the other collections.
        blog: false,
        pages: { include: ['**/*.{md,tsx}'], exclude: ['**/_*', '**/*.test.*', '**/__tests__/**'] },
        theme: {
          customCss: [
            // The État's design system, served from the installed package (fonts included).
            './node_modules/@gouvfr/dsfr/dist/core/core.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/link/link.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/logo/logo.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/header/header.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/footer/footer.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/button/button.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/tag/tag.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/badge/badge.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/tile/tile.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/card/card.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/callout/callout.min.css',
            './node_modules/@gouvfr/dsfr/dist/component/notice/notice.min.css',
            // After the DSFR's core: Marianne in small files (scripts/subset-fonts.ts).
            './src/css/fonts.css',
            './src/css/custom.css',
          ],
        },
        sitemap: { changefreq: 'weekly' },
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    ['@docusaurus/plugin-content-docs', practicesDocs],
    path.join(siteDir, 'src/plugins/content/index.ts'),
    path.join(siteDir, 'src/plugins/sheets/index.ts'),
    bundlerSettings,
  ],

  themeConfig: {
    metadata: [
      {
        name: 'description',
        content:
          'Essaim : fiches pratiques, études, financements, formations, outils et agenda de la lutte contre la précarité alimentaire.',
      },
    ],
    colorMode: { defaultMode: 'light', disableSwitch: true, respectPrefersColorScheme: false },
    docs: { sidebar: { hideable: false, autoCollapseCategories: false } },
    navbar: {
      hideOnScroll: false,
      items: [
        { to: '/fiches', label: 'Fiches pratiques', position: 'left', activeBaseRegex: '^/fiches' },
        { to: '/etudes', label: 'Études', position: 'left' },
        { to: '/financements', label: 'Financements', position: 'left' },
        { to: '/formations', label: 'Formations', position: 'left' },
        { to: '/outils', label: 'Outils', position: 'left' },
        { to: '/agenda', label: 'Agenda', position: 'left' },
        { to: '/plateformes', label: 'Plateformes', position: 'left' },
        { to: '/acteurs', label: 'Acteurs', position: 'left' },
        { to: '/actualites', label: 'Actualités', position: 'left' },
        { to: '/contribuer', label: 'Contribuer', position: 'left' },
        { type: 'search', position: 'right' },
        ...(editions().length > 0
          ? [
              {
                type: 'docsVersionDropdown' as const,
                docsPluginId: 'practices',
                position: 'right' as const,
                dropdownActiveClassDisabled: true,
              },
            ]
          : []),
      ],
    },
    footer: { style: 'light', links: [] },
    tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
  } satisfies Preset.ThemeConfig,
};

export default config;
