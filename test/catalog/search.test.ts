import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/components/search/searchIndex.js';
import { loadEntries } from '../../src/plugins/content/load.js';
import { buildSearchPayload } from '../../src/plugins/content/search.js';
import { decodePostings, encodePostings, type SearchPayload } from '../../src/plugins/content/shared/search-format.js';
import { repo } from '../helpers/tree.js';

describe('format de l’index de recherche', () => {
  it('encode les listes de documents par écarts et les relit à l’identique', () => {
    for (const list of [[], [0], [0, 1, 2, 31, 32, 33, 1023, 1024, 40_000, 1_000_000]])
      expect(decodePostings(encodePostings(list))).toEqual(list);
    expect(encodePostings([0, 1, 2, 3]).length).toBe(4);
    expect(encodePostings([5000]).length).toBe(3);
  });
});

describe('moteur de recherche (lunr, français)', () => {
  const entries = loadEntries(path.join(repo, 'test/catalog/fixture-site'), { today: '2026-06-15' });
  const payload = buildSearchPayload(entries);
  const engine = createEngine(JSON.parse(JSON.stringify(payload)) as SearchPayload);
  const urls = (q: string): string[] => engine.search(q, 20).hits.map((h) => h.url);

  it('indexe chaque entrée de chaque collection, fiches comprises', () => {
    expect(payload.documents).toHaveLength(entries.length);
    const sheet = payload.documents.find((d) => d.path === 'epicerie-solidaire-mobile');
    expect(sheet && payload.collections[sheet.collection]).toEqual({ label: 'Fiches pratiques', route: '/fiches' });
    expect(urls('mobile')).toContain('/fiches/epicerie-solidaire-mobile');
    const hit = engine.search('mobile').hits.find((h) => h.url === '/fiches/epicerie-solidaire-mobile');
    expect(hit).toEqual({
      title: sheet?.title,
      url: '/fiches/epicerie-solidaire-mobile',
      collection: 'Fiches pratiques',
    });
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
