import { describe, expect, it } from 'vitest';
import { expandTerritories, searchTerritories, territoryOf } from './geography.js';

describe('geography', () => {
  it('knows a commune and derives its département and région', () => {
    expect(territoryOf('com-34172')).toEqual({
      code: 'com-34172',
      label: 'Montpellier (34)',
      kind: 'commune',
      within: ['dep-34', 'reg-76'],
    });
    expect(territoryOf('com-2A004')?.within).toEqual(['dep-2A', 'reg-94']);
    expect(territoryOf('com-97411')?.within).toEqual(['dep-974', 'reg-04']);
  });

  it('knows an EPCI and the départements of its member communes', () => {
    const montpellier = territoryOf('epci-243400017');
    expect(montpellier?.label).toBe('Montpellier Méditerranée Métropole');
    expect(montpellier?.within).toEqual(['dep-34', 'reg-76']);
  });

  it('says nothing about a code that does not exist', () => {
    expect(territoryOf('com-99999')).toBeUndefined();
    expect(territoryOf('epci-000000000')).toBeUndefined();
    expect(territoryOf('dep-00')).toBeUndefined();
    expect(territoryOf('dep-34')).toMatchObject({ label: 'Hérault', kind: 'departement', within: ['reg-76'] });
  });

  it('adds the département and région of communes and EPCI to the tags, once', () => {
    expect(expandTerritories(['com-34172', 'dep-34', 'epci-243400017', 'national'])).toEqual([
      'com-34172',
      'dep-34',
      'reg-76',
      'epci-243400017',
      'national',
    ]);
    // For the filters: the départements only (the hierarchy finds them from their région).
    expect(expandTerritories(['com-34172', 'epci-243400017'], 'departements')).toEqual([
      'com-34172',
      'dep-34',
      'epci-243400017',
    ]);
  });

  it('finds territories by name without accents, by code and by postal code', () => {
    expect(searchTerritories('herault', 3)[0]?.code).toBe('dep-34');
    expect(searchTerritories('Saint-Denis', 50).map((t) => t.label)).toContain('Saint-Denis (974)');
    expect(searchTerritories('34000', 5).map((t) => t.code)).toContain('com-34172');
    expect(searchTerritories('', 5)).toEqual([]);
  });
});
