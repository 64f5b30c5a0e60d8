import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/components/search/searchIndex.js';
import { loadEntries } from '../../src/plugins/content/load.js';
import { buildSearchPayload } from '../../src/plugins/content/search.js';
import {
  decodePostings,
  encodePostings,
  packPath,
  pathOf,
  type SearchPayload,
} from '../../src/plugins/content/shared/search-format.js';
import { repo } from '../helpers/tree.js';

describe('format de l’index de recherche', () => {
  it('encode les listes de documents par écarts et les relit à l’identique', () => {
    for (const list of [[], [0], [0, 1, 2, 31, 32, 33, 1023, 1024, 40_000, 1_000_000]])
      expect(decodePostings(encodePostings(list))).toEqual(list);
    expect(encodePostings([0, 1, 2, 3]).length).toBe(4);
    expect(encodePostings([5000]).length).toBe(3);
  });

  it('écrit un chemin préfixe du titre comme une longueur', () => {
    expect(packPath('epicerie-solidaire', 'Épicerie solidaire étudiante')).toBe(18);
    expect(pathOf(18, 'Épicerie solidaire étudiante')).toBe('epicerie-solidaire');
    expect(packPath('autre-chose', 'Épicerie solidaire')).toBe('autre-chose');
    expect(pathOf('autre-chose', 'Épicerie solidaire')).toBe('autre-chose');
  });
});

describe('moteur de recherche (lunr, français)', () => {
  const entries = loadEntries(path.join(repo, 'test/catalog/fixture-site'), { today: '2026-06-15' });
  const payload = buildSearchPayload(entries);
  const engine = createEngine(JSON.parse(JSON.stringify(payload)) as SearchPayload);
  const urls = (q: string): string[] => engine.search(q, 20).hits.map((h) => h.url);

  it('indexe chaque entrée de chaque collection, fiches comprises', () => {
    expect(payload.d).toHaveLength(entries.length);
    expect(urls('mobile')).toContain('/fiches/epicerie-solidaire-mobile');
  });

  it('trouve « épicerie solidaire » sans accents, au pluriel et en cours de frappe', () => {
    const sheets = ['/fiches/epicerie-sociale-quartier', '/fiches/epicerie-solidaire-mobile'];
    for (const q of ['epicerie solidaire', 'Épiceries solidaires', 'EPICERIE SOLID', 'épic']) {
      const found = urls(q);
      for (const s of sheets) expect(found, q).toContain(s);
      expect(found, q).not.toContain('/fiches/plateforme-logistique-partagee');
    }
  });

  it('exige chaque mot et ignore les mots vides', () => {
    expect(urls('épicerie quartier')).toEqual(['/fiches/epicerie-sociale-quartier']);
    expect(urls('le la des')).toEqual([]);
    expect(engine.search('zzzzzz').total).toBe(0);
  });
});
