/** Every content rule, one per file, with a stable id. */
import { aCompleter } from './a-completer.js';
import { appelPermanentCloture } from './appel-permanent-cloture.js';
import { dateFuture } from './date-future.js';
import { datesCoherentes } from './dates-coherentes.js';
import { dossierMaillon } from './dossier-maillon.js';
import { htmlInterdit } from './html-interdit.js';
import { idNomFichier } from './id-nom-fichier.js';
import { idUnique } from './id-unique.js';
import { imageHorsDepot } from './image-hors-depot.js';
import { imageIntrouvable } from './image-introuvable.js';
import { lienCheminInterdit } from './lien-chemin-interdit.js';
import { lienInterneIntrouvable } from './lien-interne-introuvable.js';
import { lienDangereux } from './lien-dangereux.js';
import { markdownTropImbrique } from './markdown-trop-imbrique.js';
import { referenceIntrouvable } from './reference-introuvable.js';
import { schemaRule } from './schema.js';
import { territoireInconnu } from './territoire-inconnu.js';
import { texteBalisage } from './texte-balisage.js';
import type { EntryRule, RepositoryRule } from './types.js';

export const entryRules: readonly EntryRule[] = [
  schemaRule,
  idNomFichier,
  dossierMaillon,
  territoireInconnu,
  datesCoherentes,
  appelPermanentCloture,
  dateFuture,
  aCompleter,
  markdownTropImbrique,
  htmlInterdit,
  lienDangereux,
  imageHorsDepot,
  imageIntrouvable,
  lienCheminInterdit,
  lienInterneIntrouvable,
  texteBalisage,
];
export const repositoryRules: readonly RepositoryRule[] = [idUnique, referenceIntrouvable];

/** Rules checked while reading files, before any entry rule (they have no module of their own). */
export const fileRules = {
  encodage: 'Le fichier est du texte UTF-8, sans caractère nul.',
  'taille-fichier': 'Le fichier pèse 1 Mo au plus.',
  'front-matter': 'Une entrée Markdown commence par un en-tête YAML entre deux lignes `---` (ni JavaScript, ni TOML).',
  yaml: 'Le YAML est bien formé, sans alias, sans champ en double ni nom réservé, pas trop imbriqué.',
  'mdx-interdit': 'Aucun fichier .mdx dans content/ : le contenu est du Markdown simple.',
  'fichier-inattendu': 'Un dossier de collection ne contient que des entrées au format de la collection.',
} as const;
