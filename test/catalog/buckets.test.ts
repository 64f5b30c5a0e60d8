import { describe, expect, it } from 'vitest';
import { packBySize } from '../../src/plugins/content/index.js';

describe('modules de données partagés des pages d’entrée', () => {
  it('regroupe les entrées voisines dans l’ordre, sans dépasser la taille maximale', () => {
    const sizes = [10, 20, 5, 30, 1, 1, 40];
    const groups = packBySize(sizes, (n) => n, 40);
    expect(groups).toEqual([[10, 20, 5], [30, 1, 1], [40]]);
    expect(groups.flat()).toEqual(sizes);
  });

  it('une entrée plus grande que la limite a son propre module ; aucune entrée, aucun module', () => {
    expect(packBySize([5, 100, 5], (n) => n, 40)).toEqual([[5], [100], [5]]);
    expect(packBySize([], (n: number) => n, 40)).toEqual([]);
  });
});
