/**
 * Schemas and vocabularies, read once from `schemas/`. Validators are compiled once per set of
 * schemas: ajv's standalone code is kept in `node_modules/.cache/essaim/`, under a hash of the
 * schemas, so that a command does not compile them again at every run (a third of a second).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { allCollections, type Collection } from './collections.js';
import { repoRoot, schemasDir } from './paths.js';

export interface JsonSchema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: string[];
  'x-labels'?: Record<string, string>;
  'x-parents'?: Record<string, string>;
  'x-public'?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

const cache = new Map<string, JsonSchema>();

export function readSchema(name: string): JsonSchema {
  let s = cache.get(name);
  if (!s) {
    s = JSON.parse(fs.readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8')) as JsonSchema;
    cache.set(name, s);
  }
  return s;
}

export const defsSchema = (): JsonSchema => readSchema('defs');

const AJV_OPTIONS = { allErrors: true, strict: true, allowMatchingProperties: true } as const;
const require = createRequire(import.meta.url);

/** ajv is loaded only when the schemas have to be compiled (not when the cache has them). */
function compile(): Ajv2020 {
  const ajvModule = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const { _ } = require('ajv/dist/compile/codegen/index.js') as typeof import('ajv/dist/compile/codegen/index.js');
  const formatsPlugin = require('ajv-formats') as (a: Ajv2020) => void;
  // `code.formats` lets the standalone code reach ajv-formats' functions by `require`.
  const ajv = new ajvModule.Ajv2020({ ...AJV_OPTIONS, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  formatsPlugin(ajv);
  for (const keyword of ['x-labels', 'x-parents', 'x-public']) ajv.addKeyword({ keyword });
  ajv.addSchema(defsSchema());
  for (const c of allCollections()) ajv.addSchema(readSchema(c.schema));
  return ajv;
}

/** Changes whenever `fasterCode` does: the validators kept in the cache are then made again. */
const CODE_VERSION = 4;

const JS_STRING = '"(?:[^"\\\\]|\\\\.)*"';
/** `((x === "a") || (x === "b")) || …`: how ajv writes an enum of strings (its parentheses opened first). */
const ENUM_CHAIN = new RegExp(`(\\(+)\\(([A-Za-z_$][\\w$]*) === (${JS_STRING})\\)((?: \\|\\| \\(\\2 === ${JS_STRING}\\)\\))+)`, 'g');
const ENUM_VALUE = new RegExp(`=== (${JS_STRING})`, 'g');

/** `func2(data1) > 160`: how ajv writes a minLength or maxLength check (`func2` counting characters). */
const LENGTH_CHECK = /\b(func\d+)\(([\w$]+)\) ([<>]) (\d+)\b/g;

/**
 * The same validators, quicker to run: a long enum of strings (the 120 territory codes) becomes a
 * lookup in a Set instead of a chain of comparisons, and the length of a string in characters
 * (ajv counts code points, a surrogate pair as one) is the plain length when the string has no
 * surrogate at all. A string's characters are counted only when its length in UTF-16 units does not
 * settle the check: there are at most as many characters as units, and at least half as many.
 * The formats `uri` and `date` first try a plain case that they surely accept (`https://` with a
 * host and a path of letters, digits and `.-_~`; a day from 1 to 28 of a month from 01 to 12),
 * and ask ajv-formats otherwise. Same answers and errors: only how they are computed changes.
 */
function fasterCode(code: string): string {
  const ucs2 = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/.exec(code)?.[1];
  const sets = new Map<string, string>();
  const out = code.replace(ENUM_CHAIN, (chain, opens: string, value: string, first: string, rest: string) => {
    const values = [first, ...[...rest.matchAll(ENUM_VALUE)].map((m) => m[1]!)];
    const closed = values.length - 1; // parentheses opened for the chain itself
    if (values.length < 16 || opens.length < closed) return chain;
    const list = `[${values.join(',')}]`;
    if (!sets.has(list)) sets.set(list, `essaimEnum${sets.size}`);
    return `${'('.repeat(opens.length - closed)}${sets.get(list)!}.has(${value})`;
  }).replace(LENGTH_CHECK, (check, f: string, data: string, op: string, limit: string) => {
    if (f !== ucs2) return check;
    // `>`: n characters need at least n units; `<`: 2n units hold at least n characters.
    return op === '>' ? `(${data}.length > ${limit} && ${check})` : `(${data}.length < ${2 * Number(limit)} && ${check})`;
  }).replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'essaimUcs2length')
    .replace(/require\("ajv-formats\/dist\/formats"\)\.fullFormats\.(uri|date)(?![\w$-])/g, (_m, f: string) => (f === 'uri' ? 'essaimUri' : 'essaimDate'));
  const helpers = [
    ...[...sets].map(([list, name]) => `const ${name} = new Set(${list});`),
    'const essaimUcs2lengthSlow = require("ajv/dist/runtime/ucs2length").default;',
    'const essaimUcs2length = (s) => (/[\\uD800-\\uDFFF]/.test(s) ? essaimUcs2lengthSlow(s) : s.length);',
    'const essaimFormats = require("ajv-formats/dist/formats").fullFormats;',
    // Every string of these two forms is a URI, and a date, for ajv-formats' own functions too.
    'const essaimPlainUri = /^https:\\/\\/[a-z0-9.-]+(?:\\/[a-z0-9._~-]*)*$/i;',
    'const essaimUri = (s) => essaimPlainUri.test(s) || essaimFormats.uri(s);',
    'const essaimPlainDate = /^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])$/;',
    'const essaimDate = { ...essaimFormats.date, validate: (s) => essaimPlainDate.test(s) || essaimFormats.date.validate(s) };',
  ];
  return out.replace('"use strict";', `"use strict";${helpers.join('')}`);
}

/** Where the standalone validators of the current schemas are kept (changes with any schema);
 * ESSAIM_CACHE_DIR moves the folder. */
export function validatorsCacheFile(): string {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.stringify([repoRoot, require('ajv/package.json').version, AJV_OPTIONS, CODE_VERSION]));
  for (const name of fs.readdirSync(schemasDir).sort()) hash.update(`${name}\0${fs.readFileSync(path.join(schemasDir, name), 'utf8')}\0`);
  return path.join(process.env.ESSAIM_CACHE_DIR || path.join(repoRoot, 'node_modules/.cache/essaim'), `validateurs-${hash.digest('hex').slice(0, 16)}.cjs`);
}

let validators: Map<string, ValidateFunction> | undefined;

function inMemory(ajv: Ajv2020): Map<string, ValidateFunction> {
  return new Map(allCollections().map((c) => [c.schema, ajv.getSchema(readSchema(c.schema).$id!)!]));
}

/** ajv's own validators, compiled in memory, not rewritten by `fasterCode` (to compare them in tests). */
export function compiledValidators(): Map<string, ValidateFunction> {
  return inMemory(compile());
}

/** The validators by schema name: from the cache, or compiled (and then cached when possible). */
function loadValidators(): Map<string, ValidateFunction> {
  const file = validatorsCacheFile();
  const ids = new Map(allCollections().map((c) => [c.schema, readSchema(c.schema).$id!]));
  if (fs.existsSync(file)) {
    const mod = require(file) as Record<string, ValidateFunction>;
    return new Map([...ids.keys()].map((name) => [name, mod[name]!]));
  }
  const ajv = compile();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside then renamed: a concurrent run never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    // The code requires ajv's runtime and ajv-formats: by absolute path, so that it runs from any folder.
    const standaloneCode = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
    const code = fasterCode(standaloneCode.default(ajv, Object.fromEntries(ids))).replace(/require\("([^"]+)"\)/g, (_m, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    // This run uses the very code that the next ones will read.
    const mod = require(file) as Record<string, ValidateFunction>;
    return new Map([...ids.keys()].map((name) => [name, mod[name]!]));
  } catch {
    // Read-only checkout: compiled in memory at each run, as before.
    return inMemory(ajv);
  }
}

export function validatorFor(c: Collection): ValidateFunction {
  validators ??= loadValidators();
  const v = validators.get(c.schema);
  if (!v) throw new Error(`Schéma introuvable pour la collection ${c.name}`);
  return v;
}

/** Resolves a `$ref` into the schema it points to, keeping the local title and description. */
export function resolve(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const [file, pointer] = s.$ref.split('#');
  const base = file ? readSchema(file.replace('.schema.json', '')) : defsSchema();
  const name = (pointer ?? '').split('/').pop() ?? '';
  const target = resolve(base.$defs?.[name] ?? {});
  const { $ref: _ref, ...local } = s;
  return { ...target, ...local };
}

/** The (resolved) sub-schema of a collection at a data path; numbers step into arrays. */
export function schemaAt(c: Collection, pathSteps: readonly (string | number)[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = readSchema(c.schema);
  for (const step of pathSteps) {
    if (!s) return undefined;
    s = resolve(s);
    if (typeof step === 'number') s = s.items;
    else s = s.properties?.[step] ?? (s.items ? resolve(s.items).properties?.[step] : undefined);
  }
  return s ? resolve(s) : undefined;
}

/** French label of a field. */
export function fieldLabel(c: Collection, pathSteps: readonly (string | number)[]): string {
  // An item without a title of its own (e.g. one of the « Constats clés ») takes its list's title.
  for (let n = pathSteps.length; n > 0; n--) {
    const title = schemaAt(c, pathSteps.slice(0, n))?.title;
    if (title) return title;
  }
  const named = pathSteps.filter((p): p is string => typeof p === 'string');
  return named[named.length - 1] ?? '';
}

/** French label of a vocabulary value, when the field has labels. */
export function valueLabel(s: JsonSchema | undefined, value: string): string {
  if (!s) return value;
  const r = resolve(s);
  const labels = r['x-labels'] ?? (r.items ? resolve(r.items)['x-labels'] : undefined);
  return labels?.[value] ?? value;
}

export interface Vocabulary {
  name: string;
  title: string;
  labels: Record<string, string>;
}

/** The shared vocabularies of `defs.schema.json`, with their French labels. */
export function vocabularies(): Record<string, Vocabulary> {
  const out: Record<string, Vocabulary> = {};
  for (const [name, def] of Object.entries(defsSchema().$defs ?? {})) {
    if (def['x-labels']) out[name] = { name, title: def.title ?? name, labels: def['x-labels'] };
  }
  return out;
}

/** Territory hierarchy: département → région. */
export function territoryParents(): Record<string, string> {
  return defsSchema().$defs?.territoire?.['x-parents'] ?? {};
}
