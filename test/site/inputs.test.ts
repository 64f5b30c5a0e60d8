/**
 * The key of the browser tests' build cache (test/site/build.ts) and `npm start`'s rebuild check
 * cover everything the build reads: a test can never pass on a stale build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_IN_SITE, siteInputs } from '../../scripts/site-inputs.js';
import { makeTree, writeFile } from '../helpers/tree.js';
import { inputsHash, repo } from './build.js';

describe('clé du cache de construction des tests navigateur', () => {
  it('change quand un composant, un plugin, le thème, le style, la configuration ou les dépendances changent', () => {
    const files = {
      'src/components/catalog/EntryPage.tsx': 'export default 1;\n',
      'src/plugins/content/index.ts': 'export default 1;\n',
      'src/theme/Footer/index.tsx': 'export default 1;\n',
      'src/css/custom.css': 'a {}\n',
      'static/img/logo.svg': '<svg/>\n',
      'i18n/fr/code.json': '{}\n',
      'docusaurus.config.ts': 'export default {};\n',
      'sidebars.practices.ts': 'export default {};\n',
      'package.json': '{}\n',
      'package-lock.json': '{}\n',
      'src/components/catalog/EntryPage.test.tsx': '// test\n',
      'src/server/app.ts': '// service\n',
    };
    const root = makeTree(undefined, files);
    let key = inputsHash(root);
    for (const rel of Object.keys(files).filter((f) => !f.includes('.test.') && !f.startsWith('src/server/'))) {
      writeFile(root, rel, `${files[rel as keyof typeof files]}// modifié\n`);
      const next = inputsHash(root);
      expect(next, rel).not.toBe(key);
      key = next;
    }
    // Tests and the service are not part of the site.
    writeFile(root, 'src/components/catalog/EntryPage.test.tsx', '// autre test\n');
    writeFile(root, 'src/server/app.ts', '// autre service\n');
    expect(inputsHash(root)).toBe(key);
  });

  it('ne laisse de côté que des dossiers que le site n’importe jamais', () => {
    // Every relative import of the site's own code, followed from file to file.
    const seen = new Set<string>();
    const visit = (rel: string): void => {
      if (seen.has(rel)) return;
      seen.add(rel);
      const text = fs.readFileSync(path.join(repo, rel), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!));
        const file = [
          target,
          target.replace(/\.js$/, '.ts'),
          target.replace(/\.js$/, '.tsx'),
          `${target}.ts`,
          `${target}.tsx`,
          `${target}/index.ts`,
          `${target}/index.tsx`,
        ].find((f) => fs.statSync(path.join(repo, f), { throwIfNoEntry: false })?.isFile());
        if (file && /\.tsx?$/.test(file)) visit(file);
      }
    };
    const roots = siteInputs(repo).filter(
      (f) => /^(src\/|docusaurus\.config\.ts$|sidebars)/.test(f) && /\.tsx?$/.test(f),
    );
    expect(roots).toContain('src/plugins/content/index.ts');
    for (const f of roots) visit(f);
    expect([...seen].filter((f) => NOT_IN_SITE.some((dir) => f.startsWith(dir)))).toEqual([]);
  });
});
