import { describe, expect, it } from 'vitest';
import { territoryParents } from '../../src/content/schemas.js';
import { matchingTerritories, territoryMatches } from '../../src/plugins/content/shared/territory.js';

const parents = territoryParents();

describe('hiérarchie des territoires', () => {
  it('lit la hiérarchie département → région des schémas', () => {
    expect(parents['dep-34']).toBe('reg-76');
    expect(parents['dep-75']).toBe('reg-11');
  });

  it('un filtre par région trouve les entrées de ses départements, pas celles des autres régions', () => {
    expect(territoryMatches(['dep-34'], 'reg-76', parents)).toBe(true);
    expect(territoryMatches(['dep-75'], 'reg-76', parents)).toBe(false);
    expect(territoryMatches(['reg-76'], 'reg-76', parents)).toBe(true);
  });

  it('un filtre par département trouve les entrées de sa région, pas celles des départements voisins', () => {
    expect(territoryMatches(['reg-76'], 'dep-34', parents)).toBe(true);
    expect(territoryMatches(['dep-30'], 'dep-34', parents)).toBe(false);
    expect(territoryMatches(['reg-11'], 'dep-34', parents)).toBe(false);
  });

  it('une entrée nationale apparaît pour tout territoire, mais « national » ne montre que les entrées nationales', () => {
    for (const t of ['reg-76', 'dep-34', 'dep-971', 'national'])
      expect(territoryMatches(['national'], t, parents)).toBe(true);
    expect(territoryMatches(['reg-76'], 'national', parents)).toBe(false);
  });

  it('énumère les filtres sous lesquels une entrée apparaît', () => {
    const m = matchingTerritories(['dep-34'], parents);
    expect(m).not.toBe('all');
    expect([...(m as Set<string>)].sort()).toEqual(['dep-34', 'reg-76']);
    const r = matchingTerritories(['reg-76'], parents) as Set<string>;
    expect(r.has('dep-34') && r.has('dep-31') && r.has('reg-76')).toBe(true);
    expect(r.has('dep-75')).toBe(false);
    expect(matchingTerritories(['national', 'dep-34'], parents)).toBe('all');
  });
});
