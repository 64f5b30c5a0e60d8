// Checks requests and responses against GitHub's official OpenAPI description
// (@octokit/openapi, api.github.com). Test-only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  raw: JsonObject;
}

export interface MatchedOperation {
  template: string;
  pathParams: Record<string, string>;
  operation: Operation;
}

const SPEC_ID = 'gh-openapi';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a null type; spec-local refs are made absolute. */
function toJsonSchema(node: Json, rewriteRefs: boolean, isPropertyMap = false): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, rewriteRefs));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Annotations are dropped (they are large), but not properties that happen to bear their names.
    if (!isPropertyMap && (key === 'example' || key === 'examples' || key === 'description')) continue;
    if (key === '$ref' && typeof value === 'string' && rewriteRefs && value.startsWith('#/')) {
      out[key] = `${SPEC_ID}${value}`;
    } else {
      out[key] = toJsonSchema(value, rewriteRefs, !isPropertyMap && key === 'properties');
    }
  }
  if (isPropertyMap) return out;
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export class Contract {
  private readonly spec: JsonObject;
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    this.spec = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
    const components = this.spec.components;
    const schemas = isObject(components) ? components.schemas : undefined;
    const root = { $id: SPEC_ID, components: { schemas: toJsonSchema(schemas ?? {}, false) } };
    const options = { strict: false, allErrors: true, logger: false as const };
    this.ajv = addFormats(new Ajv(options));
    this.coercingAjv = addFormats(new Ajv({ ...options, coerceTypes: true }));
    this.ajv.addSchema(root);
    this.coercingAjv.addSchema(root);

    const paths = this.spec.paths;
    if (!isObject(paths)) throw new Error('OpenAPI: paths manquants');
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      const paramNames: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
        paramNames.push(name);
        // `ref` and `path` may hold slashes (GitHub accepts them raw or %2F-encoded).
        return name === 'ref' || name === 'path' ? '(.+)' : '([^/]+)';
      });
      const regex = new RegExp(`^${pattern}$`);
      for (const [method, raw] of Object.entries(item)) {
        if (!isObject(raw) || method === 'parameters') continue;
        this.operations.push({ method: method.toUpperCase(), template, regex, paramNames, raw });
      }
    }
    // Literal segments win over parameters: `/git/refs` before `/git/refs/{ref}`, etc.
    this.operations.sort(
      (a, b) => b.template.replace(/\{\w+\}/g, '').length - a.template.replace(/\{\w+\}/g, '').length,
    );
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const found = operation.regex.exec(pathname);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      operation.paramNames.forEach((name, index) => {
        pathParams[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { template: operation.template, pathParams, operation };
    }
    return undefined;
  }

  /** Errors of a request (empty when it follows the contract). */
  checkRequest(matched: MatchedOperation, query: URLSearchParams, body: Json | undefined): string[] {
    const errors: string[] = [];
    const where = `${matched.operation.method} ${matched.template}`;
    const parameters = this.parameters(matched.operation);
    for (const parameter of parameters) {
      const value =
        parameter.in === 'path' ? matched.pathParams[parameter.name] : (query.get(parameter.name) ?? undefined);
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      if (value === undefined) {
        if (parameter.required) errors.push(`${where}: paramètre « ${parameter.name} » manquant`);
        continue;
      }
      if (!parameter.schema) continue;
      // Wrapped in an object so that ajv can coerce the string ("5" → 5, "true" → true).
      const validate = this.compile(
        `${where}#param:${parameter.name}`,
        { type: 'object', properties: { value: parameter.schema } },
        true,
      );
      if (!validate({ value })) {
        errors.push(`${where}: paramètre « ${parameter.name} » invalide : ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    const known = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of query.keys()) {
      if (!known.has(name)) errors.push(`${where}: paramètre de requête inconnu « ${name} »`);
    }
    const requestBody = this.resolve(matched.operation.raw.requestBody);
    if (requestBody === undefined) {
      if (body !== undefined) errors.push(`${where}: corps de requête inattendu`);
      return errors;
    }
    const content = requestBody.content;
    const schema =
      isObject(content) && isObject(content['application/json']) ? content['application/json'].schema : undefined;
    if (body === undefined) {
      if (requestBody.required === true) errors.push(`${where}: corps de requête manquant`);
      return errors;
    }
    if (isObject(schema)) {
      const validate = this.compile(`${where}#body`, schema, false);
      if (!validate(body)) errors.push(`${where}: corps de requête invalide : ${this.ajv.errorsText(validate.errors)}`);
    }
    return errors;
  }

  /** Errors of a response (empty when it follows the contract). */
  checkResponse(matched: MatchedOperation, status: number, body: Json | undefined): string[] {
    const where = `${matched.operation.method} ${matched.template} → ${status}`;
    const responses = matched.operation.raw.responses;
    const documented = isObject(responses) ? this.resolve(responses[String(status)]) : undefined;
    let schema: Json | undefined;
    if (documented) {
      const content = documented.content;
      schema =
        isObject(content) && isObject(content['application/json']) ? content['application/json'].schema : undefined;
      if (schema === undefined) {
        return body === undefined ? [] : [`${where}: la réponse documentée n’a pas de corps`];
      }
    } else {
      // GitHub answers some statuses its description does not list (e.g. 403/404 on writes):
      // they must at least carry GitHub's error shape.
      if (status < 400) return [`${where}: statut non documenté`];
      schema = { $ref: '#/components/schemas/basic-error' };
    }
    if (body === undefined) return [`${where}: corps de réponse manquant`];
    const validate = this.compile(`${where}#response`, schema, false);
    if (validate(body)) return [];
    return [`${where}: réponse invalide : ${this.ajv.errorsText(validate.errors, { separator: ' ; ' })}`];
  }

  private parameters(operation: Operation): Parameter[] {
    const list = operation.raw.parameters;
    if (!Array.isArray(list)) return [];
    const out: Parameter[] = [];
    for (const item of list) {
      const resolved = this.resolve(item);
      if (!resolved || typeof resolved.name !== 'string' || typeof resolved.in !== 'string') continue;
      out.push({
        name: resolved.name,
        in: resolved.in,
        required: resolved.required === true,
        schema: isObject(resolved.schema) ? resolved.schema : undefined,
      });
    }
    return out;
  }

  /** Follows an OpenAPI `$ref` to components (parameters, responses, request bodies). */
  private resolve(node: Json | undefined): JsonObject | undefined {
    if (!isObject(node)) return undefined;
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    let current: Json | undefined = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      current = isObject(current) ? current[part] : undefined;
    }
    return this.resolve(current);
  }

  private compile(key: string, schema: Json, coerce: boolean): ValidateFunction {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const ajv = coerce ? this.coercingAjv : this.ajv;
    const validate = ajv.compile(toJsonSchema(schema, true) as JsonObject);
    this.cache.set(key, validate);
    return validate;
  }
}

let shared: Contract | undefined;

/** One contract per process: loading GitHub's description takes a moment. */
export function sharedContract(): Contract {
  shared ??= new Contract();
  return shared;
}

export type { Json, JsonObject };
