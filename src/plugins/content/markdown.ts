/**
 * Markdown bodies rendered at build time as CommonMark (remark → rehype), kept as a compact tree
 * of allowed elements and attributes, and rendered by React without `dangerouslySetInnerHTML`.
 * Raw HTML is dropped (the validator refuses it anyway) and only safe link schemes are kept.
 */
import type { Element, Nodes, Root } from 'hast';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { HastLite } from './shared/model.js';

const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: false, footnoteLabel: 'Notes', footnoteBackLabel: 'Retour au texte' });

const TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'hr', 'br', 'img', 'del', 'sup', 'sub', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const ATTRS: Record<string, string[]> = { a: ['href', 'title', 'id'], img: ['src', 'alt', 'title'], ol: ['start'], li: ['id'], h2: ['id'], h3: ['id'], sup: ['id'] };

/** A URL a reader can follow safely: web, mail, phone, or a link inside the page or the site. */
export function safeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
  return scheme === undefined ? !cleaned.startsWith('//') : ['http', 'https', 'mailto', 'tel'].includes(scheme);
}

function convert(node: Nodes, out: HastLite[]): void {
  if (node.type === 'text') {
    out.push(node.value);
    return;
  }
  if (node.type !== 'element') return;
  const el = node as Element;
  // A level-1 heading in a body would compete with the page title.
  const tag = el.tagName === 'h1' ? 'h2' : el.tagName;
  const children: HastLite[] = [];
  for (const c of el.children) convert(c as Nodes, children);
  if (!TAGS.has(tag)) {
    out.push(...children);
    return;
  }
  let attrs: Record<string, string> | null = null;
  for (const name of ATTRS[tag] ?? []) {
    const v = el.properties?.[name];
    if (v === undefined || v === null || v === false) continue;
    const value = Array.isArray(v) ? v.join(' ') : String(v);
    if ((name === 'href' || name === 'src') && !safeUrl(value)) continue;
    (attrs ??= {})[name] = value;
  }
  if (tag === 'img' && !attrs?.src) return;
  out.push([tag, attrs, ...children]);
}

export function renderMarkdown(body: string): HastLite[] {
  if (!body.trim()) return [];
  const tree = processor.runSync(processor.parse(body)) as Root;
  const out: HastLite[] = [];
  for (const c of tree.children) convert(c as Nodes, out);
  // Drop the newlines between blocks.
  return out.filter((n) => typeof n !== 'string' || n.trim() !== '');
}
