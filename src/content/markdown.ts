import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse);

/** Parses a Markdown body as CommonMark, as the portal renders it. */
export function parseMarkdown(body: string): Root {
  return processor.parse(body);
}

/**
 * True when a body may hold something the Markdown rules look at (HTML, entities, links with a
 * scheme, images). Bodies of plain text are then not parsed at all, which keeps validation fast.
 */
export function mayNeedMarkdownChecks(body: string): boolean {
  // Several rules ask in turn about the same body.
  if (body !== lastBody) {
    lastBody = body;
    lastAnswer = needsChecks(body);
  }
  return lastAnswer;
}

let lastBody: string | undefined;
let lastAnswer = false;

function needsChecks(body: string): boolean {
  // HTML, link definitions, and what could spell a dangerous scheme: `script:` or `data:` (also with
  // `\:`, a Markdown escape, or an entity after it), numeric character references, and the named ones
  // that give `:` or the tab and line feed that browsers drop from URLs. No named reference gives an
  // ASCII letter, so `R&amp;D` in a text needs no parse.
  // Searched from the rare characters (`<`, `]:`, `&`, `:`) rather than at every letter of the text.
  if (body.includes('<') || body.includes(']:')) return true;
  for (let i = body.indexOf('&'); i >= 0; i = body.indexOf('&', i + 1)) {
    if (ENTITY_AFTER.test(body.slice(i + 1, i + 9)) || SCHEME_BEFORE.test(body.slice(Math.max(0, i - 7), i))) return true;
  }
  for (let i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) {
    if (SCHEME_BEFORE.test(body.slice(Math.max(0, i - 7), i))) return true;
  }
  // Images: no need to parse when every one is plainly safe (https://, or a site path without `..`):
  // each `![` starts such an image, after the end of the previous one (the `![` found inside an
  // image's address would need a parse). Only the images are read, not the text between them.
  let end = 0;
  for (let i = body.indexOf('!['); i >= 0; i = body.indexOf('![', i + 2)) {
    if (i < end) return true;
    PLAIN_IMAGE.lastIndex = i;
    const image = PLAIN_IMAGE.exec(body)?.[0];
    if (image === undefined || DOT_SEGMENT.test(image)) return true;
    end = i + image.length;
  }
  return false;
}

/** What follows a `&` in the references that matter: numeric, or the named `&tab;`, `&newline;`, `&colon;`. */
const ENTITY_AFTER = /^(?:#|(?:tab|newline|colon);)/i;
/** What precedes a `:` or `&` that could end a dangerous scheme: `script` or `data`, maybe escaped by `\`. */
const SCHEME_BEFORE = /(?:script|data)\\?$/i;

/** `![alt](address)` with an https:// address, or a site path with no escape, reference, encoding or `//`
 * (sticky: tried at one place only). */
const PLAIN_IMAGE = /!\[[^[\]\\]*\]\((?:https:\/\/[^\s()<>\\&]*|\/(?!\/)[^\s()<>\\&%]*)\)/y;
/** A `.` or `..` path segment. */
const DOT_SEGMENT = /\/\.\.?[/)]/;

/** Decodes numeric and a few named HTML entities, as a browser would before reading a URL. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(colon|tab|newline);/gi, (_, n: string) => ({ colon: ':', tab: '\t', newline: '\n' })[n.toLowerCase()] ?? '');
}

/** The scheme of a URL as a browser sees it (whitespace and control characters removed), lower case. */
export function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = decodeEntities(url).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
}

export const DANGEROUS_SCHEMES = new Set(['javascript', 'vbscript', 'data']);
