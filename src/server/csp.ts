/**
 * Hashes of the inline scripts of the built portal, for the Content-Security-Policy: Docusaurus
 * inlines a small script (colour mode, before the page paints); allowing it by hash keeps
 * 'unsafe-inline' out of script-src.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
/** One attribute of a start tag: name, then a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The types with which the browser runs a script element (HTML: « JavaScript MIME type essence match », and modules). */
const RUNNING_TYPES = new Set([
  '',
  'module',
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/**
 * Whether the attributes of a script element make it an inline script that runs. Data blocks
 * (`application/json`, `application/ld+json`: one per entry page) never run and need no hash.
 */
export function runsInline(attributes: string): boolean {
  const attrs = new Map<string, string>();
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    // The first occurrence of an attribute wins, as in the HTML parser.
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  if (attrs.has('src')) return false;
  return RUNNING_TYPES.has((attrs.get('type') ?? '').trim().toLowerCase());
}

function htmlFiles(dir: string, out: string[], limit: number): void {
  let items: fs.Dirent[];
  try {
    items = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const item of items) {
    if (out.length >= limit) return;
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) htmlFiles(abs, out, limit);
    else if (item.name.endsWith('.html')) out.push(abs);
  }
}

/** `sha256-…` sources for every distinct inline script that runs in the built pages. */
export function inlineScriptHashes(staticDir: string, limit = 5_000): string[] {
  const files: string[] = [];
  htmlFiles(staticDir, files, limit);
  const hashes = new Set<string>();
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(SCRIPT)) {
      const body = m[2] ?? '';
      if (body.trim() === '' || !runsInline(m[1] ?? '')) continue;
      hashes.add(`sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}`);
    }
  }
  return [...hashes].sort();
}
