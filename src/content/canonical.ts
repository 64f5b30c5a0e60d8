/**
 * The canonical form of an entry, in pure functions that also run in the browser (the web form
 * writes the same file when no submission service is reachable). `serialize.ts` binds them to the
 * schemas read from disk.
 */
import { isMap, isScalar, isSeq, Document, Scalar, visit, type Node } from 'yaml';
import { extensionOf, type Collection } from './collections.js';
import type { JsonSchema } from './schemas.js';

/** Resolves a sub-schema's `$ref` (identity for a schema whose refs are already inlined). */
export type ResolveRef = (schema: JsonSchema) => JsonSchema;

const TO_STRING = { lineWidth: 100, minContentWidth: 40, indentSeq: true } as const;

function order(node: Node | null, schema: JsonSchema | undefined, resolve: ResolveRef): void {
  if (!schema) return;
  const s = resolve(schema);
  if (isMap(node)) {
    const keys = Object.keys(s.properties ?? {});
    const rank = (k: unknown): number => {
      const i = keys.indexOf(String(k));
      return i < 0 ? keys.length : i;
    };
    node.items.sort(
      (a, b) => rank(isScalar(a.key) ? a.key.value : a.key) - rank(isScalar(b.key) ? b.key.value : b.key),
    );
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      order(pair.value as Node | null, s.properties?.[key], resolve);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      order(item as Node | null, s.items, resolve);
      // A comment above the first field of a list item is printed above the item (`# …` then `- id:`):
      // keep it there from the start, so that formatting twice changes nothing.
      const first = isMap(item) ? item.items[0]?.key : undefined;
      if (isMap(item) && isScalar(first) && first.commentBefore) {
        item.commentBefore = [item.commentBefore, first.commentBefore].filter(Boolean).join('\n');
        first.commentBefore = null;
      }
    }
  }
}

function normalizeStyles(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (
        typeof node.value === 'string' &&
        (node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.PLAIN)
      ) {
        node.type = undefined;
      }
    },
    Map(_, node) {
      node.flow = false;
    },
    Seq(_, node) {
      node.flow = false;
    },
  });
}

/** Relative path from an entry file to its schema, for the YAML language server. */
export function schemaComment(c: Collection, file: string): string {
  const depth = file.split('/').length - 1;
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${c.schema}.schema.json`;
}

/** Removes the `yaml-language-server` line (rewritten by `withBody`) from a comment, keeping the rest. */
function withoutSchemaLine(comment: string | null | undefined): string | null {
  const kept = (comment ?? '').split('\n').filter((l) => !/^\s*yaml-language-server:/.test(l));
  return kept.some((l) => l.trim() !== '') ? kept.join('\n') : null;
}

/** The canonical YAML of a document: schema order, block style, stable quoting. */
export function canonicalYaml(doc: Document, schema: JsonSchema, resolve: ResolveRef = (s) => s): string {
  // A comment right above the first field belongs to that field's key, not to the document.
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  if (isScalar(first)) first.commentBefore = withoutSchemaLine(first.commentBefore);
  if (doc.contents) doc.contents.commentBefore = withoutSchemaLine(doc.contents.commentBefore);
  order(doc.contents, schema, resolve);
  normalizeStyles(doc);
  doc.commentBefore = withoutSchemaLine(doc.commentBefore);
  return doc.toString(TO_STRING);
}

/** The whole file: schema line and YAML, or front matter and Markdown body. */
export function withBody(c: Collection, file: string, yaml: string, body: string): string {
  if (c.format === 'yaml') return `${schemaComment(c, file)}\n${yaml}`;
  const text = body.replace(/^\s*\n/, '').replace(/\s+$/, '');
  return `---\n${yaml}---\n${text ? `\n${text}\n` : ''}`;
}

/** Serialises data (and a Markdown body) in canonical form with the given collection schema. */
export function serializeWithSchema(
  c: Collection,
  schema: JsonSchema,
  file: string,
  data: Record<string, unknown>,
  body = '',
  resolve?: ResolveRef,
): string {
  return withBody(c, file, canonicalYaml(new Document(data), schema, resolve), body);
}

/** A name that can be a file or folder name inside a collection's folder: a slug, nothing else. */
const SAFE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Repository-relative path where an entry belongs, always inside `content/<collection>/`: the id
 * must be a slug (or an Error is thrown), and only a slug names the group's folder.
 */
export function entryPath(c: Collection, data: Record<string, unknown>): string {
  const id = data.id;
  if (typeof id !== 'string' || id.length > 80 || !SAFE_NAME.test(id)) {
    throw new Error(`Identifiant refusé « ${String(id).slice(0, 80)} » : minuscules, chiffres et tirets seulement.`);
  }
  const group = c.groupBy ? data[c.groupBy] : undefined;
  const first: unknown = Array.isArray(group) ? group[0] : undefined;
  // A group value that is not a slug names no folder: the entry stays at the collection's root,
  // where validation then reports the value (the service answers 422, not a crash).
  const sub = typeof first === 'string' && first.length <= 80 && SAFE_NAME.test(first) ? `${first}/` : '';
  return `${c.folder}/${sub}${id}${extensionOf(c)}`;
}

/** A slug from a French title: accents removed, lower case, words joined by dashes. */
export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}
