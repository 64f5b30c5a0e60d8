/**
 * Writes the Marianne faces the portal uses, cut down to the characters French text needs, into
 * static/assets/fonts/ (the name carries a hash of the content: served as immutable), and the
 * `@font-face` rules that use them into src/css/fonts.css. Run again after an upgrade of the DSFR:
 *
 *   npx tsx scripts/subset-fonts.ts
 *
 * The rules come after the DSFR's own, with the same family, weight and style, and a
 * `unicode-range`: browsers take these small files for the characters they hold and fall back on
 * the DSFR's complete file for any other character — which they then download (≈ 40 Ko), even for
 * text that is only laid out, hidden. So `unicode-range` names exactly the characters the subset
 * holds (read from the subset itself), and the subsets hold every character the portal's own
 * interface writes (test/site/fonts.test.ts watches the requests).
 * The addresses are left as written by the bundler (`webpackIgnore`), so that the `preload` links
 * of docusaurus.config.ts (`fontPreloads`) name the same files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import subsetFont from 'subset-font';
import { repoRoot } from '../src/content/paths.js';

/** Faces used by the portal's styles and the DSFR components it ships (weights 400, 500, 700; italic text). */
export const FACES = [
  { file: 'Marianne-Regular', weight: 400, style: 'normal' },
  { file: 'Marianne-Regular_Italic', weight: 400, style: 'italic' },
  { file: 'Marianne-Medium', weight: 500, style: 'normal' },
  { file: 'Marianne-Bold', weight: 700, style: 'normal' },
] as const;

/** The name of a face's subset file, before its hash: `Marianne-Regular_Italic` → `marianne-regular-italic`. */
export const subsetFileStem = (face: (typeof FACES)[number]): string => face.file.toLowerCase().replace('_', '-');

/**
 * Basic Latin, Latin-1 (accents, «», nbsp), Œ œ Ÿ, typographic quotes and dashes, the ellipsis,
 * the bullet and the euro sign; the zero-width space of Docusaurus' heading anchors, the « › » of
 * breadcrumbs and the arrows of its interface (« ← Retour au menu principal »). Marianne lacks a
 * few of them (the soft hyphen, µ, ‛; the narrow no-break space U+202F that `Intl.NumberFormat`
 * puts in « 2 000 »: the portal's numbers use U+00A0, `frenchNumber` in src/components/catalog/format.ts).
 */
const WANTED =
  'U+0020-007E, U+00A0-00FF, U+0152-0153, U+0178, U+200B, U+2013-2014, U+2018-201E, U+2022, U+2026, U+2039-203A, U+20AC, U+2190-2193';

function characters(range: string): string {
  let out = '';
  for (const part of range.split(',')) {
    const [from = 0, to = from] = part
      .trim()
      .replace(/^U\+/, '')
      .split('-')
      .map((h) => parseInt(h, 16));
    for (let c = from; c <= to; c++) out += String.fromCodePoint(c);
  }
  return out;
}

const hex = (c: number): string => c.toString(16).toUpperCase().padStart(4, '0');

/** `unicode-range` of a set of code points: `U+0020-007E, U+00A0-00AC, …`. */
function unicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const FONTS_DIR = 'static/assets/fonts';
const CSS_FILE = 'src/css/fonts.css';

async function main(): Promise<void> {
  const outDir = path.join(repoRoot, FONTS_DIR);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  // harfbuzzjs (subset-font's own engine) reads which characters a subset holds; only this script needs it.
  const { Blob, Face } = await import('harfbuzzjs');
  const text = characters(WANTED);
  const rules: string[] = [];
  for (const face of FACES) {
    const source = fs.readFileSync(path.join(repoRoot, 'node_modules/@gouvfr/dsfr/dist/fonts', `${face.file}.woff2`));
    const options = {
      // Screens of phones and of today's desktops render without hinting; the common layout features only.
      noHinting: true,
      keepFeatures: ['kern', 'liga', 'calt', 'ccmp', 'locl', 'mark', 'mkmk'],
    };
    const subset = await subsetFont(source, text, { ...options, targetFormat: 'woff2' });
    const held = new Face(new Blob(await subsetFont(source, text, { ...options, targetFormat: 'sfnt' })));
    const range = unicodeRange(held.collectUnicodes());
    const hash = crypto.createHash('sha256').update(subset).digest('hex').slice(0, 8);
    const name = `${subsetFileStem(face)}.${hash}.woff2`;
    fs.writeFileSync(path.join(outDir, name), subset);
    process.stdout.write(`${name} : ${source.length} → ${subset.length} octets\n`);
    rules.push(
      `@font-face {\n  font-family: Marianne;\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n` +
        `  font-display: swap;\n  src: /* webpackIgnore: true */ url('/assets/fonts/${name}') format('woff2');\n  unicode-range: ${range};\n}\n`,
    );
  }
  const cssFile = path.join(repoRoot, CSS_FILE);
  const css = `/* Generated by scripts/subset-fonts.ts: Marianne cut down to the characters of French text. */\n${rules.join('\n')}`;
  // As `npm run format:check` wants it (the long `unicode-range` wrapped).
  const prettier = await import('prettier');
  fs.writeFileSync(
    cssFile,
    await prettier.format(css, { ...(await prettier.resolveConfig(cssFile)), filepath: cssFile }),
  );
}

// Run as a script; imported (by the fonts' browser test), it only gives its faces.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
