/**
 * The validators kept in the cache are ajv's standalone code, run again at each start: they must
 * answer as ajv's own, and be made again whenever something that makes them changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEntries, readEntry } from './load.js';
import { repoRoot } from './paths.js';
import { compiledValidators, validatorFor, validatorInputs, validatorsCacheFile, validatorsKey } from './schemas.js';

describe('the validators kept in the cache', () => {
  it('give the same answer and the same errors as ajv’s own, on every entry of the fixtures and of content/', () => {
    const reference = compiledValidators();
    let checked = 0;
    let invalid = 0;
    for (const root of ['test/fixtures/valide', 'test/fixtures/invalide', '.'].map((r) => path.join(repoRoot, r))) {
      for (const f of listEntries(root).files) {
        const { collection, data } = readEntry(root, f);
        if (!data) continue;
        const kept = validatorFor(collection);
        const own = reference.get(collection.schema)!;
        const ok = kept(structuredClone(data));
        expect(own(structuredClone(data))).toBe(ok);
        expect(kept.errors ?? null).toEqual(own.errors ?? null);
        checked++;
        if (!ok) invalid++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(invalid).toBeGreaterThan(5);
    // The kept code was really the one compared (not compiled in memory, as in a read-only checkout).
    expect(fs.existsSync(validatorsCacheFile())).toBe(true);
  });

  it('are keyed on the schemas, ajv’s and ajv-formats’ versions and the code that compiles them', () => {
    const inputs = validatorInputs();
    expect(inputs.schemas.map(([name]) => name)).toContain('practice.schema.json');
    expect(inputs.compilerCode).toContain('function compile()');
    const key = validatorsKey(inputs);
    expect(validatorsKey(validatorInputs())).toBe(key);
    const [first, ...others] = inputs.schemas;
    const changed = [
      { ...inputs, schemas: [[first![0], first![1].replace('}', ' }')] as const, ...others] },
      { ...inputs, schemas: [...inputs.schemas, ['nouveau.schema.json', '{}'] as const] },
      { ...inputs, ajvVersion: `${inputs.ajvVersion}-1` },
      { ...inputs, ajvFormatsVersion: `${inputs.ajvFormatsVersion}-1` },
      { ...inputs, compilerCode: `${inputs.compilerCode}\n// autre option` },
    ];
    const keys = changed.map(validatorsKey);
    expect(new Set([key, ...keys]).size).toBe(changed.length + 1);
    expect(path.basename(validatorsCacheFile())).toBe(`validateurs-${key}.cjs`);
  });
});
