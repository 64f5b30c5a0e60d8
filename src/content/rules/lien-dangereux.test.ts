import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const NEWS = 'content/news/lancement-portail.md';
const news = fixture('valide', NEWS);
const withBody = (body: string): string => `${news.trimEnd()}\n\n${body}\n`;
const rules = (lines: string[]): string[] => lines.map((l) => l.split('  ')[1]!);

describe('lien-dangereux', () => {
  it('accepts https, mailto, tel, anchors and portal links', () => {
    expect(
      checkEntry(
        NEWS,
        withBody(
          '[site](https://x.example.org), [écrire](mailto:contact@x.example.org), [appeler](tel:+33100000000), [plus bas](#suite), [fiches](/fiches), <https://x.example.org/auto>\n\n[réf]: https://x.example.org/ref',
        ),
      ),
    ).toEqual([]);
  });

  it('reports javascript: links in any case and through entities', () => {
    expect(
      checkEntry(
        NEWS,
        withBody(
          '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](&#x6A;avascript&colon;alert(1)) [e](<java\tscript:alert(1)>)',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:20:26  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:20:51  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:20:81  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:20:117  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
      ]
    `);
  });

  it('reports a javascript: link whose colon is escaped, alone in the text (no other hint of danger)', () => {
    expect(checkEntry(NEWS, withBody('[a](javascript\\:alert(1)) et [b](DATA\\:text/html,x)'))).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:20:30  lien-dangereux  Les liens « data: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
      ]
    `);
  });

  it('reports data: and vbscript: links, images and reference definitions', () => {
    expect(
      checkEntry(
        NEWS,
        withBody(
          '[a](data:text/html;base64,PHNjcmlwdD4=)\n\n![b](vbscript:msgbox(1))\n\n[c][ref]\n\n[ref]: javascript:alert(1)',
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  lien-dangereux  Les liens « data: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:22:1  lien-dangereux  Les liens « vbscript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:26:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
      ]
    `);
  });

  it('reports dangerous URLs in raw HTML attributes', () => {
    const lines = checkEntry(
      NEWS,
      withBody(
        '<a href="javascript:alert(1)">a</a>\n\n<a href=&#106;avascript:alert(1)>b</a>\n\n<form action=\'javascript:alert(1)\'>',
      ),
    );
    expect(lines.filter((l) => l.includes('lien-dangereux'))).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:20:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:22:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
        "content/news/lancement-portail.md:24:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés. → Utilisez une adresse https:// ou un lien vers une page du portail.",
      ]
    `);
    expect(rules(lines)).toContain('html-interdit'); // <form> is refused on its own
  });
});
