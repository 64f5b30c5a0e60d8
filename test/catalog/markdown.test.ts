/** Bodies of entry pages: CommonMark, sanitised with the project's allow-list, headings with Docusaurus' ids. */
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { headingSlugs } from '../../src/links/internal.js';
import { renderMarkdown } from '../../src/plugins/content/markdown.js';

const html = (body: string): string => JSON.stringify(renderMarkdown(body));

describe('corps Markdown des pages d’entrée', () => {
  it('les titres ont les identifiants que Docusaurus leur donnerait (github-slugger), doublons numérotés', () => {
    const titles = ['Épicerie & co : l’essentiel', 'Épicerie & co : l’essentiel', 'Le `code` et *l’emphase*'];
    const nodes = renderMarkdown(titles.map((t) => `## ${t}`).join('\n\n'));
    const slugger = new GithubSlugger();
    expect(nodes.map((n) => (Array.isArray(n) ? n[1]?.id : undefined))).toEqual(
      ['Épicerie & co : l’essentiel', 'Épicerie & co : l’essentiel', 'Le code et l’emphase'].map((t) =>
        slugger.slug(t),
      ),
    );
    // The link checker knows the very anchors that the page has.
    const tricky = ['Étape 1', 'Étape', 'Étape', 'x² et y₂', 'Voir ![logo](/img/x.png) ici', '🍎 Fruits']
      .map((t) => `## ${t}`)
      .join('\n\n');
    expect(renderMarkdown(tricky).map((n) => (Array.isArray(n) ? n[1]?.id : undefined))).toEqual([
      ...headingSlugs(tricky),
    ]);
    expect(html('# Titre\n\nTitre souligné\n---')).toMatchInlineSnapshot(
      `"[["h2",{"id":"titre"},"Titre"],["h2",{"id":"titre-souligné"},"Titre souligné"]]"`,
    );
  });

  it('ne garde ni HTML brut, ni schéma de lien dangereux, ni image sans adresse sûre', () => {
    expect(
      html(
        'Un [lien](https://exemple.org) et [un piège](javascript:alert(1)), [un autre](JaVaScRiPt:alert(1)).\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n![image](https://exemple.org/i.png) ![piège](javascript:alert(1))',
      ),
    ).toMatchInlineSnapshot(
      `"[["p",null,"Un ",["a",{"href":"https://exemple.org"},"lien"]," et ",["a",null,"un piège"],", ",["a",null,"un autre"],"."],["p",null,["img",{"src":"https://exemple.org/i.png","alt":"image"}]," "]]"`,
    );
  });

  it('garde ce que les lecteurs voyaient : listes, citations, code, liens du site, courriel, schéma en capitales', () => {
    expect(
      html(
        '1. un\n2. [deux](/etudes/x#partie)\n\n> cité\n\n    code\n\n<contact@exemple.org> [appel](TEL:+33100000000)',
      ),
    ).toMatchInlineSnapshot(
      `"[["ol",null,"\\n",["li",null,"un"],"\\n",["li",null,["a",{"href":"/etudes/x#partie"},"deux"]],"\\n"],["blockquote",null,"\\n",["p",null,"cité"],"\\n"],["pre",null,["code",null,"code\\n"]],["p",null,["a",{"href":"mailto:contact@exemple.org"},"contact@exemple.org"]," ",["a",{"href":"tel:+33100000000"},"appel"]]]"`,
    );
  });
});
