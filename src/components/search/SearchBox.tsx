/**
 * The portal's search box (in the navbar): every entry of every collection and every sheet.
 * The index is fetched, and the search code loaded, only when the box gets the focus.
 * Keyboard: ↓/↑ move through the results, Entrée opens one, Échap closes the list.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useHistory } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { SEARCH_FILE } from '../../plugins/content/shared/model.js';
import type { SearchPayload } from '../../plugins/content/shared/search-format.js';
import type { Engine, SearchHit } from './searchIndex.js';
import styles from './search.module.css';

type Status = 'idle' | 'loading' | 'ready' | 'error';

let enginePromise: Promise<Engine> | undefined;

function loadEngine(url: string): Promise<Engine> {
  enginePromise ??= Promise.all([
    import('./searchIndex.js'),
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<SearchPayload>;
    }),
  ])
    .then(([m, payload]) => m.createEngine(payload))
    .catch((e: unknown) => {
      enginePromise = undefined;
      throw e;
    });
  return enginePromise;
}

export default function SearchBox(): ReactNode {
  const id = useId();
  const history = useHistory();
  const url = useBaseUrl(`/${SEARCH_FILE}`);
  const withBase = useBaseUrl('/');
  const [status, setStatus] = useState<Status>('idle');
  const [engine, setEngine] = useState<Engine | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    if (engine || status === 'loading') return;
    setStatus('loading');
    loadEngine(url).then(
      (e) => {
        setEngine(e);
        setStatus('ready');
      },
      () => setStatus('error'),
    );
  }, [engine, status, url]);

  const { hits, total } = engine && query.trim() ? engine.search(query, 10) : { hits: [] as SearchHit[], total: 0 };
  useEffect(() => setActive(-1), [query]);
  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const href = (hit: SearchHit): string => `${withBase}${hit.url.replace(/^\//, '')}`;
  const go = (hit: SearchHit): void => {
    setOpen(false);
    history.push(hit.url);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && hits.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive(active <= 0 ? hits.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      const hit = hits[active >= 0 ? active : 0];
      if (hit) {
        e.preventDefault();
        go(hit);
      }
    } else if (e.key === 'Escape') setOpen(false);
  };
  const listId = `${id}-resultats`;
  const showList = open && query.trim() !== '';
  let message = '';
  if (query.trim()) {
    if (status === 'loading') message = 'Chargement de l’index…';
    else if (status === 'error') message = 'La recherche est indisponible pour le moment.';
    else if (engine)
      message =
        total === 0
          ? 'Aucun résultat.'
          : total > hits.length
            ? `${total} résultats, les ${hits.length} premiers :`
            : `${total} résultat${total > 1 ? 's' : ''}`;
  }

  return (
    <div className={styles.box} ref={root} role="search">
      <label htmlFor={`${id}-q`} className={styles.srOnly}>
        Rechercher dans le portail
      </label>
      <input
        id={`${id}-q`}
        className={styles.input}
        type="search"
        placeholder="Rechercher"
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        value={query}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onChange={(e) => {
          load();
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKey}
      />
      <div className={styles.panel} hidden={!showList}>
        <p className={styles.message} role="status" aria-live="polite">
          {showList ? message : ''}
        </p>
        <ul id={listId} role="listbox" aria-label="Résultats de la recherche" className={styles.list}>
          {showList &&
            hits.map((hit, i) => (
              <li
                key={hit.url}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? styles.active : undefined}
              >
                <a
                  href={href(hit)}
                  tabIndex={-1}
                  onClick={(e) => {
                    e.preventDefault();
                    go(hit);
                  }}
                >
                  <span className={styles.title}>{hit.title}</span>
                  <span className={styles.collection}>{hit.collection}</span>
                </a>
              </li>
            ))}
        </ul>
      </div>
    </div>
  );
}
