import { describe, expect, it } from 'vitest';
import { fixture, makeTree } from '../../../test/helpers/tree.js';
import { sheetsData } from './index.js';

describe('sheetsData', () => {
  it('counts each sheet once, under its first maillon, and every maillon of the vocabulary', () => {
    const sheet = fixture('valide', 'content/practices/distribution/epicerie-solidaire-mobile.md');
    const dir = makeTree('valide', {
      'content/practices/logistique/entrepot-partage.md': sheet
        .replace(/^id: .*$/m, 'id: entrepot-partage')
        .replace(/^maillons:\n(?: {2}- .*\n)+/m, 'maillons:\n  - logistique\n  - distribution\n'),
    });
    const counts = Object.fromEntries(sheetsData(dir).maillons.map((m) => [m.id, m.count]));
    expect(counts).toEqual({
      'reperage-orientation': 0,
      approvisionnement: 0,
      logistique: 1,
      distribution: 1,
      accompagnement: 0,
      participation: 0,
      'cooperation-territoriale': 0,
      'pilotage-evaluation': 0,
    });
  });
});
