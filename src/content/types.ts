/** The types of entries, generated from the schemas (`npm run gen:types`). */
import type { Collection, CollectionName } from './collections.js';
import type { ParsedEntry } from './parse.js';
import type { Entries } from './types.generated.js';

export type {
  AppelAProjets,
  Entries,
  Event,
  Funder,
  News,
  Platform,
  Practice,
  Study,
  Tool,
  Training,
} from './types.generated.js';

/** The data of an entry of collection `K`, once validated. */
export type EntryOf<K extends CollectionName> = Entries[K];

/** An entry of collection `K` whose data passed the collection's schema. */
export interface ValidEntryOf<K extends CollectionName> extends Omit<ParsedEntry, 'collection' | 'data'> {
  collection: Collection & { name: K };
  data: EntryOf<K>;
}

/** An entry whose data passed its collection's schema (`isIn` tells its collection, and so its data's type). */
export type ValidEntry = { [K in CollectionName]: ValidEntryOf<K> }[CollectionName];
