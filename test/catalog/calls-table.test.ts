/** The calls table of /donnees: one row per call, with its funder, amounts as numbers. */
import { describe, expect, it } from 'vitest';
import { loadEntries } from '../../src/plugins/content/load.js';
import { callsCsv, callsJson } from '../../src/plugins/content/opendata.js';
import { makeTree, TODAY } from '../helpers/tree.js';
import { parseCsv } from './csv-read.js';

const PERMANENT = `id: fonds-permanent
titre: Fonds permanent de l’alimentation
resume: Un fonds qui soutient toute l’année les épiceries solidaires, pour le test du tableau.
type: fondation
site: https://fonds.example.org
territoires: [national]
appels:
  - id: soutien-epiceries
    titre: Soutien aux épiceries solidaires
    resume: Une aide au fonctionnement des épiceries solidaires, sans date limite.
    recurrence: permanent
    type_aide: [subvention, accompagnement]
    montant_min: 5000
    montant_max: 30000
    taux_max: 80
    url: https://fonds.example.org/appels/epiceries
    reglement: https://fonds.example.org/appels/epiceries/reglement.pdf
    territoires: [national]
date_maj: 2026-06-01
`;

describe('calls table', () => {
  it('has one row per call, with the funder, numeric amounts and the recurrence (ponctuel by default)', () => {
    const root = makeTree('valide', { 'content/funders/fonds-permanent.yaml': PERMANENT });
    const funders = loadEntries(root, { today: TODAY }).filter((e) => e.collection.name === 'funders');
    const rows = JSON.parse(callsJson(funders)) as Record<string, unknown>[];
    expect(rows.map((r) => [r.financeur_id, r.appel_id, r.recurrence])).toEqual([
      ['fondation-solidarite', 'mieux-manger-2026', 'ponctuel'],
      ['fonds-permanent', 'soutien-epiceries', 'permanent'],
    ]);
    expect(rows[1]).toMatchObject({
      financeur: 'Fonds permanent de l’alimentation',
      montant_min: 5000,
      montant_max: 30000,
      taux_max: 80,
      type_aide: ['subvention', 'accompagnement'],
      reglement: 'https://fonds.example.org/appels/epiceries/reglement.pdf',
      page: '/financements/fonds-permanent#appel-soutien-epiceries',
    });
    expect(rows[1]).not.toHaveProperty('cloture');
    const csv = parseCsv(callsCsv(funders));
    expect(csv[0]?.slice(0, 7)).toEqual([
      'financeur_id',
      'financeur',
      'appel_id',
      'titre',
      'recurrence',
      'ouverture',
      'cloture',
    ]);
    expect(csv).toHaveLength(3);
    expect(csv[2]?.[(csv[0] ?? []).indexOf('montant_max')]).toBe('30000');
  });
});
