/**
 * The components that write entry text into a script element (Docusaurus' JSON-LD overridden in
 * src/theme/, the JSON-LD of a news page) and the shared serialiser: no text can close the element or change
 * how the HTML parser reads it, and the JSON gives back the same value.
 */
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { HelmetProvider, type HelmetServerState } from 'react-helmet-async';
import { describe, expect, it, vi } from 'vitest';
import NewsArticleData from '../../src/components/catalog/NewsArticleData.js';
import { scriptJson } from '../../src/plugins/content/shared/escape.js';

const HOSTILE = [
  '</script><script>alert(123)</script>',
  '</SCRIPT >',
  '<!--<script>',
  '-->',
  ']]>',
  '&lt;/script&gt;',
  '\u2028\u2029',
  '"\'`',
  '\\u003c/script>',
];
const data = {
  '@context': 'https://schema.org',
  name: HOSTILE.join(' '),
  itemListElement: HOSTILE.map((name, position) => ({ name, position })),
};

// Docusaurus' Head is react-helmet-async's Helmet (@docusaurus/core/lib/client/exports/Head.js); the hooks give the JSON-LD.
vi.mock('@docusaurus/Head', async () => ({ default: (await import('react-helmet-async')).Helmet }));
vi.mock('@docusaurus/plugin-content-docs/client', () => ({ useBreadcrumbsStructuredData: () => data }));

/** The `<script>` elements the page's head gets, as server rendering writes them. */
function headScripts(component: ComponentType<never>): string {
  const context: { helmet?: HelmetServerState } = {};
  renderToString(
    createElement(
      HelmetProvider,
      { context },
      createElement(component as ComponentType<{ breadcrumbs: []; metadata: object }>, {
        breadcrumbs: [],
        metadata: {},
      }),
    ),
  );
  return context.helmet!.script.toString();
}

describe('JSON inside a script element', () => {
  it('NewsArticleData (page of a news entry): one JSON-LD element that no title can close', () => {
    const headline = HOSTILE.join(' ');
    const context: { helmet?: HelmetServerState } = {};
    renderToString(
      createElement(
        HelmetProvider,
        { context },
        createElement(NewsArticleData, {
          headline,
          description: HOSTILE.join('\n'),
          published: '2026-05-01',
          url: 'https://essaim.example.org/actualites/a',
          publisher: 'Essaim',
        }),
      ),
    );
    const html = context.helmet!.script.toString();
    const m = /^<script[^>]*type="application\/ld\+json"[^>]*>([\s\S]*)<\/script>$/.exec(html);
    expect(m, html).not.toBeNull();
    expect(m![1]).not.toMatch(/<\/script|<!--|<script/i);
    expect(JSON.parse(m![1]!)).toMatchObject({ '@type': 'NewsArticle', headline, datePublished: '2026-05-01' });
  });

  it('scriptJson gives back the value and writes no character the HTML parser reads in a script', () => {
    const json = scriptJson(data);
    expect(JSON.parse(json)).toEqual(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(scriptJson('</script>')).toBe('"\\u003c/script\\u003e"');
  });

  for (const [name, load] of [
    ['DocBreadcrumbs/StructuredData', () => import('../../src/theme/DocBreadcrumbs/StructuredData/index.js')],
  ] as const) {
    it(`${name}: one JSON-LD element that no title can close`, async () => {
      const html = headScripts((await load()).default as ComponentType<never>);
      const m = /^<script[^>]*type="application\/ld\+json"[^>]*>([\s\S]*)<\/script>$/.exec(html);
      expect(m, html).not.toBeNull();
      const body = m![1]!;
      expect(body).not.toMatch(/<\/script|<!--|<script/i);
      expect(JSON.parse(body)).toEqual(data);
    });
  }
});
