/**
 * Migrations of existing entries to a newer content model, applied by `essaim migrer`. Each step
 * edits the YAML syntax tree (comments kept) and says whether it changed anything: a step only
 * fills what is missing or renames what is obsolete, so running the migrations twice changes nothing.
 */
import type { Document } from 'yaml';
import type { CollectionName } from '../collections.js';
import type { ParsedEntry } from '../parse.js';
import { syntaxTree } from '../parse.js';
import { canonicalSource } from '../serialize.js';

export interface Migration {
  id: string;
  collection: CollectionName;
  /** French, shown by `essaim migrer`. */
  description: string;
  apply(doc: Document): boolean;
}

export const migrations: readonly Migration[] = [
  {
    id: 'evaluation-niveau-preuve',
    collection: 'practices',
    description:
      '`evaluation: true|false` devient `niveau_preuve: auto-evaluation|aucune` (niveau prudent, à préciser à la relecture).',
    apply(doc) {
      if (!doc.has('evaluation')) return false;
      const evaluated = doc.get('evaluation') === true;
      doc.delete('evaluation');
      if (!doc.has('niveau_preuve')) doc.set('niveau_preuve', evaluated ? 'auto-evaluation' : 'aucune');
      return true;
    },
  },
  {
    id: 'nature-type',
    collection: 'practices',
    description:
      '`nature: type` ajouté aux fiches qui ne disent pas si elles décrivent un type de pratique ou un projet.',
    apply(doc) {
      if (doc.has('nature')) return false;
      doc.set('nature', 'type');
      return true;
    },
  },
];

export interface MigrationResult {
  /** The migrated file, in canonical form; the source unchanged when no step applied. */
  text: string;
  /** Ids of the steps that changed the entry. */
  applied: string[];
}

/** Migrates one readable entry (its data parsed); the text is canonical when anything changed. */
export function migrateEntry(entry: ParsedEntry): MigrationResult {
  const steps = migrations.filter((m) => m.collection === entry.collection.name);
  if (steps.length === 0) return { text: entry.source, applied: [] };
  const doc = syntaxTree(entry.yaml);
  const applied = steps.filter((m) => m.apply(doc)).map((m) => m.id);
  if (applied.length === 0) return { text: entry.source, applied };
  return { text: canonicalSource({ ...entry, yaml: doc.toString() }), applied };
}
