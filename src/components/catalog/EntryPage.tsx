/** The page of one entry (study, funder, training, tool, event, platform): every public field. */
import { useEffect, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import NotFoundContent from '@theme/NotFound/Content';
import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import type { EntryPageData } from '../../plugins/content/shared/model.js';
import { ENTRY_SCRIPT_ID, scriptJson, useEntryData } from './entryData.js';
import { FieldList } from './Fields.js';
import { formatDate } from './format.js';
import Markdown from './Markdown.js';
import { StatusBadge, useNow } from './Status.js';
import styles from './catalog.module.css';

/** `entry` is given when the page is rendered at build time; in the browser, see entryData.ts. */
export default function EntryPage({ entry: given }: { entry?: EntryPageData }): ReactNode {
  const { pathname, hash } = useLocation();
  const data = useEntryData(given, pathname);
  const ready = data.state === 'ready';
  useEffect(() => {
    // A link to a part of the page (`#appel-…`) followed before the data was there.
    if (!ready || !hash) return;
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Not valid percent-encoding (`#%E0`, typed or truncated): looked up as written.
    }
    document.getElementById(id)?.scrollIntoView();
  }, [ready, hash]);
  if (data.state === 'missing') return <Layout title="Page introuvable"><NotFoundContent /></Layout>;
  if (data.state !== 'ready') {
    return (
      <Layout title={data.state === 'loading' ? 'Chargement…' : 'Erreur de chargement'}>
        <main className={`container ${styles.page}`} id="contenu">
          <p role="status">{data.state === 'loading' ? 'Chargement…' : <>La page n’a pas pu être chargée. <a href={pathname}>Réessayer</a></>}</p>
        </main>
      </Layout>
    );
  }
  return <EntryView entry={data.entry} pathname={pathname} />;
}

function EntryView({ entry, pathname }: { entry: EntryPageData; pathname: string }): ReactNode {
  const now = useNow();
  return (
    <Layout title={entry.titre} description={entry.resume}>
      <main className={`container ${styles.page}`} id="contenu">
        <nav aria-label="Fil d’Ariane" className={styles.breadcrumb}>
          <Link to="/">Accueil</Link> <span aria-hidden="true">›</span> <Link to={entry.collectionRoute}>{entry.collectionLabel}</Link>
        </nav>
        <article>
          <h1>{entry.titre}</h1>
          {entry.status && <p><StatusBadge kind={entry.status} w={entry.w} now={now} /></p>}
          <p className={styles.lead}>{entry.resume}</p>
          <FieldList fields={entry.fields} now={now} />
          {entry.body.length > 0 && (
            <section className={styles.block} aria-label="Présentation">
              <Markdown nodes={entry.body} />
            </section>
          )}
          {entry.dateMaj && <p className={styles.extra}>Fiche mise à jour le <time dateTime={entry.dateMaj}>{formatDate(entry.dateMaj)}</time>.</p>}
        </article>
      </main>
      <script type="application/json" id={ENTRY_SCRIPT_ID} data-path={pathname} dangerouslySetInnerHTML={{ __html: scriptJson(entry) }} />
    </Layout>
  );
}
