/**
 * Hashes of the inline scripts of the built portal, for the Content-Security-Policy: Docusaurus
 * inlines a small script (colour mode, before the page paints); allowing it by hash keeps
 * 'unsafe-inline' out of script-src.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

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

/** `sha256-…` sources for every distinct inline script of the built pages. */
export function inlineScriptHashes(staticDir: string, limit = 5_000): string[] {
  const files: string[] = [];
  htmlFiles(staticDir, files, limit);
  const hashes = new Set<string>();
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(INLINE_SCRIPT)) {
      const body = m[1] ?? '';
      if (body.trim() === '') continue;
      hashes.add(`sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}`);
    }
  }
  return [...hashes].sort();
}
