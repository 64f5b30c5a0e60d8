/**
 * The canonical form of an entry: keys in schema order, block style, stable quoting, one final
 * newline. `essaim format`, `essaim new` and the submission service all write through here; the
 * pure steps are in `canonical.ts`, shared with the web form.
 */
import { canonicalYaml, serializeWithSchema, withBody } from './canonical.js';
import type { Collection } from './collections.js';
import { syntaxTree, type ParsedEntry } from './parse.js';
import { readSchema, resolve } from './schemas.js';

export { entryPath, schemaComment, slugify } from './canonical.js';

/** Serialises data (and a Markdown body) in canonical form. */
export function serializeEntry(c: Collection, file: string, data: Record<string, unknown>, body = ''): string {
  return serializeWithSchema(c, readSchema(c.schema), file, data, body, resolve);
}

/** The canonical form of a parsed entry, comments kept (except the schema line, rewritten). */
export function canonicalSource(entry: ParsedEntry): string {
  // Once fields are reordered, a comment may belong to another node when the text is read again
  // (e.g. a comment above a field that now follows a list): format again until the text is stable,
  // so that formatting a formatted file changes nothing.
  const schema = readSchema(entry.collection.schema);
  let yaml = canonicalYaml(syntaxTree(entry.yaml), schema, resolve);
  for (let i = 0; i < 3; i++) {
    const again = canonicalYaml(syntaxTree(yaml), schema, resolve);
    if (again === yaml) break;
    yaml = again;
  }
  return withBody(entry.collection, entry.file, yaml, entry.body);
}
