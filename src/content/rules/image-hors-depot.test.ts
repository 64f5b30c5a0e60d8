import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);
const withBody = (body: string): string => `${practice.trimEnd()}\n\n${body}\n`;

describe('image-hors-depot', () => {
  it('accepts https images and images of static/, however they are written', () => {
    expect(checkEntry(PRACTICE, practice)).toEqual([]);
    expect(
      checkEntry(
        PRACTICE,
        withBody(
          '![a](https://x.example.org/a.png) ![b](/img/camion.png?v=2) ![c](/img/cami%6Fn.png)\n\n![e][photo]\n\n[photo]: /img/camion.png',
        ),
      ),
    ).toEqual([]);
  });

  it('reports images that escape the repository or live outside static/', () => {
    expect(
      checkEntry(
        PRACTICE,
        withBody(
          '![a](../../../etc/passwd)\n\n![b](@site/../x.png)\n\n![c](/../../etc/passwd)\n\n![d](photo.png)\n\n![f](@site/static/img/camion.png)\n\n![g](/.git/config)\n\n![e][ailleurs]\n\n[ailleurs]: ../../../../x.png',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  image-hors-depot  L’image « ../../../etc/passwd » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:54:1  image-hors-depot  L’image « @site/../x.png » est refusée : l’alias « @site/ » peut désigner n’importe quel fichier du dépôt. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:56:1  image-hors-depot  L’image « /../../etc/passwd » est refusée : les segments « . » et « .. » sont refusés. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:58:1  image-hors-depot  L’image « photo.png » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:60:1  image-hors-depot  L’image « @site/static/img/camion.png » est refusée : l’alias « @site/ » peut désigner n’importe quel fichier du dépôt. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:62:1  image-hors-depot  L’image « /.git/config » est refusée : il désigne un fichier ou dossier caché (commençant par un point). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:64:1  image-hors-depot  L’image « ../../../../x.png » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
      ]
    `);
  });

  it('judges an image by the first definition of its label, the one the build uses', () => {
    expect(checkEntry(PRACTICE, withBody('![e][photo]\n\n[photo]: ../../.git/config\n[photo]: /img/camion.png')))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  image-hors-depot  L’image « ../../.git/config » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        ]
      `);
    expect(
      checkEntry(PRACTICE, withBody('![e][photo]\n\n[photo]: /img/camion.png\n[photo]: ../../.git/config')),
    ).toEqual([]);
  });

  it('reports images in http: or other schemes (dangerous schemes are left to lien-dangereux)', () => {
    const lines = checkEntry(
      PRACTICE,
      withBody(
        '![a](http://x.example.org/a.png)\n\n![b](ftp://x.example.org/b.png)\n\n![c](data:image/png;base64,AAAA)',
      ),
    );
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:56:1  lien-dangereux  Les liens « data: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  image-hors-depot  Image en « http: » : seules les images https:// ou du dossier static/ sont acceptées. → Utilisez l’adresse https:// de l’image, ou déposez-la dans static/img/.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:54:1  image-hors-depot  Image en « ftp: » : seules les images https:// ou du dossier static/ sont acceptées. → Utilisez l’adresse https:// de l’image, ou déposez-la dans static/img/.",
      ]
    `);
  });

  it('reports protocol-relative images (another host), also written with a backslash', () => {
    expect(checkEntry(PRACTICE, withBody('![a](//autre.example.org/x.png)\n\n![b](/\\autre.example.org/y.png)')))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  image-hors-depot  L’image « //autre.example.org/x.png » est refusée : une adresse commençant par « // » désigne un autre site. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
          "content/practices/distribution/epicerie-solidaire-mobile.md:54:1  image-hors-depot  L’image « /\\autre.example.org/y.png » est refusée : une adresse commençant par « // » désigne un autre site. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        ]
      `);
  });
});
