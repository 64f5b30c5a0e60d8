import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { visit } from 'unist-util-visit';
import { fixture } from '../../../test/helpers/tree.js';
import { parseMarkdown } from '../markdown.js';

const NEWS = 'content/news/lancement-portail.md';
const news = fixture('valide', NEWS);
const withBody = (body: string): string => `${news.trimEnd()}\n\n${body}\n`;
// The body of the fixture starts on line 19.

describe('html-interdit', () => {
  it('accepts plain Markdown, harmless inline HTML and escaped tags', () => {
    expect(checkEntry(NEWS, news)).toEqual([]);
    expect(
      checkEntry(
        NEWS,
        withBody(
          'Un <abbr title="Centre communal d’action sociale">CCAS</abbr>, a < b, &lt;script&gt; et `<script>` en code.\n\n<details><summary>Plus</summary>Texte</details>',
        ),
      ),
    ).toEqual([]);
  });

  it('reports active tags, whatever their case, at their position', () => {
    expect(
      checkEntry(
        NEWS,
        withBody(
          '<script>alert(1)</script>\n\nTexte <IFRAME src="https://x.example.org"></IFRAME>\n\n<style>body{display:none}</style>\n\n<  object data="x"></object>',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  html-interdit  La balise HTML <script> n’est pas autorisée. → Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.",
        "content/news/lancement-portail.md:22:7  html-interdit  La balise HTML <iframe> n’est pas autorisée. → Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.",
        "content/news/lancement-portail.md:22:43  html-interdit  La balise HTML <iframe> n’est pas autorisée. → Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.",
        "content/news/lancement-portail.md:24:1  html-interdit  La balise HTML <style> n’est pas autorisée. → Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.",
        "content/news/lancement-portail.md:26:20  html-interdit  La balise HTML <object> n’est pas autorisée. → Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.",
      ]
    `);
  });

  it('reports event-handler attributes in any case and spacing', () => {
    expect(
      checkEntry(
        NEWS,
        withBody(
          '<img src="x.png" onerror="alert(1)">\n\nUn <a href="#suite" ONCLICK = "alert(1)">lien</a>.\n\n<details ontoggle=alert(1) open>x</details>',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  html-interdit  Les attributs HTML d’événement (onclick, onerror…) ne sont pas autorisés. → Supprimez l’attribut.",
        "content/news/lancement-portail.md:22:4  html-interdit  Les attributs HTML d’événement (onclick, onerror…) ne sont pas autorisés. → Supprimez l’attribut.",
        "content/news/lancement-portail.md:24:1  html-interdit  Les attributs HTML d’événement (onclick, onerror…) ne sont pas autorisés. → Supprimez l’attribut.",
        "content/news/lancement-portail.md:20:1  image-hors-depot  L’image « x.png » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
      ]
    `);
  });

  it('leaves text that CommonMark does not read as HTML: it is escaped when rendered', () => {
    // Not valid tags for CommonMark (no space before the attribute, entity in a name): plain text.
    const body =
      '<div/onmouseover=alert(1)>survol</div>\n\n<a href="https://x.example.org" &#111;nclick="alert(1)">lien</a>';
    const html: string[] = [];
    visit(parseMarkdown(body), 'html', (n) => {
      html.push(n.value);
    });
    expect(html).toEqual(['</div>', '</a>']);
    expect(checkEntry(NEWS, withBody(body))).toEqual([]);
  });
});
