/** `npm start` rebuilds only when build/ is missing or older than one of the site's inputs. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsBuild, siteInputs } from '../../scripts/site-inputs.js';
import { makeTree, writeFile } from '../helpers/tree.js';

function age(root: string, rel: string, seconds: number): void {
  const t = new Date(Date.now() - seconds * 1000);
  fs.utimesSync(path.join(root, rel), t, t);
}

describe('needsBuild', () => {
  it('is true without build/, false once built, true again when content or code changes', () => {
    const root = makeTree('valide', {
      'src/pages/index.tsx': 'export default 1;\n',
      'src/server/app.ts': '// service\n',
      'docusaurus.config.ts': 'export default {};\n',
    });
    expect(siteInputs(root)).toContain('content/practices/distribution/epicerie-solidaire-mobile.md');
    expect(siteInputs(root)).not.toContain('src/server/app.ts');
    expect(needsBuild(root)).toBe(true);
    for (const rel of siteInputs(root)) age(root, rel, 60);
    writeFile(root, 'build/index.html', '<html></html>');
    age(root, 'build/index.html', 30);
    expect(needsBuild(root)).toBe(false);
    writeFile(root, 'src/server/app.ts', '// changed, not part of the site\n');
    expect(needsBuild(root)).toBe(false);
    writeFile(root, 'content/practices/distribution/epicerie-solidaire-mobile.md', 'changed');
    expect(needsBuild(root)).toBe(true);
  });
});
