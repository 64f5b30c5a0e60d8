import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, typesFile } from '../scripts/gen-types.js';

describe('types generated from the schemas', () => {
  it('are up to date (else: npm run gen:types)', async () => {
    const expected = await generateTypes();
    expect(
      fs.readFileSync(typesFile, 'utf8'),
      'src/content/types.generated.ts est périmé : lancez `npm run gen:types`',
    ).toBe(expected);
  });
});
