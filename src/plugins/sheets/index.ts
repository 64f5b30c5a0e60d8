/**
 * The sheets plugin: publishes, as global data `essaim-sheets`, what the sheet pages and the home
 * page need to show the practice sheets in French — the labels of the sheet's fields (from the
 * schemas, through the core) and the maillons with their sheet counts. The vocabularies' labels
 * come with the content plugin's global data.
 * The sheets themselves are published by the docs plugin instance `practices`.
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { findCollection } from '../../content/collections.js';
import { listEntries, readEntry } from '../../content/load.js';
import { fieldLabel, schemaAt } from '../../content/schemas.js';
import { isIn, validEntry } from '../../content/validate.js';
import { maillons } from './sidebar.js';
import type { SheetsData } from './types.js';

/** Fields shown above the text of a sheet, in this order. */
export const SHEET_FIELDS = [
  'maillons',
  'territoires',
  'publics',
  'porteur',
  'criteres',
  'stade',
  'nature',
  'niveau_preuve',
  'preuve_lien',
  'chiffres',
  'visites_apprenantes',
  'couts',
  'partenaires',
  'contacts',
  'ressources',
  'derniere_revue',
] as const;

const SUB_FIELDS: Record<string, string[]> = {
  porteur: ['nom', 'type', 'site'],
  contacts: ['structure', 'role', 'site', 'courriel'],
  chiffres: ['valeur', 'source', 'annee'],
};

/** Fields of the sheets whose values have labels of their own (not a shared vocabulary). */
const LABELLED = ['nature', 'niveau_preuve'] as const;

export function sheetsData(siteDir: string): SheetsData {
  const practices = findCollection('practices')!;
  const fields: SheetsData['fields'] = {};
  for (const f of [...SHEET_FIELDS, 'ressources_liees', 'date_maj']) {
    fields[f] = fieldLabel(practices, [f]);
    for (const sub of SUB_FIELDS[f] ?? [])
      fields[`${f}.${sub}`] = fieldLabel(practices, f === 'porteur' ? [f, sub] : [f, 0, sub]);
  }
  const labels: SheetsData['labels'] = {};
  for (const f of LABELLED) labels[f] = schemaAt(practices, [f])?.['x-labels'] ?? {};
  const counts = new Map<string, number>();
  for (const f of listEntries(siteDir, [practices.folder]).files) {
    const entry = validEntry(readEntry(siteDir, f));
    const first = entry && isIn(entry, 'practices') ? entry.data.maillons[0] : undefined;
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return {
    fields,
    labels,
    maillons: maillons().map((m) => ({ ...m, count: counts.get(m.id) ?? 0 })),
  };
}

export default function essaimSheetsPlugin(context: LoadContext): Plugin<SheetsData> {
  return {
    name: 'essaim-sheets',
    loadContent: async () => sheetsData(context.siteDir),
    contentLoaded: async ({ content, actions }) => {
      actions.setGlobalData(content);
    },
    getPathsToWatch: () => [`${context.siteDir}/content/practices/**/*.md`, `${context.siteDir}/schemas/*.json`],
  };
}
