/**
 * Three-way merge of an entry edited from the portal while its file changed on the base branch:
 * each top-level field (and the Markdown body) is taken from the side that changed it; both sides
 * changing the same field differently is a conflict, named in French so the person can redo it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Collection } from './collections.js';
import { COMPUTED_FIELDS } from './form-schema.js';
import { readSchema } from './schemas.js';

export interface EntryVersion {
  data: Record<string, unknown>;
  /** Markdown body; empty for YAML entries. */
  body: string;
}

export type MergeResult =
  { ok: true; merged: EntryVersion } | { ok: false; conflicts: { champ: string; label: string }[] };

/** Key under which the body takes part in the merge (never a field name: fields are snake_case). */
const BODY = 'texte';

/** The French title of a top-level field, from the schema. */
export function fieldLabel(c: Collection, field: string): string {
  if (field === BODY) return 'Texte';
  const title = readSchema(c.schema).properties?.[field]?.title;
  return typeof title === 'string' ? title : field;
}

/**
 * `original`: the version the person started from; `current`: the base branch now; `ours`: what
 * the person sends. Computed fields (`date_maj`…) come from `ours`, which the service just set.
 */
export function mergeEntry(
  c: Collection,
  original: EntryVersion,
  current: EntryVersion,
  ours: EntryVersion,
): MergeResult {
  const computed = new Set<string>(COMPUTED_FIELDS);
  const side = (v: EntryVersion): Record<string, unknown> => ({ ...v.data, [BODY]: v.body });
  const [o, t, m] = [side(original), side(current), side(ours)];
  const merged: Record<string, unknown> = {};
  const conflicts: { champ: string; label: string }[] = [];
  for (const key of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(m)])) {
    const pick = (value: unknown): void => {
      if (value !== undefined) merged[key] = value;
    };
    if (computed.has(key)) pick(m[key] ?? t[key]);
    else if (isDeepStrictEqual(m[key], o[key])) pick(t[key]);
    else if (isDeepStrictEqual(t[key], o[key]) || isDeepStrictEqual(t[key], m[key])) pick(m[key]);
    else conflicts.push({ champ: key, label: fieldLabel(c, key) });
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  const { [BODY]: body, ...data } = merged;
  return { ok: true, merged: { data, body: typeof body === 'string' ? body : '' } };
}
