/**
 * A catalog: the entries of a collection (or every call for projects), filtered by facets and a
 * text query. The filters live in the URL (shareable; the back button restores them); counts
 * show how many entries each value would give; statuses come from the reader's clock.
 *
 * The page first shows the first lines and the counts computed at build time; the lines
 * themselves come in their own chunk, loaded when the reader filters, asks for more, or shows
 * the intent to (pointer over or focus in the filters).
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ReactNode,
  type SubmitEvent,
} from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { useHistory, useLocation } from '@docusaurus/router';
import { usePluginData } from '@docusaurus/useGlobalData';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {
  countFacets,
  countStatuses,
  filterItems,
  rankByRelevance,
  searchFromState,
  stateFromSearch,
  type FilterContext,
  type FilterState,
} from '../../plugins/content/shared/facets.js';
import {
  CATALOG_PAGE,
  itemUrl,
  PLUGIN_NAME,
  type CatalogPageData,
  type EssaimGlobalData,
  type FacetCounts,
  type FacetDef,
  type ListItem,
} from '../../plugins/content/shared/model.js';
import { isOverdue } from '../../content/review.js';
import { itemStatus, localDate } from '../../plugins/content/shared/status.js';
import { childrenOf } from '../../plugins/content/shared/territory.js';
import AlertLink from '../alerts/AlertLink.js';
import { formatDate, frenchNumber, plural } from './format.js';
import { StatusBadge, useNow } from './Status.js';
import styles from './catalog.module.css';

function useGlobal(): EssaimGlobalData {
  return usePluginData(PLUGIN_NAME) as EssaimGlobalData;
}

function withCount(label: string, n: number | undefined): ReactNode {
  return (
    <>
      {label} <span className={styles.count}>({n ?? 0})</span>
    </>
  );
}

function Checkboxes({
  facet,
  state,
  counts,
  onToggle,
  pending = false,
}: {
  facet: FacetDef;
  state: FilterState;
  counts: Record<string, number>;
  onToggle: (key: string, value: string, on: boolean) => void;
  /** Counts not known yet (statuses before the reader's clock is): their place is kept, invisible. */
  pending?: boolean;
}): ReactNode {
  const selected = state.values[facet.key] ?? [];
  // A status facet keeps all its values, so that it does not change size when the clock is known.
  const values = (facet.values ?? []).filter(
    (v) => facet.kind === 'status' || (counts[v.value] ?? 0) > 0 || selected.includes(v.value),
  );
  if (values.length === 0) return null;
  return (
    <fieldset>
      <legend>{facet.label}</legend>
      {values.map((v) => {
        const id = `f-${facet.key}-${v.value}`.replace(/[^a-zA-Z0-9_-]/g, '-');
        return (
          <div key={v.value} className={styles.option}>
            <input
              type="checkbox"
              id={id}
              name={facet.key}
              value={v.value}
              checked={selected.includes(v.value)}
              disabled={pending}
              onChange={(e) => onToggle(facet.key, v.value, e.target.checked)}
            />
            <label htmlFor={id}>
              {pending ? (
                <>
                  {v.label}{' '}
                  <span className={styles.count} style={{ visibility: 'hidden' }}>
                    (0)
                  </span>
                </>
              ) : (
                withCount(v.label, counts[v.value])
              )}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function TerritorySelect({
  facet,
  state,
  counts,
  onSelect,
}: {
  facet: FacetDef;
  state: FilterState;
  counts: Record<string, number>;
  onSelect: (key: string, value: string) => void;
}): ReactNode {
  const { vocabularies, territoryParents } = useGlobal();
  const labels = vocabularies.territoire ?? {};
  const children = childrenOf(territoryParents);
  const regions = Object.keys(labels)
    .filter((t) => t.startsWith('reg-'))
    .sort((a, b) => (labels[a] ?? a).localeCompare(labels[b] ?? b, 'fr'));
  const id = `f-${facet.key}`;
  const text = (t: string, suffix = ''): string => `${labels[t] ?? t}${suffix} (${counts[t] ?? 0})`;
  return (
    <fieldset>
      <legend>{facet.label}</legend>
      <label htmlFor={id} className={styles['field-label']}>
        Région ou département
      </label>
      <select
        id={id}
        name={facet.key}
        className={styles.control}
        value={state.values[facet.key]?.[0] ?? ''}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onSelect(facet.key, e.target.value)}
      >
        <option value="">Tous les territoires</option>
        <option value="national">{text('national', ' (portée nationale)')}</option>
        {regions.map((r) => (
          <optgroup key={r} label={labels[r] ?? r}>
            <option value={r}>{text(r, ' — toute la région')}</option>
            {(children.get(r) ?? []).sort().map((d) => (
              <option key={d} value={d}>
                {text(d)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </fieldset>
  );
}

function DateRange({
  facet,
  state,
  onRange,
}: {
  facet: FacetDef;
  state: FilterState;
  onRange: (key: string, range: [string, string]) => void;
}): ReactNode {
  const [from = '', to = ''] = state.values[facet.key] ?? [];
  return (
    <fieldset>
      <legend>{facet.label}</legend>
      <div className={styles.dates}>
        <div>
          <label htmlFor={`f-${facet.key}-du`} className={styles['field-label']}>
            Du
          </label>
          <input
            type="date"
            id={`f-${facet.key}-du`}
            name={facet.key}
            className={styles.control}
            value={from}
            onChange={(e) => onRange(facet.key, [e.target.value, to])}
          />
        </div>
        <div>
          <label htmlFor={`f-${facet.key}-au`} className={styles['field-label']}>
            Au
          </label>
          <input
            type="date"
            id={`f-${facet.key}-au`}
            name={facet.key}
            className={styles.control}
            value={to}
            onChange={(e) => onRange(facet.key, [from, e.target.value])}
          />
        </div>
      </div>
    </fieldset>
  );
}

function Result({
  item,
  catalog,
  now,
  labels,
  past = false,
}: {
  item: ListItem;
  catalog: CatalogPageData;
  now: number | null;
  labels: Record<string, string>;
  /** A past event under « Revoir »: its title is one level lower, its replay is linked. */
  past?: boolean;
}): ReactNode {
  const maillons = item.facets.maillons ?? [];
  const Title = past ? 'h3' : 'h2';
  // Before the reader's clock is known, the build date: what was overdue then still is.
  const toCheck =
    catalog.reviewMonths !== undefined &&
    item.reviewed !== undefined &&
    isOverdue({ date: item.reviewed, months: catalog.reviewMonths }, now === null ? catalog.builtOn : localDate(now));
  return (
    <li className={styles.result}>
      <Title>
        <Link to={itemUrl(catalog.route, item)}>{item.title}</Link>
      </Title>
      {catalog.dated && item.date && <p className={styles.extra}>{formatDate(item.date)}</p>}
      {item.extra && <p className={styles.extra}>{item.extra}</p>}
      {(catalog.status || toCheck) && (
        <p>
          {catalog.status && (
            <StatusBadge kind={catalog.status} window={item.window} now={now} recurrence={item.recurrence} />
          )}{' '}
          {toCheck && (
            <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon" data-revue="a-verifier">
              À vérifier
            </span>
          )}
        </p>
      )}
      <p>{item.summary}</p>
      {past && item.replay && (
        <p>
          <a href={item.replay.url} target="_blank" rel="noopener noreferrer">
            {item.replay.label}
            <span className={styles.srOnly}> : {item.title} (nouvelle fenêtre)</span>
          </a>
        </p>
      )}
      {maillons.length > 0 && (
        <ul className={styles.tags} aria-label="Maillons">
          {maillons.map((m) => (
            <li key={m} className="fr-tag fr-tag--sm">
              {labels[m] ?? m}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The catalog's lines, once `load` has been called and their chunk has come. */
function useLines(catalog: CatalogPageData): { lines: ListItem[] | null; failed: boolean; load: () => void } {
  const [loaded, setLoaded] = useState<{ catalog: CatalogPageData; lines: ListItem[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const started = useRef<CatalogPageData | null>(null);
  const load = useCallback(() => {
    if (started.current === catalog) return;
    started.current = catalog;
    setFailed(false);
    catalog.loadItems().then(
      (m) => setLoaded({ catalog, lines: m.default }),
      () => {
        started.current = null;
        setFailed(true);
      },
    );
  }, [catalog]);
  return { lines: loaded?.catalog === catalog ? loaded.lines : null, failed, load };
}

export default function CatalogPage({ catalog }: { catalog: CatalogPageData }): ReactNode {
  const location = useLocation();
  const history = useHistory();
  const global = useGlobal();
  const now = useNow();
  // The first render in the browser must match the static HTML (built without a query string).
  const search = useIsBrowser() ? location.search : '';
  // A pre-filtered page (a maillon's sheets) shows its preset filters until the reader changes them.
  const preset = search === '' && catalog.preset !== undefined;
  const state = useMemo(
    (): FilterState => (preset ? { q: '', values: { ...catalog.preset } } : stateFromSearch(search, catalog.facets)),
    [preset, search, catalog.preset, catalog.facets],
  );
  const routePath = useBaseUrl(catalog.route);
  const [q, setQ] = useState(state.q);
  const [shown, setShown] = useState(CATALOG_PAGE);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back/forward: the text box follows the URL.
  useEffect(() => setQ(state.q), [state.q]);
  useEffect(() => setShown(CATALOG_PAGE), [search]);
  useEffect(() => () => clearTimeout(typing.current), []);

  const active = state.q !== '' || Object.values(state.values).some((vs) => vs.some((v) => v));
  const { lines, failed, load } = useLines(catalog);
  const splitPast = catalog.status === 'event' && now !== null;
  useEffect(() => {
    if ((active && !preset) || shown > CATALOG_PAGE) load();
  }, [active, preset, shown, load]);

  const ctx: FilterContext = useMemo(
    () => ({ facets: catalog.facets, parents: global.territoryParents, status: catalog.status, now }),
    [catalog, global.territoryParents, now],
  );
  // `results` is null while filtering waits for the lines.
  const { results, matched, counts } = useMemo((): {
    results: readonly ListItem[] | null;
    matched: number;
    counts: FacetCounts;
  } => {
    if (lines) {
      const filtered = filterItems(lines, state, ctx);
      const found = catalog.ranked ? rankByRelevance(filtered, state.q) : filtered;
      return { results: found, matched: found.length, counts: countFacets(lines, state, ctx) };
    }
    const initial: FacetCounts = { ...catalog.counts };
    for (const f of catalog.facets)
      if (f.kind === 'status' && catalog.windows) initial[f.key] = countStatuses(catalog.windows, f, ctx);
    return { results: active && !preset ? null : catalog.first, matched: catalog.matched, counts: initial };
  }, [lines, state, ctx, catalog, active, preset]);

  const go = (next: FilterState, replace = false): void => {
    const query = searchFromState(next, catalog.facets);
    // From a pre-filtered page, the filters the reader chooses are those of the catalog itself.
    const target = { pathname: catalog.preset ? routePath : location.pathname, search: query };
    if (target.pathname === location.pathname && query === location.search) return;
    if (replace) history.replace(target);
    else history.push(target);
  };
  const withValues = (key: string, values: string[]): FilterState => ({
    q,
    values: { ...state.values, [key]: values },
  });
  const onToggle = (key: string, value: string, on: boolean): void => {
    const current = state.values[key] ?? [];
    go(withValues(key, on ? [...current, value] : current.filter((v) => v !== value)));
  };
  const onSelect = (key: string, value: string): void => go(withValues(key, value ? [value] : []));
  const onRange = (key: string, range: [string, string]): void => go(withValues(key, range));
  const onQuery = (e: ChangeEvent<HTMLInputElement>): void => {
    const value = e.target.value;
    setQ(value);
    clearTimeout(typing.current);
    // Typing replaces the current history entry; facets push a new one.
    typing.current = setTimeout(() => go({ ...state, q: value }, true), 300);
  };
  const onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    clearTimeout(typing.current);
    go({ ...state, q });
  };
  const maillonLabels = global.vocabularies.maillon ?? {};
  // Past events with a replay or a summary stay useful: they move to « Revoir » (reader's clock).
  const isPast = (i: ListItem): boolean =>
    splitPast && i.replay !== undefined && itemStatus('event', i.window, now) === 'passe';
  const current = results?.filter((i) => !isPast(i)) ?? null;
  // Before the lines arrive, « Revoir » comes from the page's data, which holds every line with a replay.
  const past = (lines ? results : results && (catalog.replays ?? results))?.filter(isPast) ?? [];
  const exportBase = useBaseUrl('/');

  return (
    <Layout title={catalog.title} description={catalog.intro}>
      <main className={`container ${styles.page}`} id="contenu">
        <h1>{catalog.title}</h1>
        <p className={styles.lead}>{catalog.intro}</p>
        <ul className={styles.links}>
          {catalog.links.map((l) => (
            <li key={l.href}>
              {/\.(ics|json|csv|atom)$/.test(l.href) ? (
                <a href={`${exportBase}${l.href.slice(1)}`}>{l.label}</a>
              ) : (
                <Link to={l.href}>{l.label}</Link>
              )}
            </li>
          ))}
        </ul>
        <div className={styles.layout}>
          <form
            className={styles.filters}
            role="search"
            aria-label={`Filtrer : ${catalog.title}`}
            method="get"
            onSubmit={onSubmit}
            onFocus={load}
            onPointerEnter={load}
          >
            <fieldset>
              <legend>Recherche</legend>
              <label htmlFor="f-q" className={styles['field-label']}>
                Mots-clés
              </label>
              <input
                type="search"
                id="f-q"
                name="q"
                className={styles.control}
                value={q}
                onChange={onQuery}
                autoComplete="off"
              />
            </fieldset>
            {catalog.facets.map((f) => {
              if (f.kind === 'territory')
                return (
                  <TerritorySelect
                    key={f.key}
                    facet={f}
                    state={state}
                    counts={counts[f.key] ?? {}}
                    onSelect={onSelect}
                  />
                );
              if (f.kind === 'date') return <DateRange key={f.key} facet={f} state={state} onRange={onRange} />;
              return (
                <Checkboxes
                  key={f.key}
                  facet={f}
                  state={state}
                  counts={counts[f.key] ?? {}}
                  onToggle={onToggle}
                  pending={f.kind === 'status' && now === null}
                />
              );
            })}
            <div className={styles.actions}>
              <button type="submit" className="fr-btn fr-btn--sm">
                Filtrer
              </button>
              {active && (
                <Link to={catalog.route} className="fr-btn fr-btn--sm fr-btn--secondary">
                  Effacer les filtres
                </Link>
              )}
            </div>
            <AlertLink route={catalog.route} values={state.values} />
          </form>
          <section aria-labelledby="resultats">
            <h2 id="resultats" className={styles.srOnly}>
              Résultats
            </h2>
            <p className={styles.summary} role="status" aria-live="polite">
              {failed
                ? 'La liste n’a pas pu être chargée : vérifiez la connexion, puis rechargez la page.'
                : results === null
                  ? 'Recherche en cours…'
                  : matched === catalog.total
                    ? plural(matched, catalog.noun)
                    : `${plural(matched, catalog.noun)} sur ${frenchNumber(catalog.total)}`}
            </p>
            {current !== null &&
              (results?.length === 0 ? (
                <p className={styles.empty}>
                  Aucun résultat avec ces filtres. Retirez un filtre ou élargissez le territoire.
                </p>
              ) : (
                current.length > 0 && (
                  <ul className={styles.results}>
                    {current.slice(0, shown).map((item) => (
                      <Result key={item.id} item={item} catalog={catalog} now={now} labels={maillonLabels} />
                    ))}
                  </ul>
                )
              ))}
            {current !== null && matched - past.length > shown && (
              <button
                type="button"
                className={`fr-btn fr-btn--secondary ${styles.more}`}
                onClick={() => setShown(shown + CATALOG_PAGE)}
              >
                Afficher {Math.min(CATALOG_PAGE, matched - past.length - shown)} résultats de plus
              </button>
            )}
            {past.length > 0 && (
              <section aria-labelledby="revoir">
                <h2 id="revoir">Revoir</h2>
                <ul className={styles.results}>
                  {past.map((item) => (
                    <Result key={item.id} item={item} catalog={catalog} now={now} labels={maillonLabels} past />
                  ))}
                </ul>
              </section>
            )}
          </section>
        </div>
      </main>
    </Layout>
  );
}
