import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse);

/** Containers (block quotes, list items) nested on one line, counted before parsing. */
export const MAX_MARKDOWN_NESTING = 32;
/** Emphasis delimiter runs (`*`, `_`, `~`) in one paragraph: the parser pairs them in quadratic time. */
export const MAX_DELIMITER_RUNS = 500;

export interface MarkdownLimit {
  /** Position in the body (1-based). */
  line: number;
  col: number;
  message: string;
  hint: string;
}

/**
 * Where a body goes beyond what the parser handles in linear time and bounded stack, found by one
 * pass over the text before any parse: containers are counted at the start of each line (a `>`, a
 * list marker, or two columns of indentation each, an upper bound of what the line can nest), and
 * emphasis delimiter runs between blank lines (an upper bound of one paragraph's).
 */
export function markdownLimitExceeded(body: string): MarkdownLimit | undefined {
  if (body === lastBody) return lastLimit;
  lastBody = body;
  return (lastLimit = scanLimits(body));
}

let lastBody: string | undefined;
let lastLimit: MarkdownLimit | undefined;

function scanLimits(body: string): MarkdownLimit | undefined {
  let line = 1;
  let runs = 0;
  let blockLine = 1;
  let i = 0;
  const n = body.length;
  while (i < n) {
    // Start of a line: measure its container prefix.
    let depth = 0;
    let columns = 0;
    let blank = true;
    for (;;) {
      const c = body.charCodeAt(i);
      if (c === 32) {
        columns++;
        i++;
      } else if (c === 9) {
        columns += 4;
        i++;
      } else if (c === 62) {
        depth++;
        i++;
      } // >
      else if ((c === 45 || c === 43 || c === 42) && isSpaceOrEnd(body, i + 1)) {
        depth++;
        i++;
      } // - + *
      else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < n && j - i < 10 && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
        const m = body.charCodeAt(j);
        if ((m === 46 || m === 41) && isSpaceOrEnd(body, j + 1)) {
          depth++;
          i = j + 1;
        } else break; // 1. 1)
      } else break;
    }
    if (depth + Math.floor(columns / 2) > MAX_MARKDOWN_NESTING) {
      return {
        line,
        col: 1,
        message: `Le texte imbrique trop de citations, de listes ou de retraits sur une même ligne (plus de ${MAX_MARKDOWN_NESTING} niveaux).`,
        hint: 'Réduisez l’imbrication des citations (>) et des listes, ou les espaces en début de ligne.',
      };
    }
    // Rest of the line: emphasis delimiter runs.
    for (; i < n; i++) {
      const c = body.charCodeAt(i);
      if (c === 10) break;
      if (c === 13 || c === 32 || c === 9) continue;
      blank = false;
      if ((c === 42 || c === 95 || c === 126) && body.charCodeAt(i - 1) !== c) {
        if (++runs > MAX_DELIMITER_RUNS) {
          return {
            line: blockLine,
            col: 1,
            message: `Ce paragraphe contient plus de ${MAX_DELIMITER_RUNS} suites de « * », « _ » ou « ~ ».`,
            hint: 'Coupez le paragraphe, ou écrivez ces caractères dans un bloc de code (entre ```).',
          };
        }
      }
    }
    if (blank && depth === 0) {
      runs = 0;
      blockLine = line + 1;
    }
    i++;
    line++;
  }
  return undefined;
}

function isSpaceOrEnd(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Parses a Markdown body as CommonMark, as the portal renders it. A body beyond the limits
 * (`markdownLimitExceeded`, reported by the rule `markdown-trop-imbrique`) is not parsed: it gives
 * an empty tree, so that nothing recursive ever walks it.
 */
export function parseMarkdown(body: string): Root {
  if (markdownLimitExceeded(body)) return { type: 'root', children: [] };
  return processor.parse(body);
}

const nodesOf = new WeakMap<Root, readonly Nodes[]>();

/**
 * Every node of a parsed body in document order, from one walk per tree shared by all the rules
 * (each rule used to walk the tree on its own, several times).
 */
export function markdownNodes(tree: Root): readonly Nodes[] {
  const known = nodesOf.get(tree);
  if (known) return known;
  const out: Nodes[] = [];
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    // A loop rather than push(...children): a paragraph may have more children than a call has arguments.
    if ('children' in node) for (const child of [...node.children].reverse()) stack.push(child);
  }
  nodesOf.set(tree, out);
  return out;
}

/** The text of nodes as mdast-util-to-string gives it (which Docusaurus uses): values, image alternatives. */
function textOf(nodes: readonly Nodes[]): string {
  let out = '';
  for (const n of nodes) {
    if ('value' in n) out += n.value;
    else if ('alt' in n && n.alt) out += n.alt;
    else if ('children' in n) out += textOf(n.children);
  }
  return out;
}

/**
 * The anchor of every heading of a parsed body, in order, made as Docusaurus makes it (its remark
 * plugin `headings`): the heading's text without its raw HTML, through github-slugger, numbered
 * when repeated. The portal's renderer and the link checker both use it, so they cannot disagree.
 */
export function headingIds(tree: Root): { heading: Heading; id: string }[] {
  const slugger = new GithubSlugger();
  const out: { heading: Heading; id: string }[] = [];
  for (const node of markdownNodes(tree)) {
    if (node.type !== 'heading') continue;
    const withoutHtml = node.children.filter((c) => c.type !== 'html');
    out.push({ heading: node, id: slugger.slug(textOf(withoutHtml.length > 0 ? withoutHtml : node.children)) });
  }
  return out;
}

/** Decodes numeric and a few named HTML entities, as a browser would before reading a URL. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(
      /&(colon|tab|newline);/gi,
      (_, n: string) => ({ colon: ':', tab: '\t', newline: '\n' })[n.toLowerCase()] ?? '',
    );
}

/** The scheme of a URL as a browser sees it (whitespace and control characters removed), lower case. */
export function schemeOf(url: string): string | undefined {
  const cleaned = decodeEntities(url)
    .replace(/[\u0000-\u0020\u007f]/g, '')
    .toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
}

export const DANGEROUS_SCHEMES = new Set(['javascript', 'vbscript', 'data']);
