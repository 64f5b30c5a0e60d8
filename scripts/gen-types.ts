/**
 * Generates `src/content/types.generated.ts` from the JSON Schemas: the types of every collection
 * come from its schema, never from a hand-written interface. `npm run gen:types` rewrites the file;
 * a test fails when it is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { allCollections } from '../src/content/collections.js';
import { readSchema } from '../src/content/schemas.js';
import { repoRoot, schemasDir } from '../src/content/paths.js';

export const typesFile = path.join(repoRoot, 'src/content/types.generated.ts');

export async function generateTypes(): Promise<string> {
  // One compilation over all collections, so that names shared between schemas stay unique.
  const properties: Record<string, unknown> = {};
  for (const c of allCollections()) {
    const schema = structuredClone(readSchema(c.schema));
    schema.title = c.schema.charAt(0).toUpperCase() + c.schema.slice(1);
    delete schema.$id;
    properties[c.name] = schema;
  }
  const root = {
    title: 'Entries',
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
  const ts = await compile(root as Parameters<typeof compile>[0], 'Entries', {
    bannerComment: '/* Généré par `npm run gen:types` depuis schemas/ : ne pas modifier à la main. */',
    cwd: schemasDir,
    additionalProperties: false,
    declareExternallyReferenced: true,
    unknownAny: true,
  });
  return ts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(typesFile, await generateTypes());
  console.log(`Types écrits dans ${path.relative(process.cwd(), typesFile)}`);
}
