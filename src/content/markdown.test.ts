import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { DANGEROUS_SCHEMES, mayNeedMarkdownChecks, parseMarkdown, schemeOf } from './markdown.js';
import { localImageTarget } from './rules/image-hors-depot.js';

const FILE = 'content/practices/distribution/fiche.md';

/** What the Markdown rules would find, computed from a full parse (no shortcut). */
function findings(body: string): string[] {
  const found: string[] = [];
  const tree = parseMarkdown(body);
  const definitions = new Map<string, string>();
  visit(tree, 'definition', (d) => { definitions.set(d.identifier, d.url); });
  visit(tree, (node) => {
    if (node.type === 'html') found.push(`html ${node.value}`);
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && DANGEROUS_SCHEMES.has(schemeOf(node.url) ?? '')) found.push(`scheme ${node.url}`);
    const url = node.type === 'image' ? node.url : node.type === 'imageReference' ? definitions.get(node.identifier) : undefined;
    if (url !== undefined && schemeOf(url) !== 'https') {
      let target: string | undefined;
      try { target = schemeOf(url) ? undefined : localImageTarget(FILE, url); } catch { target = undefined; }
      if (!target?.startsWith('static/')) found.push(`image ${url}`);
    }
  });
  return found;
}

const PIECES = [
  'Du texte simple.', 'R & D, fruits & légumes.', '[site](https://x.example.org/a?b=1&c=2)', '[page](/fiches)',
  '![photo](/img/photo.png)', '![photo](https://x.example.org/p.png)', '![photo](../../../static/img/p.png)',
  '![photo](../x.png)', '![photo](/img/../../x.png)', '![photo](/img/\\.\\./\\.\\./x.png)', '![photo](/img/%2e%2e/%2e%2e/x.png)',
  '![photo](//autre.example.org/x.png)', '![photo](http://x.example.org/p.png)', '![a [b]](/img/x.png)', '![a](/img/x.png "titre")',
  '`![a](../x.png)`', '\\![a](../x.png)', '![a][ref]', '[ref]: ../../x.png', '[a](javascript\\:alert(1))', '[a](JAVASCRIPT:alert(1))',
  '[a](java&#115;cript:alert(1))', '[a](&#x6A;avascript&colon;alert(1))', '[a](data:text/html,x)', '<b>gras</b>', '<script>x</script>',
  '&amp;', 'R&amp;D', '![a](/img/&period;&period;/&period;&period;/x.png)', '![a](/&sol;autre.example.org/x.png)', '[a](javascr&Tab;ipt:alert(1))',
  '[a](javascript&amp;colon;alert(1))', '[a](javascript&colon;alert(1))', '![a](https://x.example.org/p.png?a=1&b=2)', '![a](/img/x.png)![b](../y.png)', '![a](/img/x.png)(suite)', '!', '[', '](', '\n\n', '\n', ' ',
  // An image whose address holds the start of another one.
  '![a](https://x.example.org/![b)', '![a](/img/![b)', '![b)](/img/c.png)', '](/img/c.png)', '![a](/img/![b)](/img/c.png)', '![b)](../c.png)', '![a](/img/x.png)![b](/img/y.png)', '![a](/img/./x.png)', '![](/img/x.png)',
];

/** Deterministic pseudo-random generator. */
function random(seed: number): () => number {
  return () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
}

describe('mayNeedMarkdownChecks', () => {
  it('skips plain text, links to https:// or the portal, and plainly safe images', () => {
    for (const body of ['Du texte. R & D, R&amp;D.', '[site](https://x.example.org) et [fiches](/fiches)', '![a](/img/a.png) ![b](https://x.example.org/b.png)\n\n![c](/img/sous-dossier/c.jpg?v=2)']) {
      expect(mayNeedMarkdownChecks(body), body).toBe(false);
    }
  });

  it('asks for a parse whenever a rule could find something', () => {
    for (const body of PIECES.filter((p) => findings(p).length > 0)) expect(mayNeedMarkdownChecks(body), body).toBe(true);
  });

  it('never skips a body in which a full parse finds something (2,000 random bodies)', () => {
    const rnd = random(7);
    let skipped = 0;
    let risky = 0;
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => PIECES[Math.floor(rnd() * PIECES.length)]!).join(rnd() < 0.5 ? ' ' : '\n\n');
      const found = findings(body);
      if (found.length > 0) risky++;
      if (!mayNeedMarkdownChecks(body)) {
        skipped++;
        expect(found, body).toEqual([]);
      }
    }
    // Both kinds were really exercised.
    expect(skipped).toBeGreaterThan(100);
    expect(risky).toBeGreaterThan(400);
  });

  it('gives the same answers as when it counted the images and matched them all (5,000 random bodies)', () => {
    const PLAIN = /!\[[^[\]\\]*\]\((?:https:\/\/[^\s()<>\\&]*|\/(?!\/)[^\s()<>\\&%]*)\)/g;
    /** The former test of images: as many plain images as `![`, none with a `.` or `..` segment. */
    const imagesNeedParse = (body: string): boolean => {
      let images = 0;
      for (let i = body.indexOf('!['); i >= 0; i = body.indexOf('![', i + 2)) images++;
      const plain = body.match(PLAIN) ?? [];
      return images > 0 && (plain.length !== images || plain.some((m) => /\/\.\.?[/)]/.test(m)));
    };
    const images = PIECES.filter((p) => p.includes('!') && !/[<&:]/.test(p.replace('https://', '')));
    const rnd = random(13);
    let needed = 0;
    for (let i = 0; i < 5000; i++) {
      const body = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => images[Math.floor(rnd() * images.length)]!).join(rnd() < 0.5 ? '' : ' ');
      const before = imagesNeedParse(body);
      if (before) needed++;
      expect(mayNeedMarkdownChecks(body), body).toBe(before);
    }
    // Both answers were really exercised.
    expect(needed).toBeGreaterThan(1000);
    expect(5000 - needed).toBeGreaterThan(500);
  });
});
