/**
 * The entry file, written in the browser when no submission service is reachable (static hosting):
 * the person downloads it or pastes it on GitHub. It must be byte for byte what the core's
 * `serializeEntry` writes; the core reads schemas from disk (node:fs), so this module repeats its
 * few pure steps with the bundled schemas — `test/form/entry-file.test.ts` checks both agree on
 * every collection.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import { extensionOf, type Collection } from '../../content/collections.js';
import type { JsonSchema } from '../../content/schemas.js';

const TO_STRING = { lineWidth: 100, minContentWidth: 40, indentSeq: true } as const;

/** Sorts keys in schema order; `schema` has its refs inlined (see `inlineRefs`). */
function order(node: Node | null, schema: JsonSchema | undefined): void {
  if (!schema) return;
  if (isMap(node)) {
    const keys = Object.keys(schema.properties ?? {});
    const rank = (k: unknown): number => { const i = keys.indexOf(String(k)); return i < 0 ? keys.length : i; };
    node.items.sort((a, b) => rank(isScalar(a.key) ? a.key.value : a.key) - rank(isScalar(b.key) ? b.key.value : b.key));
    for (const pair of node.items) order(pair.value as Node | null, schema.properties?.[isScalar(pair.key) ? String(pair.key.value) : '']);
  } else if (isSeq(node)) {
    for (const item of node.items) order(item as Node | null, schema.items);
  }
}

function normalizeStyles(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && (node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.PLAIN)) node.type = undefined;
    },
    Map(_, node) { node.flow = false; },
    Seq(_, node) { node.flow = false; },
  });
}

function schemaComment(c: Collection, file: string): string {
  return `# yaml-language-server: $schema=${'../'.repeat(file.split('/').length - 1)}schemas/${c.schema}.schema.json`;
}

/** Same text as the core's `serializeEntry(c, file, data, body)`; `schema` is the inlined collection schema. */
export function entryFileText(c: Collection, schema: JsonSchema, file: string, data: Record<string, unknown>, body = ''): string {
  const doc = new Document(data);
  order(doc.contents as Node | null, schema);
  normalizeStyles(doc);
  const yaml = doc.toString(TO_STRING);
  if (c.format === 'yaml') return `${schemaComment(c, file)}\n${yaml}`;
  const text = body.replace(/^\s*\n/, '').replace(/\s+$/, '');
  return `---\n${yaml}---\n${text ? `\n${text}\n` : ''}`;
}

/** Same as the core's `slugify`. */
export function slugifyTitle(title: string, max = 60): string {
  const slug = title
    .normalize('NFD').replace(/\p{M}/gu, '')
    .replace(/[œŒ]/g, 'oe').replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/** Same as the core's `entryPath`. */
export function entryFilePath(c: Collection, data: Record<string, unknown>): string {
  const group = c.groupBy ? data[c.groupBy] : undefined;
  const sub = Array.isArray(group) && typeof group[0] === 'string' ? `${group[0]}/` : '';
  return `${c.folder}/${sub}${String(data.id)}${extensionOf(c)}`;
}
