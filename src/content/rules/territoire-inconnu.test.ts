import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const withTerritories = (codes: string[]): string =>
  edit(practice, '  - dep-34\n', codes.map((c) => `  - ${c}\n`).join(''));

describe('territoire-inconnu', () => {
  it('accepts the vocabulary, communes and EPCI that exist (overseas and Corsica included)', () => {
    expect(
      checkEntry(PRACTICE, withTerritories(['dep-34', 'com-34172', 'com-97411', 'com-2A004', 'epci-243400017'])),
    ).toEqual([]);
  });

  it('reports a commune or an EPCI code that does not exist, at its line', () => {
    expect(checkEntry(PRACTICE, withTerritories(['com-34000', 'epci-200000000']))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:16:5  territoire-inconnu  Aucune commune n’a le code INSEE « 34000 » (com-34000). → Indiquez le code INSEE de la commune (pas son code postal), par exemple com-34172 pour Montpellier.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:17:5  territoire-inconnu  Aucune intercommunalité n’a le SIREN « 200000000 » (epci-200000000). → Indiquez le SIREN de l’EPCI à fiscalité propre, par exemple epci-243400017 pour Montpellier Méditerranée Métropole.",
      ]
    `);
  });

  it('checks the territories of a funder’s calls too', () => {
    const funder = fixture('valide', FUNDER);
    const text = edit(funder, '      - reg-76\n', '      - reg-76\n      - com-99999\n');
    expect(checkEntry(FUNDER, text).filter((l) => l.includes('territoire-inconnu'))).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:25:9  territoire-inconnu  Aucune commune n’a le code INSEE « 99999 » (com-99999). → Indiquez le code INSEE de la commune (pas son code postal), par exemple com-34172 pour Montpellier.",
      ]
    `);
  });

  it('leaves a code of the wrong shape to the schema rule, with the accepted forms', () => {
    expect(checkEntry(PRACTICE, withTerritories(['com-340']))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:16:5  schema  Valeur non reconnue pour « Territoire ». → Indiquez national, reg-<code INSEE> (région), dep-<code INSEE> (département), com-<code INSEE> (commune, par exemple com-34172) ou epci-<SIREN> (intercommunalité).",
      ]
    `);
  });
});
