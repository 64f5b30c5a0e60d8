/**
 * Territories: a search box filtering a list of checkboxes, and the chosen ones as removable tags.
 * The list is the vocabulary (national, régions, départements), plus the communes and
 * intercommunalities the service's search (`GET /api/territoires?q=`) finds; without the service
 * the vocabulary alone. Native inputs only, so it works with the keyboard and screen readers
 * without ARIA tricks.
 */
import { useEffect, useId, useMemo, useState, type ReactElement } from 'react';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { vocabularyOptions } from '../../content/form-schema.js';
import type { JsonSchema } from '../../content/schemas.js';
import { searchTerritories } from './service.js';

/** What the form gives its widgets (rjsf's `formContext`). */
export interface FormContext {
  /** The service's API root, when there is one. */
  serviceBase?: string;
}

interface Option {
  value: string;
  label: string;
}

/** Names of the communes and intercommunalities met in this page, for the review (`com-34172` → « Montpellier (34) »). */
export const foundTerritoryLabels = new Map<string, string>();

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export default function TerritoryWidget(props: WidgetProps): ReactElement {
  const { id, onChange, onBlur, onFocus, disabled, readonly, registry } = props;
  const serviceBase = (registry.formContext as FormContext | undefined)?.serviceBase;
  const value: unknown = props.value;
  const chosen: string[] = Array.isArray(value) ? (value as string[]) : [];
  const all = useMemo(() => vocabularyOptions(props.schema as JsonSchema), [props.schema]);
  const [query, setQuery] = useState('');
  // Communes and intercommunalities found by the service, and the labels of those already chosen.
  const [found, setFound] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const listId = useId();
  const countId = useId();
  const labelOf = (v: string): string => all.find((o) => o.value === v)?.label ?? known.get(v) ?? v;

  const remember = (options: Option[]): void => {
    for (const o of options) foundTerritoryLabels.set(o.value, o.label);
    setKnown((k) =>
      options.every((o) => k.has(o.value)) ? k : new Map([...k, ...options.map((o) => [o.value, o.label] as const)]),
    );
  };

  useEffect(() => {
    const q = query.trim();
    if (serviceBase === undefined || q.length < 2) {
      setFound((f) => (f.length ? [] : f));
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      void searchTerritories(serviceBase, q, controller.signal).then((results) => {
        const options = results
          .filter((t) => !all.some((o) => o.value === t.code))
          .map((t) => ({ value: t.code, label: t.libelle }));
        setFound(options);
        remember(options);
      });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // `all` is rebuilt when rjsf gives a new schema object (nested in a list, at every render): its size is enough.
  }, [query, serviceBase, all.length]);

  // The labels of communes already in the entry (an edit): asked once, by their code.
  useEffect(() => {
    if (serviceBase === undefined) return;
    for (const code of chosen)
      if (!all.some((o) => o.value === code) && !known.has(code))
        void searchTerritories(serviceBase, code.replace(/^[a-z]+-/, '')).then((results) =>
          remember(results.filter((t) => t.code === code).map((t) => ({ value: t.code, label: t.libelle }))),
        );
  }, [serviceBase, chosen.join()]);

  const shown = useMemo(() => {
    const q = fold(query.trim());
    const local = q ? all.filter((o) => fold(o.label).includes(q) || o.value.endsWith(`-${q}`) || o.value === q) : all;
    return [...local, ...found];
  }, [query, all, found]);
  const toggle = (v: string, on: boolean): void => {
    const next = on ? [...chosen, v] : chosen.filter((x) => x !== v);
    // The vocabulary's order (national, régions, départements), then communes in the order chosen.
    const order = all.map((o) => o.value);
    onChange([...order.filter((x) => next.includes(x)), ...next.filter((x) => !order.includes(x))]);
  };
  const describedBy = `${ariaDescribedByIds(id)} ${countId}`;
  const total = all.length + found.length;
  return (
    <div className="essaim-territoires">
      <input
        id={id}
        type="search"
        className="fr-input"
        value={query}
        placeholder={
          serviceBase === undefined
            ? 'Rechercher : Occitanie, Hérault, 34…'
            : 'Rechercher : Occitanie, Hérault, Sète, 34200…'
        }
        autoComplete="off"
        aria-controls={listId}
        aria-describedby={describedBy}
        disabled={disabled || readonly}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={() => onBlur(id, chosen)}
        onFocus={() => onFocus(id, chosen)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            const first = shown[0];
            if (first && shown.length === 1 && !chosen.includes(first.value)) toggle(first.value, true);
          }
        }}
      />
      <p id={countId} className="essaim-territoires__compte" aria-live="polite">
        {shown.length === total && !query.trim()
          ? `${all.length} territoires${serviceBase === undefined ? '' : ' ; cherchez une commune par son nom ou son code postal'}`
          : `${shown.length} territoire${shown.length > 1 ? 's' : ''} trouvé${shown.length > 1 ? 's' : ''}`}
        {chosen.length > 0 ? ` — ${chosen.length} choisi${chosen.length > 1 ? 's' : ''}` : ''}
      </p>
      {chosen.length > 0 && (
        <ul className="essaim-territoires__choix" aria-label="Territoires choisis">
          {chosen.map((v) => (
            <li key={v}>
              <button
                type="button"
                className="fr-tag fr-tag--sm"
                aria-label={`Retirer ${labelOf(v)}`}
                onClick={() => toggle(v, false)}
                disabled={disabled || readonly}
              >
                {labelOf(v)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul id={listId} className="essaim-territoires__liste" aria-label="Territoires proposés">
        {shown.map((o) => (
          <li key={o.value}>
            <label>
              <input
                type="checkbox"
                id={`${id}-${o.value}`}
                checked={chosen.includes(o.value)}
                disabled={disabled || readonly}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />{' '}
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
