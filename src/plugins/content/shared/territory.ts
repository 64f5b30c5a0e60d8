/**
 * The territory hierarchy: a région finds the entries of its départements, a département finds
 * the entries of its région, and a national entry is found from every territory.
 */

import type { TerritoryLine } from './model.js';

export const NATIONAL = 'national';

/** Lines a section of a territory page lists (its own, then the national ones) before pointing to its catalog. */
export const SECTION_LINES = 20;

/** The national lines a territory page shows in a section: the shared ones but those it lists as its own. */
export function nationalLines(shared: readonly TerritoryLine[] | undefined, skip: readonly string[]): TerritoryLine[] {
  const skipped = new Set(skip);
  return (shared ?? []).filter((l) => !skipped.has(l.url)).slice(0, SECTION_LINES);
}

/** Does an entry tagged with `tags` appear when the reader filters by `selected`? */
export function territoryMatches(
  tags: readonly string[],
  selected: string,
  parents: Readonly<Record<string, string>>,
): boolean {
  if (tags.includes(selected) || tags.includes(NATIONAL)) return true;
  if (selected === NATIONAL) return false;
  const parent = parents[selected];
  if (parent) return tags.includes(parent);
  return tags.some((t) => parents[t] === selected);
}

/** Every territory filter under which an entry tagged with `tags` appears (`all` when national). */
export function matchingTerritories(
  tags: readonly string[],
  parents: Readonly<Record<string, string>>,
): Set<string> | 'all' {
  if (tags.includes(NATIONAL)) return 'all';
  const out = new Set<string>();
  const children = childrenOf(parents);
  for (const t of tags) {
    out.add(t);
    const parent = parents[t];
    if (parent) out.add(parent);
    for (const c of children.get(t) ?? []) out.add(c);
  }
  return out;
}

const childrenCache = new WeakMap<object, Map<string, string[]>>();

/** Départements of each région. */
export function childrenOf(parents: Readonly<Record<string, string>>): Map<string, string[]> {
  let m = childrenCache.get(parents);
  if (!m) {
    m = new Map();
    for (const [child, parent] of Object.entries(parents)) {
      const list = m.get(parent) ?? [];
      list.push(child);
      m.set(parent, list);
    }
    childrenCache.set(parents, m);
  }
  return m;
}
