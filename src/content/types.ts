/** The types of entries, generated from the schemas (`npm run gen:types`). */
import type { CollectionName } from './collections.js';
import type { Entries } from './types.generated.js';

export type { AppelAProjets, Entries, Event, Funder, News, Platform, Practice, Study, Tool, Training } from './types.generated.js';

/** The data of an entry of collection `K`, once validated. */
export type EntryOf<K extends CollectionName> = Entries[K];
