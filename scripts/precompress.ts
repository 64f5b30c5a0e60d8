/**
 * Precompresses the built site: next to each text file of the output (HTML, scripts, styles, data),
 * a Brotli `.br` and a gzip `.gz` copy, so that the service (src/server/app.ts, `preCompressed`) or
 * any static host that serves such files (nginx `gzip_static`/`brotli_static`…) never compresses at
 * request time. Files are only compressed, never read for their content.
 *
 * Run after `docusaurus build` (`npm run build`, `npm start`), not as a plugin's `postBuild`:
 * Docusaurus runs the plugins' `postBuild` at the same time, and some of them write files then
 * (search payload, feeds, sitemap).
 *
 *   tsx scripts/precompress.ts [build/]
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const COMPRESSIBLE = /\.(html|js|css|json|svg|xml|atom|rss|txt|csv|ics|webmanifest|map)$/;
/** Below this, a compressed copy saves less than a network packet. */
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function compressibleFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && COMPRESSIBLE.test(f.name))
    .map((f) => path.join(f.parentPath, f.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file of `dir` larger than `MIN_BYTES`,
 * unless the copy would not be smaller. Hashed assets (`assets/`, fetched once and cached for a
 * year) get the slowest, strongest Brotli level; pages a faster one, as a build holds thousands.
 */
export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotli: number }> {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  const assets = path.join(dir, 'assets') + path.sep;
  const one = async (file: string): Promise<void> => {
    const data = await fs.promises.readFile(file);
    if (data.length < MIN_BYTES) return;
    const quality = file.startsWith(assets) ? 11 : 9;
    const [br, gz] = await Promise.all([
      brotli(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
      gzip(data, { level: 9 }),
    ]);
    files++;
    bytes += data.length;
    brotliBytes += br.length;
    if (br.length < data.length) await fs.promises.writeFile(`${file}.br`, br);
    if (gz.length < data.length) await fs.promises.writeFile(`${file}.gz`, gz);
  };
  const queue = compressibleFiles(dir);
  // zlib runs on libuv's thread pool: a few files at a time keep it busy without holding them all in memory.
  const workers = Array.from({ length: 4 }, async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) await one(file);
  });
  await Promise.all(workers);
  return { files, bytes, brotli: brotliBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'build');
  const t = performance.now();
  const r = await precompress(dir);
  process.stdout.write(
    `Compression de ${r.files} fichiers (${(r.bytes / 1048576).toFixed(1)} Mo → ${(r.brotli / 1048576).toFixed(1)} Mo en Brotli) en ${((performance.now() - t) / 1000).toFixed(1)} s.\n`,
  );
}
