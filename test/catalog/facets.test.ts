import { describe, expect, it } from 'vitest';
import { territoryParents } from '../../src/content/schemas.js';
import {
  countFacets,
  countStatuses,
  emptyState,
  filterItems,
  searchFromState,
  stateFromSearch,
  type FilterContext,
} from '../../src/plugins/content/shared/facets.js';
import type { FacetDef, ListItem } from '../../src/plugins/content/shared/model.js';

const facets: FacetDef[] = [
  {
    key: 'statut',
    label: 'Statut',
    kind: 'status',
    values: [
      { value: 'ouvert', label: 'Ouvert' },
      { value: 'clos', label: 'Clos' },
    ],
  },
  {
    key: 'maillons',
    label: 'Maillons',
    kind: 'vocab',
    values: [
      { value: 'distribution', label: 'Distribution' },
      { value: 'logistique', label: 'Logistique' },
    ],
  },
  { key: 'territoires', label: 'Territoires', kind: 'territory' },
  {
    key: 'gratuit',
    label: 'Gratuit',
    kind: 'bool',
    values: [
      { value: 'oui', label: 'Oui' },
      { value: 'non', label: 'Non' },
    ],
  },
  { key: 'cloture', label: 'Date limite', kind: 'date' },
];

const item = (id: string, facets: Record<string, string[]>, cloture: string, title = id): ListItem => ({
  id,
  title,
  summary: `Résumé de ${title}`,
  url: `/x/${id}`,
  facets,
  date: cloture,
  window: [null, cloture],
});

const items: ListItem[] = [
  item(
    'herault',
    { maillons: ['distribution'], territoires: ['dep-34'], gratuit: ['oui'] },
    '2026-03-01',
    'Épicerie de l’Hérault',
  ),
  item('occitanie', { maillons: ['logistique'], territoires: ['reg-76'], gratuit: ['non'] }, '2026-06-30'),
  item('paris', { maillons: ['distribution', 'logistique'], territoires: ['dep-75'], gratuit: ['oui'] }, '2026-07-15'),
  item('france', { maillons: ['distribution'], territoires: ['national'] }, '2026-12-31'),
];

const ctx = (now: number | null): FilterContext => ({ facets, parents: territoryParents(), status: 'call', now });
const NOW = new Date('2026-05-01T12:00:00').getTime();
const ids = (list: ListItem[]): string[] => list.map((i) => i.id);

describe('filtres des catalogues', () => {
  it('combine les facettes (et) et les valeurs d’une facette (ou)', () => {
    const s = stateFromSearch('?maillons=distribution&gratuit=oui', facets);
    expect(ids(filterItems(items, s, ctx(NOW)))).toEqual(['herault', 'paris']);
    const or = stateFromSearch('?maillons=distribution&maillons=logistique', facets);
    expect(ids(filterItems(items, or, ctx(NOW)))).toEqual(['herault', 'occitanie', 'paris', 'france']);
  });

  it('suit la hiérarchie des territoires', () => {
    expect(ids(filterItems(items, stateFromSearch('?territoires=dep-34', facets), ctx(NOW)))).toEqual([
      'herault',
      'occitanie',
      'france',
    ]);
    expect(ids(filterItems(items, stateFromSearch('?territoires=reg-76', facets), ctx(NOW)))).toEqual([
      'herault',
      'occitanie',
      'france',
    ]);
    expect(ids(filterItems(items, stateFromSearch('?territoires=dep-75', facets), ctx(NOW)))).toEqual([
      'paris',
      'france',
    ]);
  });

  it('cherche sans tenir compte des accents ni de la casse', () => {
    expect(ids(filterItems(items, stateFromSearch('?q=EPICERIE+herault', facets), ctx(NOW)))).toEqual(['herault']);
  });

  it('filtre par statut selon l’horloge du lecteur, et pas avant', () => {
    const s = stateFromSearch('?statut=clos', facets);
    expect(ids(filterItems(items, s, ctx(NOW)))).toEqual(['herault']);
    expect(ids(filterItems(items, s, ctx(new Date('2026-07-01T12:00:00').getTime())))).toEqual([
      'herault',
      'occitanie',
    ]);
    // Rendered at build time (no clock), the status filter does not hide anything.
    expect(ids(filterItems(items, s, ctx(null)))).toHaveLength(4);
  });

  it('filtre par dates', () => {
    expect(
      ids(filterItems(items, stateFromSearch('?cloture=2026-06-01&cloture=2026-07-31', facets), ctx(NOW))),
    ).toEqual(['occitanie', 'paris']);
    expect(ids(filterItems(items, stateFromSearch('?cloture=&cloture=2026-06-30', facets), ctx(NOW)))).toEqual([
      'herault',
      'occitanie',
    ]);
  });

  it('compte chaque valeur comme si on l’ajoutait (comptes disjonctifs)', () => {
    const counts = countFacets(items, stateFromSearch('?maillons=logistique', facets), ctx(NOW));
    // Maillons ignore their own selection…
    expect(counts.maillons).toEqual({ distribution: 3, logistique: 2 });
    // …other facets count among the selected maillon.
    expect(counts.gratuit).toEqual({ non: 1, oui: 1 });
    expect(counts.statut).toEqual({ ouvert: 2 });
    expect(counts.territoires?.['dep-34']).toBe(1);
    expect(counts.territoires?.['reg-11']).toBe(1);
    expect(counts.territoires?.national).toBe(0);
    const all = countFacets(items, stateFromSearch('', facets), ctx(NOW));
    // Hérault (dep-34), Occitanie (reg-76) and the national entry.
    expect(all.territoires?.['dep-34']).toBe(3);
    expect(all.territoires?.['dep-31']).toBe(2);
    expect(all.territoires?.national).toBe(1);
    expect(all.statut).toEqual({ ouvert: 3, clos: 1 });
  });

  it('compte les statuts depuis les seules fenêtres des lignes, comme depuis les lignes entières', () => {
    const status = facets[0]!;
    for (const now of [NOW, new Date('2026-06-25T12:00:00').getTime(), new Date('2027-01-02T12:00:00').getTime()]) {
      expect(
        countStatuses(
          items.map((i) => i.window ?? null),
          status,
          ctx(now),
        ),
      ).toEqual(countFacets(items, emptyState(), ctx(now)).statut);
    }
    expect(
      countStatuses(
        items.map((i) => i.window ?? null),
        status,
        ctx(new Date('2026-06-25T12:00:00').getTime()),
      ),
    ).toMatchInlineSnapshot(`
      {
        "bientot": 1,
        "clos": 1,
        "ouvert": 3,
      }
    `);
    // Before the page knows the reader's clock: no status.
    expect(
      countStatuses(
        items.map((i) => i.window ?? null),
        status,
        ctx(null),
      ),
    ).toEqual({});
  });

  it('écrit l’état dans l’URL et le relit à l’identique', () => {
    const search = '?q=pain&maillons=distribution&territoires=dep-34&cloture=2026-01-01&cloture=';
    const state = stateFromSearch(search, facets);
    expect(state).toEqual({
      q: 'pain',
      values: { maillons: ['distribution'], territoires: ['dep-34'], cloture: ['2026-01-01', ''] },
    });
    expect(searchFromState(state, facets)).toBe(search);
    expect(searchFromState(stateFromSearch('?inconnu=1', facets), facets)).toBe('');
  });
});
