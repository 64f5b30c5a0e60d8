import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generate, write } from '../../bench/sites.js';
import { validateRepository } from '../../src/content/validate.js';

// The build and page benchmarks measure generated content: it must stay valid when the schemas change.
test('the benchmark generator writes entries the core accepts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-bench-gen-'));
  try {
    for (const e of generate(40, 140, 7)) write(dir, e.rel, e.text);
    const { entries, problems } = validateRepository(dir);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.rule} ${p.message}`)).toEqual([]);
    expect(entries).toHaveLength(180);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
