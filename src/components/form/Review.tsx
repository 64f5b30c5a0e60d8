/**
 * The last step: the entry as it will be published (title, summary, every filled field with its
 * French label and the vocabulary's words, the text rendered), the changed fields marked for an edit.
 */
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import type { JsonSchema } from '../../content/schemas.js';
import { MarkdownPreview } from './MarkdownField.js';
import { foundTerritoryLabels } from './TerritoryWidget.js';

type Data = Record<string, unknown>;

function empty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.values(v as Data).every(empty))
  );
}

/** The vocabulary's word for a value (`dep-34` → « Hérault (34) »). */
function wordFor(s: JsonSchema | undefined, v: unknown): string {
  const alternatives = [
    ...((s?.oneOf as JsonSchema[] | undefined) ?? []),
    ...((s?.anyOf?.[0]?.oneOf as JsonSchema[] | undefined) ?? []),
  ];
  const found = alternatives.find((o) => o.const === v);
  return found?.title ?? (typeof v === 'string' ? foundTerritoryLabels.get(v) : undefined) ?? String(v);
}

function show(s: JsonSchema | undefined, v: unknown): ReactNode {
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object')) return v.map((x) => wordFor(s?.items, x)).join(', ');
    return (
      <ul>
        {v.map((x, i) => (
          <li key={i}>{show(s?.items, x)}</li>
        ))}
      </ul>
    );
  }
  if (v && typeof v === 'object') return <Fields schema={s ?? {}} data={v as Data} />;
  return wordFor(s, v);
}

function Fields({ schema, data, changed }: { schema: JsonSchema; data: Data; changed?: Set<string> }): ReactElement {
  const keys = Object.keys(schema.properties ?? {}).filter((k) => !empty(data[k]));
  return (
    <dl className="essaim-relecture__champs">
      {keys.map((k) => {
        const s = schema.properties?.[k];
        const value = show(s, data[k]);
        return (
          <div key={k}>
            <dt>
              {s?.title ?? k}
              {changed?.has(k) && <span className="fr-badge fr-badge--sm fr-badge--info">modifié</span>}
            </dt>
            <dd>{isValidElement(value) ? value : <span>{value}</span>}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export default function Review(props: {
  schema: JsonSchema;
  data: Data;
  texte?: string;
  /** The entry as it was loaded, for an edit. */
  original?: { donnees: Data; texte: string };
}): ReactElement {
  const { schema, data, texte, original } = props;
  const changed = original
    ? new Set(
        [...Object.keys(schema.properties ?? {}), 'texte'].filter((k) =>
          k === 'texte'
            ? (texte ?? '') !== original.texte
            : JSON.stringify(data[k] ?? null) !== JSON.stringify(original.donnees[k] ?? null),
        ),
      )
    : undefined;
  const { titre: _titre, resume: _resume, ...properties } = schema.properties ?? {};
  return (
    <div className="essaim-relecture">
      {changed && (
        <p>
          {changed.size === 0
            ? 'Vous n’avez encore rien changé.'
            : `Champs modifiés : ${[...changed].map((k) => (k === 'texte' ? 'Texte' : (schema.properties?.[k]?.title ?? k))).join(', ')}.`}
        </p>
      )}
      <article className="essaim-relecture__entree" aria-label="Aperçu de l’entrée">
        <h3>{typeof data.titre === 'string' && data.titre ? data.titre : '(Sans titre)'}</h3>
        {typeof data.resume === 'string' && <p className="fr-text--lead">{data.resume}</p>}
        <Fields schema={{ ...schema, properties }} data={data} changed={changed} />
        {texte !== undefined && (
          <section aria-label="Texte">
            {changed?.has('texte') && <p className="fr-badge fr-badge--sm fr-badge--info">texte modifié</p>}
            <MarkdownPreview value={texte} />
          </section>
        )}
      </article>
    </div>
  );
}
