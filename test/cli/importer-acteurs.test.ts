/** `essaim importer-acteurs`: public entries from a data·inclusion list, never contact details, never an overwrite. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli, snapshotTree } from '../helpers/tree.js';

const EXISTING = 'content/actors/epicerie-solidaire-du-lez.yaml';

const structures = [
  {
    id: 'di-1',
    nom: 'Épicerie solidaire de la Paillade',
    typologie: 'ASSO',
    code_insee: '34172',
    site_web: 'https://epicerie-paillade.example.org/qui-sommes-nous',
    presentation_resume: 'Épicerie solidaire associative du quartier de la Paillade, ouverte aux familles orientées.',
    telephone: '04 67 99 99 99',
    courriel: 'directrice@epicerie-paillade.example.org',
  },
  {
    id: 'di-2',
    nom: 'Épicerie solidaire du Lez',
    typologie: 'ASSO',
    code_insee: '34172',
    presentation_resume: 'Une autre description qui ne doit pas remplacer celle de l’annuaire.',
  },
  {
    id: 'di-3',
    nom: 'Agence de travail temporaire',
    typologie: 'ETTI',
    code_insee: '34172',
    presentation_resume: 'x'.repeat(40),
  },
  { id: 'di-4', nom: 'CCAS sans résumé', typologie: 'CCAS', code_insee: '34172' },
];

describe('essaim importer-acteurs', () => {
  it('writes the new structures’ public part only, skips what it cannot map, and never overwrites', async () => {
    const root = makeTree('valide', { 'structures.json': JSON.stringify(structures) });
    const existing = fs.readFileSync(path.join(root, EXISTING), 'utf8');
    const r = await runCli(['importer-acteurs', 'structures.json'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "1 acteur ajouté :
        content/actors/epicerie-solidaire-de-la-paillade.yaml
      Déjà dans l’annuaire, laissé tel quel : content/actors/epicerie-solidaire-du-lez.yaml
      Ignoré : Agence de travail temporaire — typologie « ETTI » sans équivalent sûr dans les types de structure
      Ignoré : CCAS sans résumé — résumé (presentation_resume) absent, ou hors de 20 à 300 caractères
      → Vérifiez-les, renseignez leurs maillons, puis : npm run essaim -- propose content/actors/epicerie-solidaire-de-la-paillade.yaml
      "
    `);
    const written = fs.readFileSync(path.join(root, 'content/actors/epicerie-solidaire-de-la-paillade.yaml'), 'utf8');
    expect(written).toContain('com-34172');
    expect(written).not.toContain('04 67');
    expect(written).not.toContain('directrice@');
    expect(fs.readFileSync(path.join(root, EXISTING), 'utf8')).toBe(existing);
    expect(await runCli(['validate'], root)).toMatchObject({ code: 0 });
    // A second import of the same list changes nothing.
    const before = snapshotTree(root);
    await runCli(['importer-acteurs', 'structures.json'], root);
    expect(snapshotTree(root)).toEqual(before);
  });
});
