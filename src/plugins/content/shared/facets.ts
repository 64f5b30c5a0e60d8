/**
 * Filtering a catalog by facets and a text query, and counting the entries per facet value.
 * Within a facet, values are alternatives (or); facets combine (and). Counts are « disjunctive »:
 * the count of a value is the number of entries the reader would see by adding that value.
 */
import { fold } from './fold.js';
import type { FacetCounts, FacetDef, ListItem, StatusKind, StatusWindow } from './model.js';
import { itemStatus } from './status.js';
import { matchingTerritories, territoryMatches } from './territory.js';

export interface FilterState {
  /** Text query. */
  q: string;
  /** Selected values by facet key (for a date facet: [from, to], either may be ''). */
  values: Record<string, string[]>;
}

export const emptyState = (): FilterState => ({ q: '', values: {} });

export interface FilterContext {
  facets: readonly FacetDef[];
  parents: Readonly<Record<string, string>>;
  status?: StatusKind;
  /** The reader's clock; null before the page runs in a browser (statuses are then unknown). */
  now: number | null;
}

function words(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const haystacks = new WeakMap<ListItem, string>();
function haystack(item: ListItem): string {
  let h = haystacks.get(item);
  if (h === undefined) {
    h = fold(`${item.title} ${item.summary} ${item.extra ?? ''}`);
    haystacks.set(item, h);
  }
  return h;
}

export function matchesQuery(item: ListItem, q: string): boolean {
  const ws = words(q);
  if (ws.length === 0) return true;
  const h = haystack(item);
  return ws.every((w) => h.includes(w));
}

/** The values an item has for a facet (status computed from the clock). */
export function valuesOf(
  item: Pick<ListItem, 'facets' | 'date' | 'window'>,
  facet: FacetDef,
  ctx: FilterContext,
): string[] {
  if (facet.kind === 'status') {
    if (ctx.now === null || !ctx.status) return [];
    const s = itemStatus(ctx.status, item.window, ctx.now);
    // A call closing soon is also open.
    return s === undefined ? [] : s === 'bientot' ? ['bientot', 'ouvert'] : [s];
  }
  if (facet.kind === 'date') return item.date ? [item.date] : [];
  return item.facets[facet.key] ?? [];
}

function matchesFacet(item: ListItem, facet: FacetDef, selected: readonly string[], ctx: FilterContext): boolean {
  if (facet.kind === 'date') {
    const [from = '', to = ''] = selected;
    if (!from && !to) return true;
    if (!item.date) return false;
    const d = item.date.slice(0, 10);
    return (!from || d >= from) && (!to || d <= to);
  }
  if (selected.length === 0) return true;
  if (facet.kind === 'status' && ctx.now === null) return true;
  const have = valuesOf(item, facet, ctx);
  if (facet.kind === 'territory') return selected.some((s) => territoryMatches(have, s, ctx.parents));
  return selected.some((s) => have.includes(s));
}

/** Items that match the query and every facet except `skip`. */
function filterExcept(items: readonly ListItem[], state: FilterState, ctx: FilterContext, skip?: string): ListItem[] {
  const active = ctx.facets.filter((f) => f.key !== skip && (state.values[f.key] ?? []).some((v) => v !== ''));
  return items.filter(
    (item) => matchesQuery(item, state.q) && active.every((f) => matchesFacet(item, f, state.values[f.key] ?? [], ctx)),
  );
}

export function filterItems(items: readonly ListItem[], state: FilterState, ctx: FilterContext): ListItem[] {
  return filterExcept(items, state, ctx);
}

/** Items whose title holds more of the query's words first; otherwise their order is kept (stable sort). */
export function rankByRelevance(items: readonly ListItem[], q: string): ListItem[] {
  const ws = words(q);
  if (ws.length === 0) return [...items];
  const score = (item: ListItem): number => {
    const title = fold(item.title);
    return ws.filter((w) => title.includes(w)).length;
  };
  return items
    .map((item) => ({ item, score: score(item) }))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.item);
}

/** For each facet (but dates), how many items each value would show. */
export function countFacets(items: readonly ListItem[], state: FilterState, ctx: FilterContext): FacetCounts {
  const out: FacetCounts = {};
  for (const facet of ctx.facets) {
    if (facet.kind === 'date') continue;
    const counts: Record<string, number> = {};
    const base = filterExcept(items, state, ctx, facet.key);
    if (facet.kind === 'territory') {
      const all = ['national', ...Object.keys(ctx.parents), ...new Set(Object.values(ctx.parents))];
      for (const item of base) {
        const m = matchingTerritories(item.facets[facet.key] ?? [], ctx.parents);
        for (const t of m === 'all' ? all : m) counts[t] = (counts[t] ?? 0) + 1;
      }
      // « national » counts only the national entries.
      counts.national = base.filter((i) => (i.facets[facet.key] ?? []).includes('national')).length;
    } else {
      for (const item of base) for (const v of new Set(valuesOf(item, facet, ctx))) counts[v] = (counts[v] ?? 0) + 1;
    }
    out[facet.key] = counts;
  }
  return out;
}

/** The counts of a status facet, without any other filter, from the window of every line. */
export function countStatuses(
  windows: readonly (StatusWindow | null)[],
  facet: FacetDef,
  ctx: FilterContext,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of windows)
    for (const v of valuesOf({ facets: {}, window: w ?? undefined }, facet, ctx)) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** Filter state from a URL query string (`?q=…&maillons=a&maillons=b&debut=2026-01-01&debut=`). */
export function stateFromSearch(search: string, facets: readonly FacetDef[]): FilterState {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get('q') ?? '';
  for (const f of facets) {
    const vs = params.getAll(f.key);
    if (f.kind === 'date') {
      if (vs.some((v) => v)) state.values[f.key] = [vs[0] ?? '', vs[1] ?? ''];
    } else if (vs.length > 0) {
      state.values[f.key] = f.kind === 'territory' ? vs.slice(0, 1) : vs;
    }
  }
  return state;
}

/** URL query string of a filter state, in facet order (empty string when nothing is filtered). */
export function searchFromState(state: FilterState, facets: readonly FacetDef[]): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  for (const f of facets) {
    const vs = state.values[f.key] ?? [];
    if (f.kind === 'date') {
      if (vs.some((v) => v)) for (const v of [vs[0] ?? '', vs[1] ?? '']) params.append(f.key, v);
    } else {
      for (const v of vs) if (v) params.append(f.key, v);
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
