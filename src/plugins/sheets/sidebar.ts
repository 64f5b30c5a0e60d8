/**
 * The sidebar of the practice sheets: one category per maillon (French label from the shared
 * vocabulary, in the vocabulary's order), each with its own page `/fiches/maillon/<maillon>`.
 * Every maillon gets its category, even before it has a sheet, so that links to it never break.
 * (`_category_.json` files are not allowed in content/: the labels come from the schemas.)
 */
import type { PluginOptions } from '@docusaurus/plugin-content-docs';
import { vocabularies } from '../../content/schemas.js';

type Generator = PluginOptions['sidebarItemsGenerator'];
type Items = Awaited<ReturnType<Generator>>;
type Item = Items[number];

export interface Maillon {
  id: string;
  label: string;
}

export function maillons(): Maillon[] {
  const labels = vocabularies().maillon?.labels ?? {};
  return Object.entries(labels).map(([id, label]) => ({ id, label }));
}

/** Route (relative to the docs instance) of a maillon's index page. */
export const maillonSlug = (id: string): string => `/maillon/${id}`;

export const sheetsSidebarItemsGenerator: Generator = async (args) => {
  const generated = await args.defaultSidebarItemsGenerator(args);
  const byFolder = new Map<string, Item[]>();
  const loose: Item[] = [];
  for (const item of generated) {
    if (item.type === 'category') byFolder.set(item.label, item.items);
    else loose.push(item);
  }
  // The current edition's maillon pages are the sheets' finder pre-filtered (content plugin);
  // cut editions keep a generated index page per maillon.
  const current = args.version.versionName === 'current';
  const categories: Item[] = maillons().map((m) => ({
    type: 'category',
    label: m.label,
    collapsible: true,
    collapsed: true,
    items: [
      ...(current
        ? [{ type: 'link' as const, label: `Toutes les fiches : ${m.label}`, href: `/fiches${maillonSlug(m.id)}` }]
        : []),
      ...(byFolder.get(m.id) ?? []),
    ],
    ...(current
      ? {}
      : {
          link: {
            type: 'generated-index' as const,
            slug: maillonSlug(m.id),
            title: m.label,
            description: `Les fiches pratiques du maillon « ${m.label} ».`,
          },
        }),
  }));
  return [...categories, ...loose];
};
