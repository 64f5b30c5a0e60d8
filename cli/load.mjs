/**
 * Loads the command line. Running the TypeScript sources through tsx costs about half a second at
 * every start (its loader resolves and compiles each module on the fly). So the sources are bundled
 * once by esbuild (tsx's own compiler) into `node_modules/.cache/essaim-cli/`, and the bundle is
 * used as long as it is fresh: a manifest keeps the SHA-256 of every source it was built from (and of
 * this file and tsconfig.json), checked at each start; any edit makes the next start rebuild it.
 * When the bundle cannot be built (no esbuild, read-only checkout), or with ESSAIM_TSX=1, the
 * sources run through tsx, as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const entry = path.join(here, 'main.ts');
/** Inside the repository's node_modules, so that the bundle imports the same packages as the sources. */
const cacheDir = path.join(repo, 'node_modules/.cache/essaim-cli');
const manifestFile = path.join(cacheDir, 'manifest.json');
/** Files that change the bundle without being bundled (package.json: module type, import maps). */
const EXTRA_INPUTS = [path.relative(repo, fileURLToPath(import.meta.url)), 'package.json', 'tsconfig.json'];

/** @typedef {(argv: string[]) => Promise<number>} Main */

const digest = (rel) => crypto.createHash('sha256').update(fs.readFileSync(path.join(repo, rel))).digest('base64url');

/** The bundle's entry when the manifest's sources are all unchanged. */
function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
  // The bundle holds the sources' absolute paths: it is only for the checkout it was built from.
  if (manifest.repo !== repo) return undefined;
  try {
    for (const [rel, hash] of Object.entries(manifest.inputs)) if (digest(rel) !== hash) return undefined;
  } catch {
    return undefined; // a source was removed
  }
  const main = path.join(cacheDir, manifest.build, 'main.js');
  return fs.existsSync(main) ? main : undefined;
}

/** `import.meta.url` (and its kin) of each source, kept as written: paths stay those of the sources. */
const keepMetaUrl = {
  name: 'essaim-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (args.path.split(path.sep).includes('node_modules')) return undefined;
      const url = pathToFileURL(args.path).href;
      const contents = fs.readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(url))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Packages bundled with the sources rather than imported from node_modules: the ES modules of the
 * validation path, made of many small files (the Markdown parser alone is a hundred) that Node would
 * otherwise resolve and load one by one at every start. Their files are in the manifest too.
 * The other packages stay imports (CommonJS ones would need `require` inside an ES bundle).
 */
const BUNDLED_PACKAGES = new Set(['js-yaml', 'remark-parse', 'unified', 'unist-util-visit']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Bare imports of the sources: bundled for BUNDLED_PACKAGES (and everything these import), external otherwise. */
const chooseBundled = {
  name: 'essaim-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      if (args.importer.split(path.sep).includes('node_modules')) return undefined;
      return BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { external: true };
    });
  },
};

/** Builds the bundle (written aside, then renamed: a concurrent start never sees half of it). */
async function buildBundle() {
  // esbuild comes with tsx: resolved from tsx, as tsx itself does.
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx'));
  const esbuild = await import(pathToFileURL(fromTsx.resolve('esbuild')).href);
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir, 'tmp-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: repo,
      entryPoints: [entry],
      outdir: tmp,
      bundle: true,
      splitting: true, // each command stays in a file of its own, loaded only when run
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      plugins: [chooseBundled, keepMetaUrl],
    });
    const inputs = {};
    for (const rel of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS].sort()) inputs[rel] = digest(rel);
    const build = crypto.createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
    const target = path.join(cacheDir, build);
    try {
      fs.renameSync(tmp, target);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // built at the same time by another start
    }
    const manifestTmp = `${manifestFile}.${process.pid}.tmp`;
    fs.writeFileSync(manifestTmp, JSON.stringify({ repo, build, inputs }, null, 1));
    fs.renameSync(manifestTmp, manifestFile);
    removeOldBuilds(build);
    return path.join(target, 'main.js');
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Earlier bundles: the two latest are kept, and any from the last hour (a command started
 * before the rebuild may still have to load one of its files). */
function removeOldBuilds(current) {
  const old = Date.now() - 60 * 60 * 1000;
  const builds = [];
  for (const name of fs.readdirSync(cacheDir)) {
    if (name === current || name === 'manifest.json' || name.endsWith('.tmp')) continue;
    try {
      builds.push({ abs: path.join(cacheDir, name), mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const { abs, mtime } of builds.slice(2)) if (mtime < old) fs.rmSync(abs, { recursive: true, force: true });
}

/** @returns {Promise<Main>} */
export async function loadCli() {
  if (process.env.ESSAIM_TSX !== '1') {
    let bundle = freshBundle();
    if (!bundle) {
      try {
        bundle = await buildBundle();
      } catch {
        bundle = undefined; // run through tsx below
      }
    }
    try {
      if (bundle) return (await import(pathToFileURL(bundle).href)).main;
    } catch {
      // a bundle removed or damaged under our feet: the sources below say what is really wrong, if anything
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('./main.ts')).main;
}
