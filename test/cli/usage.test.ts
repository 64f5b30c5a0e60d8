/** Usage mistakes caught by the command-line parser: exit 2, a French message, nothing on stdout. */
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/tree.js';

describe('essaim usage errors', () => {
  it('are reported in French with exit 2', async () => {
    const root = makeTree('valide');
    const runs = await Promise.all(
      [
        ['validate', '--formt', 'json'],
        ['valider', '--format'],
        ['new'],
        ['vaildate'],
        ['new', 'fiche', 'en-trop'],
      ].map((args) => runCli(args, root)),
    );
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs.map((r) => r.stdout).join('')).toBe('');
    expect(runs.map((r) => r.stderr).join('')).toMatchInlineSnapshot(`
      "Erreur : option inconnue « --formt »
      (Vouliez-vous écrire --format ?)
      (essaim --help pour l’aide)
      Erreur : l’option « --format <format> » attend une valeur
      (essaim --help pour l’aide)
      Erreur : argument obligatoire manquant : « collection »
      (essaim --help pour l’aide)
      Erreur : commande inconnue « vaildate »
      (Vouliez-vous écrire validate ?)
      (essaim --help pour l’aide)
      Erreur : trop d’arguments pour « new » (1 attendu, 2 reçus).
      (essaim --help pour l’aide)
      "
    `);
  });
});
