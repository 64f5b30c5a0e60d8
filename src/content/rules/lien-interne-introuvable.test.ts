import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const STUDY = 'content/studies/barometre-precarite-2025.md';
const study = fixture('valide', STUDY);
const withBody = (body: string): string => `${study.trimEnd()}\n\n${body}\n`;
const rule = (lines: string[]): string[] => lines.filter((l) => l.includes('lien-interne-introuvable'));

describe('lien-interne-introuvable', () => {
  it('accepts catalogs, entry pages (in any maillon folder), maillon pages, anchors and static files', () => {
    expect(
      checkEntry(
        STUDY,
        withBody(
          '[a](/fiches) [b](/fiches/epicerie-solidaire-mobile#pour-qui) [c](/etudes/barometre-precarite-2025) [d](/fiches/maillon/distribution) [e](/plateformes/soliguide/) [f](#haut) [g](/img/camion.png) [h](/) [i](https://x.example.org/y)',
        ),
      ),
    ).toEqual([]);
  });

  it('reports the links of the CommonMark spec that the build refused', () => {
    expect(
      rule(
        checkEntry(
          STUDY,
          withBody(
            '[a](/url1)\n\n[b](/fiches/absente)\n\n[m](/fiches/maillon/logistique)\n\n[c](/docs/guide.pdf)\n\n[d](/fiches/epicerie-solidaire-mobile.md)\n\n[r][ref]\n\n[ref]: /nulle-part',
          ),
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/studies/barometre-precarite-2025.md:27:1  lien-interne-introuvable  La page « /url1 » n’existe pas sur le portail. → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).",
        "content/studies/barometre-precarite-2025.md:29:1  lien-interne-introuvable  La page « /fiches/absente » n’existe pas sur le portail. → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).",
        "content/studies/barometre-precarite-2025.md:31:1  lien-interne-introuvable  La page « /fiches/maillon/logistique » n’existe pas sur le portail. → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).",
        "content/studies/barometre-precarite-2025.md:33:1  lien-interne-introuvable  Le lien « /docs/guide.pdf » mène à un fichier introuvable : static/docs/guide.pdf n’existe pas. → Déposez le fichier dans static/, ou corrigez l’adresse.",
        "content/studies/barometre-precarite-2025.md:35:1  lien-interne-introuvable  La page « /fiches/epicerie-solidaire-mobile.md » n’existe pas sur le portail. → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).",
        "content/studies/barometre-precarite-2025.md:39:1  lien-interne-introuvable  La page « /nulle-part » n’existe pas sur le portail. → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).",
      ]
    `);
  });
});
