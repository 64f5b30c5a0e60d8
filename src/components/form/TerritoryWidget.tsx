/**
 * Territories (national, 18 régions, 101 départements): a search box filtering a list of
 * checkboxes, and the chosen ones as removable tags. Native inputs only, so it works with the
 * keyboard and screen readers without ARIA tricks.
 */
import { useId, useMemo, useState, type ReactElement } from 'react';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export default function TerritoryWidget(props: WidgetProps): ReactElement {
  const { id, onChange, onBlur, onFocus, options, disabled, readonly } = props;
  const value: unknown = props.value;
  const chosen: string[] = Array.isArray(value) ? (value as string[]) : [];
  const all = (options.enumOptions ?? []).map((o) => ({ value: String(o.value), label: o.label }));
  const [query, setQuery] = useState('');
  const listId = useId();
  const countId = useId();
  const labelOf = (v: string): string => all.find((o) => o.value === v)?.label ?? v;
  const shown = useMemo(() => {
    const q = fold(query.trim());
    if (!q) return all;
    return all.filter((o) => fold(o.label).includes(q) || o.value.endsWith(`-${q}`) || o.value === q);
  }, [query, all]);
  const toggle = (v: string, on: boolean): void => {
    const next = on ? [...chosen, v] : chosen.filter((x) => x !== v);
    // Keep the vocabulary's order (national, régions, départements).
    onChange(all.map((o) => o.value).filter((x) => next.includes(x)));
  };
  const describedBy = `${ariaDescribedByIds(id)} ${countId}`;
  return (
    <div className="essaim-territoires">
      <input
        id={id}
        type="search"
        className="fr-input"
        value={query}
        placeholder="Rechercher : Occitanie, Hérault, 34…"
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
        {shown.length === all.length
          ? `${all.length} territoires`
          : `${shown.length} territoire${shown.length > 1 ? 's' : ''} sur ${all.length}`}
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
                {labelOf(v)} <span aria-hidden="true">✕</span>
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
