/**
 * The JSON Schemas, bundled into the page (the browser cannot read `schemas/`), and the form's
 * view of each collection.
 */
import actor from '../../../schemas/actor.schema.json' with { type: 'json' };
import defs from '../../../schemas/defs.schema.json' with { type: 'json' };
import event from '../../../schemas/event.schema.json' with { type: 'json' };
import funder from '../../../schemas/funder.schema.json' with { type: 'json' };
import news from '../../../schemas/news.schema.json' with { type: 'json' };
import platform from '../../../schemas/platform.schema.json' with { type: 'json' };
import practice from '../../../schemas/practice.schema.json' with { type: 'json' };
import study from '../../../schemas/study.schema.json' with { type: 'json' };
import tool from '../../../schemas/tool.schema.json' with { type: 'json' };
import training from '../../../schemas/training.schema.json' with { type: 'json' };
import type { Collection } from '../../content/collections.js';
import { formSchema, inlineRefs } from '../../content/form-schema.js';
import type { JsonSchema } from '../../content/schemas.js';

const raw: Record<string, JsonSchema> = {
  actor,
  event,
  funder,
  news,
  platform,
  practice,
  study,
  tool,
  training,
};
const defsSchema = defs as unknown as JsonSchema;

const full = new Map<string, JsonSchema>();
const forms = new Map<string, JsonSchema>();

function rawSchema(c: Collection): JsonSchema {
  const s = raw[c.schema];
  if (!s) throw new Error(`Schéma inconnu : ${c.schema}`);
  return s;
}

/** The collection's schema with every `$ref` inlined (for the file's key order). */
export function fullSchema(c: Collection): JsonSchema {
  let s = full.get(c.schema);
  if (!s) full.set(c.schema, (s = inlineRefs(rawSchema(c), defsSchema)));
  return s;
}

/** The schema the form renders (computed and private fields left out, vocabularies labelled). */
export function formSchemaOf(c: Collection): JsonSchema {
  let s = forms.get(c.schema);
  if (!s) forms.set(c.schema, (s = formSchema(rawSchema(c), defsSchema)));
  return s;
}

export function collectionDescription(c: Collection): string {
  return rawSchema(c).description ?? '';
}
