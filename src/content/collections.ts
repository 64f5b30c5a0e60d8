/**
 * The collection registry: the one place that says, for each collection, where its entries live,
 * how they are written, which schema validates them, where the portal publishes them and how
 * readers filter them. The CLI, the site plugins, the form and the submission service all read it.
 */
export type CollectionName =
  'practices' | 'studies' | 'funders' | 'trainings' | 'tools' | 'events' | 'platforms' | 'news' | 'actors';

export type EntryFormat = 'md' | 'yaml';

export interface Collection {
  name: CollectionName;
  /** Folder under the repository root. */
  folder: string;
  format: EntryFormat;
  /** Schema file name in `schemas/`, without `.schema.json`. */
  schema: string;
  /** Route of the catalog on the portal. */
  route: string;
  /** What publishes the catalog and entry pages: Essaim's content plugin, or Docusaurus' docs (versioned sheets). */
  pages: 'essaim' | 'docs';
  /** French labels. */
  label: string;
  singular: string;
  /** Grammatical gender of `singular` (« la fiche pratique », « le financeur »). */
  feminine: boolean;
  /** Short French name used by `essaim new <nom>` (the collection name works too). */
  alias: string;
  /** Fields offered as filters in the catalog, in display order. */
  facets: string[];
  /** Date field by which the catalog lists entries, most recent first (after relevance when searching). */
  sortBy?: string;
  /** Entries are grouped in one sub-folder per value of this field (its first value). */
  groupBy?: string;
  /** Label put on pull requests for this collection. */
  prLabel: string;
  /**
   * How often (in months) an entry must be re-read. Absent for dated collections (events, news):
   * their date says when they stop being current.
   */
  reviewMonths?: number;
  /** Field holding the date of the last review (with reviewMonths). */
  reviewField?: 'derniere_revue' | 'date_maj';
}

const list: Collection[] = [
  {
    name: 'practices',
    folder: 'content/practices',
    format: 'md',
    schema: 'practice',
    route: '/fiches',
    pages: 'docs',
    label: 'Fiches pratiques',
    singular: 'fiche pratique',
    feminine: true,
    alias: 'fiche',
    groupBy: 'maillons',
    sortBy: 'derniere_revue',
    prLabel: 'fiches',
    reviewMonths: 12,
    reviewField: 'derniere_revue',
    facets: ['nature', 'maillons', 'territoires', 'publics', 'criteres', 'stade', 'niveau_preuve', 'porteur.type'],
  },
  {
    name: 'studies',
    folder: 'content/studies',
    format: 'md',
    schema: 'study',
    route: '/etudes',
    pages: 'essaim',
    label: 'Études et rapports',
    singular: 'étude',
    feminine: true,
    alias: 'etude',
    prLabel: 'etudes',
    reviewMonths: 24,
    reviewField: 'date_maj',
    facets: ['type', 'maillons', 'territoires', 'publics', 'date_publication'],
  },
  {
    name: 'funders',
    folder: 'content/funders',
    format: 'yaml',
    schema: 'funder',
    route: '/financements',
    pages: 'essaim',
    label: 'Financeurs et appels à projets',
    singular: 'financeur',
    feminine: false,
    alias: 'financeur',
    prLabel: 'financements',
    reviewMonths: 6,
    reviewField: 'date_maj',
    facets: ['type', 'maillons', 'territoires'],
  },
  {
    name: 'trainings',
    folder: 'content/trainings',
    format: 'yaml',
    schema: 'training',
    route: '/formations',
    pages: 'essaim',
    label: 'Offres de formation',
    singular: 'formation',
    feminine: true,
    alias: 'formation',
    prLabel: 'formations',
    reviewMonths: 12,
    reviewField: 'date_maj',
    facets: ['format', 'gratuit', 'audience', 'maillons', 'territoires', 'publics'],
  },
  {
    name: 'tools',
    folder: 'content/tools',
    format: 'md',
    schema: 'tool',
    route: '/outils',
    pages: 'essaim',
    label: 'Outils méthodologiques',
    singular: 'outil',
    feminine: false,
    alias: 'outil',
    prLabel: 'outils',
    reviewMonths: 12,
    reviewField: 'date_maj',
    facets: ['type', 'gratuit', 'maillons', 'territoires', 'publics'],
  },
  {
    name: 'events',
    folder: 'content/events',
    format: 'yaml',
    schema: 'event',
    route: '/agenda',
    pages: 'essaim',
    label: 'Agenda',
    singular: 'événement',
    feminine: false,
    alias: 'evenement',
    prLabel: 'agenda',
    facets: ['type', 'en_ligne', 'maillons', 'territoires', 'publics', 'debut'],
  },
  {
    name: 'platforms',
    folder: 'content/platforms',
    format: 'yaml',
    schema: 'platform',
    route: '/plateformes',
    pages: 'essaim',
    label: 'Plateformes existantes',
    singular: 'plateforme',
    feminine: true,
    alias: 'plateforme',
    prLabel: 'plateformes',
    reviewMonths: 12,
    reviewField: 'date_maj',
    facets: ['gratuit', 'maillons', 'territoires', 'publics'],
  },
  {
    name: 'news',
    folder: 'content/news',
    format: 'md',
    schema: 'news',
    route: '/actualites',
    pages: 'essaim',
    label: 'Actualités',
    singular: 'actualité',
    feminine: true,
    alias: 'actualite',
    prLabel: 'actualites',
    // Newest first.
    sortBy: 'date',
    facets: ['type', 'maillons', 'territoires', 'date'],
  },
  {
    // The public part only: contacts and needs live in the service's database (professionals' space).
    name: 'actors',
    folder: 'content/actors',
    format: 'yaml',
    schema: 'actor',
    route: '/acteurs',
    label: 'Annuaire des acteurs',
    singular: 'acteur',
    alias: 'acteur',
    prLabel: 'acteurs',
    pages: 'essaim',
    feminine: false,
    reviewMonths: 12,
    reviewField: 'date_maj',
    facets: ['type_structure', 'maillons', 'territoires', 'habilitation.niveau'],
  },
];

export const collections: ReadonlyMap<CollectionName, Collection> = new Map(list.map((c) => [c.name, c]));

export function allCollections(): readonly Collection[] {
  return list;
}

/** Rank of a collection in the registry, the order in which the portal and the tools list them. */
export function collectionOrder(name: CollectionName): number {
  return list.findIndex((c) => c.name === name);
}

/** Finds a collection by its name or French alias (`fiche`, `etude`…), accents ignored. */
export function findCollection(nameOrAlias: string): Collection | undefined {
  const key = nameOrAlias.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return list.find((c) => c.name === key || c.alias === key || c.alias + 's' === key);
}

export function extensionOf(c: Collection): string {
  return c.format === 'md' ? '.md' : '.yaml';
}

/** The collection a repository-relative path belongs to, if any. */
export function collectionOfPath(relPath: string): Collection | undefined {
  const p = relPath.split('\\').join('/');
  return list.find((c) => p.startsWith(c.folder + '/'));
}

/** The id of an entry, from its file's name: `content/practices/distribution/epicerie.md` → `epicerie`. */
export function idOfFile(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** `<collection>/<id>` of an entry file, from its name. */
export function refOfFile(f: { collection: Collection; file: string }): string {
  return `${f.collection.name}/${idOfFile(f.file)}`;
}

/** Address of an entry's page on the portal (sheets and news included: their slug is their id). */
export function entryUrl(c: Collection, id: string): string {
  return `${c.route}/${id}`;
}
