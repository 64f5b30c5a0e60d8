/**
 * Schemas and vocabularies, read once from `schemas/`. Validators are compiled once per set of
 * schemas: ajv's standalone code is kept in `node_modules/.cache/essaim/`, under a hash of what makes
 * it (see ValidatorInputs), so that a command does not compile them again at every run (a third of a
 * second).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Unit of a number, shown after it (€, %). */
  'x-unit'?: string;
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
  const ajv = new ajvModule.Ajv2020({
    ...AJV_OPTIONS,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  formatsPlugin(ajv);
  for (const keyword of ['x-labels', 'x-parents', 'x-public', 'x-unit']) ajv.addKeyword({ keyword });
  ajv.addSchema(defsSchema());
  for (const c of allCollections()) ajv.addSchema(readSchema(c.schema));
  return ajv;
}

/** What the validators' code is made from: any change makes a new cache key. */
export interface ValidatorInputs {
  /** Every file of `schemas/`, name and text. */
  schemas: readonly (readonly [string, string])[];
  ajvVersion: string;
  ajvFormatsVersion: string;
  /** The source of the module that compiles them (this one: options, keywords, formats). */
  compilerCode: string;
}

export function validatorInputs(): ValidatorInputs {
  return {
    schemas: fs
      .readdirSync(schemasDir)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(schemasDir, name), 'utf8')] as const),
    ajvVersion: (require('ajv/package.json') as { version: string }).version,
    ajvFormatsVersion: (require('ajv-formats/package.json') as { version: string }).version,
    compilerCode: fs.readFileSync(fileURLToPath(import.meta.url), 'utf8'),
  };
}

export function validatorsKey(inputs: ValidatorInputs): string {
  return crypto.createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}

/** Where the standalone validators of the current inputs are kept; ESSAIM_CACHE_DIR moves the folder. */
export function validatorsCacheFile(): string {
  const dir = process.env.ESSAIM_CACHE_DIR || path.join(repoRoot, 'node_modules/.cache/essaim');
  return path.join(dir, `validateurs-${validatorsKey(validatorInputs())}.cjs`);
}

type Validators = Map<string, ValidateFunction>;

/**
 * Runs ajv's standalone code (CommonJS). Its `require`s (ajv's runtime, ajv-formats) are resolved
 * from this module, as written by ajv: the kept file holds no path, so it stays right when the
 * checkout moves or shares its node_modules.
 */
function fromCode(code: string): Validators {
  const module = { exports: {} as Record<string, ValidateFunction> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own generated code, made by compile() below
  const run = new Function('module', 'exports', 'require', code) as (...args: unknown[]) => void;
  run(module, module.exports, require);
  return new Map(allCollections().map((c) => [c.schema, module.exports[c.schema]!]));
}

/** ajv's validators compiled in memory (to compare the kept code with them in tests). */
export function compiledValidators(): Validators {
  const ajv = compile();
  return new Map(allCollections().map((c) => [c.schema, ajv.getSchema(readSchema(c.schema).$id!)!]));
}

let validators: Validators | undefined;

/** The validators by schema name: from the cache, or compiled (and then kept when the folder is writable). */
function loadValidators(): Validators {
  const file = validatorsCacheFile();
  if (fs.existsSync(file)) return fromCode(fs.readFileSync(file, 'utf8'));
  const ajv = compile();
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
  const code = standaloneCode.default(
    ajv,
    Object.fromEntries(allCollections().map((c) => [c.schema, readSchema(c.schema).$id!])),
  );
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside then renamed: a concurrent run never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    // Read-only checkout: compiled again at the next run.
  }
  // This run uses the very code that the next ones will read.
  return fromCode(code);
}

export function validatorFor(c: Collection): ValidateFunction {
  validators ??= loadValidators();
  const v = validators.get(c.schema);
  if (!v) throw new Error(`Schéma introuvable pour la collection ${c.name}`);
  return v;
}

const resolved = new WeakMap<JsonSchema, JsonSchema>();

/** Resolves a `$ref` into the schema it points to, keeping the local title and description. */
export function resolve(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  // Schemas are read once and never changed: each is resolved once (validation asks for every field).
  const known = resolved.get(s);
  if (known) return known;
  const [file, pointer] = s.$ref.split('#');
  const base = file ? readSchema(file.replace('.schema.json', '')) : defsSchema();
  const name = (pointer ?? '').split('/').pop() ?? '';
  const target = resolve(base.$defs?.[name] ?? {});
  const { $ref: _ref, ...local } = s;
  const result = { ...target, ...local };
  resolved.set(s, result);
  return result;
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
