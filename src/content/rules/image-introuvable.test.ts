import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const NEWS = 'content/news/lancement-portail.md';
const news = fixture('valide', NEWS);
const withBody = (body: string): string => `${news.trimEnd()}\n\n${body}\n`;

describe('image-introuvable', () => {
  it('accepts images that are files of static/', () => {
    expect(checkEntry(NEWS, withBody('![a](/img/camion.png) ![b](/img/camion.png#x)'))).toEqual([]);
  });

  it('reports the spec’s ![](/url), a missing file and a folder, also in raw HTML', () => {
    expect(
      checkEntry(NEWS, withBody('![](/url)\n\n![a](/img/absente.png)\n\n![b](/img)\n\n<img src="/img/autre.png">')),
    ).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  image-introuvable  L’image « /url » est introuvable : le fichier static/url n’existe pas. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/news/lancement-portail.md:22:1  image-introuvable  L’image « /img/absente.png » est introuvable : le fichier static/img/absente.png n’existe pas. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/news/lancement-portail.md:24:1  image-introuvable  L’image « /img » est introuvable : le fichier static/img n’existe pas. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
        "content/news/lancement-portail.md:26:1  image-introuvable  L’image « /img/autre.png » est introuvable : le fichier static/img/autre.png n’existe pas. → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
      ]
    `);
  });
});
