/**
 * What the form shows around the schema: the uiSchema (widgets by kind of field), French error
 * messages for the browser-side validation, and rjsf's own strings in French.
 */
import { TranslatableString, type ErrorSchema, type RJSFValidationError, type UiSchema } from '@rjsf/utils';
import { ajvMessageFr } from '../../content/form-schema.js';
import type { JsonSchema } from '../../content/schemas.js';

function isVocabulary(s: JsonSchema | undefined): boolean {
  return Array.isArray(s?.oneOf) && (s.oneOf as JsonSchema[]).every((o) => 'const' in o);
}

function uiFor(s: JsonSchema, name: string): UiSchema {
  if (s.type === 'object') {
    const ui: UiSchema = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) ui[k] = uiFor(v, k);
    return ui;
  }
  if (s.type === 'array') {
    // The vocabulary, or a commune or an intercommunality found through the service's search.
    if (name === 'territoires' && (isVocabulary(s.items) || isVocabulary(s.items?.anyOf?.[0])))
      return { 'ui:widget': 'territoires' };
    if (isVocabulary(s.items)) return { 'ui:widget': 'checkboxes' };
    return { 'ui:options': { orderable: false, copyable: false }, items: s.items ? uiFor(s.items, name) : {} };
  }
  if (s.type === 'boolean') return { 'ui:widget': 'radio', 'ui:options': { inline: true } };
  if (s.type === 'string' && isVocabulary(s)) return { 'ui:placeholder': 'Choisissez…' };
  if (s.type === 'string' && (s.maxLength ?? 0) > 200)
    return { 'ui:widget': 'textarea', 'ui:options': { rows: (s.maxLength ?? 0) > 400 ? 5 : 3 } };
  if (s.type === 'string' && s.format === 'email') return { 'ui:options': { inputType: 'email' } };
  if (s.type === 'string' && s.format === 'uri')
    return { 'ui:options': { inputType: 'url' }, 'ui:placeholder': 'https://' };
  return {};
}

export function uiSchemaFor(schema: JsonSchema): UiSchema {
  return { ...uiFor(schema, ''), 'ui:submitButtonOptions': { norender: true } };
}

/** The sub-schema at an rjsf property path (`.porteur.nom`, `.contacts.0.site`). */
function schemaAtProperty(schema: JsonSchema, property: string): JsonSchema | undefined {
  let s: JsonSchema | undefined = schema;
  for (const step of property.replace(/^\./, '').split('.').filter(Boolean)) {
    if (!s) return undefined;
    s = /^\d+$/.test(step) ? s.items : (s.properties?.[step] ?? s.items?.properties?.[step]);
  }
  return s;
}

export function labelAt(schema: JsonSchema, property: string): string {
  const s = schemaAtProperty(schema, property);
  return s?.title ?? property.split('.').pop() ?? '';
}

/** French messages for rjsf's validation errors, one per field (the most useful one). */
export function frenchErrors(schema: JsonSchema, visible: (property: string) => boolean) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const out = new Map<string, RJSFValidationError>();
    for (const e of errors) {
      // rjsf writes `.titre`, but `criteres` for a missing field: one form for both.
      const property = e.property?.startsWith('.') ? e.property : `.${e.property ?? ''}`;
      if (!visible(property) || e.name === 'if') continue;
      const label = labelAt(schema, property);
      const message = ajvMessageFr(
        { keyword: e.name ?? '', params: (e.params ?? {}) as Record<string, unknown> },
        label,
      );
      const current = out.get(property);
      // For a vocabulary, ajv reports every `const` it tried, then `oneOf`: keep one message.
      if (current && (e.name === 'const' || e.name === 'oneOf')) continue;
      out.set(property, { ...e, property, message, stack: message });
    }
    return [...out.values()];
  };
}

/** Field errors from the service (`problemes[].champ` = `porteur.nom`) as an rjsf error schema. */
export function errorSchemaOf(problems: { champ: string; message: string }[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const p of problems) {
    let node = root;
    for (const step of p.champ.split('.').filter(Boolean)) node = (node[step] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(p.message);
  }
  return root as ErrorSchema;
}

const FR: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Élément',
  [TranslatableString.MissingItems]: 'Définition des éléments manquante',
  [TranslatableString.EmptyArray]: 'Aucun élément pour l’instant : utilisez le bouton ci-dessous pour en ajouter.',
  [TranslatableString.YesLabel]: 'Oui',
  [TranslatableString.NoLabel]: 'Non',
  [TranslatableString.CloseLabel]: 'Fermer',
  [TranslatableString.ErrorsLabel]: 'Erreurs',
  [TranslatableString.NewStringDefault]: 'Nouvelle valeur',
  [TranslatableString.AddButton]: 'Ajouter',
  [TranslatableString.AddItemButton]: 'Ajouter un élément',
  [TranslatableString.CopyButton]: 'Copier',
  [TranslatableString.MoveDownButton]: 'Descendre',
  [TranslatableString.MoveUpButton]: 'Monter',
  [TranslatableString.RemoveButton]: 'Retirer',
  [TranslatableString.NowLabel]: 'Maintenant',
  [TranslatableString.ClearLabel]: 'Effacer',
  [TranslatableString.AriaDateLabel]: 'Choisir une date',
  [TranslatableString.PreviewLabel]: 'Aperçu',
  [TranslatableString.ClearButton]: 'effacer le champ',
  [TranslatableString.OptionalObjectAdd]: 'Renseigner ce champ facultatif',
  [TranslatableString.OptionalObjectRemove]: 'Retirer ce champ facultatif',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Champ facultatif non renseigné',
};

export function translateString(s: TranslatableString, params?: string[]): string {
  let text = FR[s] ?? s;
  (params ?? []).forEach((p, i) => {
    text = text.replace(`%${i + 1}`, p);
  });
  return text;
}
