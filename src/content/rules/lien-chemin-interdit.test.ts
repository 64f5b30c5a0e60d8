import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);
const withBody = (body: string): string => `${practice.trimEnd()}\n\n${body}\n`;

describe('lien-chemin-interdit', () => {
  it('accepts site-absolute routes, anchors and other sites', () => {
    expect(
      checkEntry(
        PRACTICE,
        withBody('[a](/fiches) [b](#x) [c](//autre.example.org/x) [d](https://x.example.org/y) [e](mailto:a@b.fr)'),
      ),
    ).toEqual([]);
  });

  it('refuses relative paths (the spec’s [a](foo), [a](ö)), dot segments, @site/, hidden files, file: and bad encodings', () => {
    expect(
      checkEntry(
        PRACTICE,
        withBody(
          '[a](foo)\n\n[a](ö)\n\n[b](/fiches/../../package.json)\n\n[c](@site/package.json)\n\n[d](/.git/config)\n\n[e](file:///etc/passwd)\n\n[f](/a%zz)\n\n<a href="../../.git/config">g</a>\n\n[h]()',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  lien-chemin-interdit  Le lien « foo » est refusé : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:54:1  lien-chemin-interdit  Le lien « ö » est refusé : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:56:1  lien-chemin-interdit  Le lien « /fiches/../../package.json » est refusé : les segments « . » et « .. » sont refusés. → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:58:1  lien-chemin-interdit  Le lien « @site/package.json » est refusé : l’alias « @site/ » peut désigner n’importe quel fichier du dépôt. → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:60:1  lien-chemin-interdit  Le lien « /.git/config » est refusé : il désigne un fichier ou dossier caché (commençant par un point). → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:62:1  lien-chemin-interdit  Le lien « file:///etc/passwd » est refusé : les adresses « file: » désignent un fichier de l’ordinateur. → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:64:1  lien-chemin-interdit  Le lien « /a%zz » est refusé : un « % » n’y est pas suivi de deux chiffres hexadécimaux. → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:66:1  lien-chemin-interdit  Le lien « ../../.git/config » est refusé : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:68:1  lien-chemin-interdit  Le lien «  » est refusé : l’adresse est vide. → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.",
      ]
    `);
  });
});
