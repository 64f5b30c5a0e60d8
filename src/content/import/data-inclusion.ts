/**
 * Public entries of the actors directory from a list of structures in the data·inclusion format
 * (schema « structures » of the Plateforme de l'inclusion). Only public facts are kept — name,
 * summary, type, commune, public website: telephone and e-mail are never written to Git (they belong
 * to the restricted part, in the service's database). A structure that cannot become a valid entry
 * is skipped with its reason, never guessed.
 */
import { collections } from '../collections.js';
import { slugify } from '../serialize.js';

export interface DataInclusionStructure {
  id?: string;
  nom?: string;
  code_insee?: string | null;
  site_web?: string | null;
  presentation_resume?: string | null;
  typologie?: string | null;
  date_maj?: string | null;
}

export interface ImportedActor {
  id: string;
  data: Record<string, unknown>;
}

export interface Skipped {
  name: string;
  reason: string;
}

/** data·inclusion typologies that say plainly which of our structure types it is. */
const TYPES: Record<string, string> = {
  ASSO: 'association',
  CCAS: 'ccas-cias',
  CIAS: 'ccas-cias',
  MUNI: 'collectivite-territoriale',
  EPCI: 'collectivite-territoriale',
  DEPT: 'collectivite-territoriale',
  REG: 'collectivite-territoriale',
};

export const actorsFolder = (): string => collections.get('actors')?.folder ?? 'content/actors';

export function fromDataInclusion(
  structures: readonly DataInclusionStructure[],
  today: string,
): { actors: ImportedActor[]; skipped: Skipped[] } {
  const actors: ImportedActor[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  for (const s of structures) {
    const name = (s.nom ?? '').trim();
    const skip = (reason: string): void => void skipped.push({ name: name || s.id || '(sans nom)', reason });
    if (name.length < 3) {
      skip('nom absent ou trop court');
      continue;
    }
    const type = TYPES[(s.typologie ?? '').trim()];
    if (!type) {
      skip(`typologie « ${s.typologie ?? ''} » sans équivalent sûr dans les types de structure`);
      continue;
    }
    const resume = (s.presentation_resume ?? '').trim();
    if (resume.length < 20 || resume.length > 300) {
      skip('résumé (presentation_resume) absent, ou hors de 20 à 300 caractères');
      continue;
    }
    const commune = (s.code_insee ?? '').trim();
    if (!/^\d[\dAB]\d{3}$/.test(commune)) {
      skip('code INSEE de la commune absent ou invalide');
      continue;
    }
    const id = slugify(name);
    if (seen.has(id)) {
      skip(`même identifiant (${id}) qu’une autre structure de la liste`);
      continue;
    }
    seen.add(id);
    const site = (s.site_web ?? '').trim();
    actors.push({
      id,
      data: {
        id,
        titre: name,
        resume,
        type_structure: type,
        territoires: [`com-${commune}`],
        ...(site.startsWith('https://') ? { site } : {}),
        date_maj: today,
        note_interne: `Importé de data·inclusion${s.id ? ` (identifiant ${s.id})` : ''} : maillons à renseigner.`,
      },
    });
  }
  return { actors, skipped };
}
