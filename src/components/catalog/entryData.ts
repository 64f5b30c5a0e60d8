/**
 * Where an entry page finds its data. The static page is rendered with the data as a prop, and
 * writes it into the HTML (`<script type="application/json">`). In the browser, entry pages have
 * no route of their own (see src/plugins/content/client-routes.ts): the page reads the data back
 * from the HTML it hydrates, or, after a client-side navigation, from the HTML of the page it
 * fetches — the static page stays the one source.
 */
import { useEffect, useState } from 'react';
import type { EntryPageData } from '../../plugins/content/shared/model.js';

export const ENTRY_SCRIPT_ID = 'essaim-entree';

export { scriptJson } from '../../plugins/content/shared/escape.js';

/** `/outils/x`, `/outils/x/`, `/outils/x.html` and `/outils/x/index.html` are the same page. */
const pageOf = (pathname: string): string => pathname.replace(/(?:\/index)?\.html$/, '').replace(/\/$/, '');

/** Data of the entry page at `pathname` found in `doc`, if that document is this page. */
export function readEntryData(doc: Document, pathname: string): EntryPageData | undefined {
  const script = doc.getElementById(ENTRY_SCRIPT_ID);
  if (!script || pageOf(script.getAttribute('data-path') ?? '') !== pageOf(pathname)) return undefined;
  try {
    return JSON.parse(script.textContent ?? '') as EntryPageData;
  } catch {
    return undefined;
  }
}

export type EntryState = { state: 'ready'; entry: EntryPageData } | { state: 'loading' } | { state: 'missing' } | { state: 'error' };

const loaded = new Map<string, EntryPageData>();

function initial(pathname: string): EntryState {
  const known = loaded.get(pathname) ?? (typeof document === 'undefined' ? undefined : readEntryData(document, pathname));
  if (!known) return { state: 'loading' };
  loaded.set(pathname, known);
  return { state: 'ready', entry: known };
}

/** The entry of the page at `pathname`: `given` when the route passed it, else read or fetched. */
export function useEntryData(given: EntryPageData | undefined, pathname: string): EntryState {
  const [current, setCurrent] = useState<{ pathname: string; value: EntryState }>(() => ({ pathname, value: given ? { state: 'ready', entry: given } : initial(pathname) }));
  const value = given ? { state: 'ready' as const, entry: given } : current.pathname === pathname ? current.value : initial(pathname);
  useEffect(() => {
    if (given || value.state !== 'loading') return;
    let live = true;
    const settle = (v: EntryState): void => { if (live) setCurrent({ pathname, value: v }); };
    fetch(pathname, { headers: { accept: 'text/html' } })
      .then(async (res) => {
        if (res.status === 404) return settle({ state: 'missing' });
        if (!res.ok) return settle({ state: 'error' });
        const entry = readEntryData(new DOMParser().parseFromString(await res.text(), 'text/html'), pathname);
        if (!entry) return settle({ state: 'missing' });
        loaded.set(pathname, entry);
        settle({ state: 'ready', entry });
      })
      .catch(() => settle({ state: 'error' }));
    return () => { live = false; };
  }, [given, pathname, value.state]);
  return value;
}
