/**
 * Markdown bodies rendered at build time as CommonMark (remark → rehype), sanitised by
 * rehype-sanitize with the allow-list below, kept as a compact tree and rendered by React without
 * `dangerouslySetInnerHTML`. Raw HTML is dropped (the validator refuses it anyway).
 */
import type { Element, Nodes, Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { headingIds } from '../../content/markdown.js';
import type { HastLite } from './shared/model.js';

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/** What a body may hold: elements, their attributes, and the link schemes a reader can follow safely. */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  tagNames: [
    'p',
    ...HEADINGS,
    'ul',
    'ol',
    'li',
    'a',
    'em',
    'strong',
    'code',
    'pre',
    'blockquote',
    'hr',
    'br',
    'img',
    'del',
    'sup',
    'sub',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
  },
  protocols: { href: ['http', 'https', 'mailto', 'tel'], src: ['http', 'https'] },
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tr: ['table'] },
  // Heading ids are made from the heading's text (headingAnchors), never written by the author.
  clobber: [],
  strip: ['script', 'style'],
};

/** Every heading gets the id Docusaurus would give it, so that the `#anchors` checked by `essaim links` exist. */
function headingAnchors() {
  return (tree: MdastRoot): void => {
    for (const { heading, id } of headingIds(tree)) heading.data = { ...heading.data, hProperties: { id } };
  };
}

/**
 * Before sanitising: level-1 headings become level 2 (the page title is the only h1); link
 * schemes are lower-cased, as browsers read them (`HTTPS:` stays a link).
 */
function prepare() {
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element) => {
      for (const key of ['href', 'src']) {
        const url = el.properties[key];
        if (typeof url === 'string')
          el.properties[key] = url.replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase());
      }
      if (el.tagName === 'h1') el.tagName = 'h2';
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(headingAnchors)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(prepare)
  .use(rehypeSanitize, SANITIZE_SCHEMA);

function convert(node: Nodes, out: HastLite[]): void {
  if (node.type === 'text') out.push(node.value);
  if (node.type !== 'element') return;
  const children: HastLite[] = [];
  for (const c of node.children) convert(c, children);
  const attrs = Object.entries(node.properties).filter(([, v]) => v !== undefined && v !== null && v !== false);
  // An image whose address the schema refused shows nothing.
  if (node.tagName === 'img' && !attrs.some(([k]) => k === 'src')) return;
  out.push([
    node.tagName,
    attrs.length > 0
      ? Object.fromEntries(attrs.map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : String(v)]))
      : null,
    ...children,
  ]);
}

export function renderMarkdown(body: string): HastLite[] {
  if (!body.trim()) return [];
  const tree = processor.runSync(processor.parse(body));
  const out: HastLite[] = [];
  for (const c of tree.children) convert(c, out);
  // Drop the newlines between blocks.
  return out.filter((n) => typeof n !== 'string' || n.trim() !== '');
}
