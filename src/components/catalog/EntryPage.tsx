/** The page of one entry (study, funder, training, tool, event, platform): every public field. */
import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { EntryPageData } from '../../plugins/content/shared/model.js';
import { FieldList } from './Fields.js';
import { formatDate } from './format.js';
import EntryActions from '../form/EntryActions.js';
import Markdown from './Markdown.js';
import NewsArticleData from './NewsArticleData.js';
import RestrictedPart from '../pro/RestrictedPart.js';
import { StatusBadge, useNow } from './Status.js';
import { isOverdue } from '../../content/review.js';
import { localDate } from '../../plugins/content/shared/status.js';
import styles from './catalog.module.css';

/**
 * `entries` is the data module this page shares with neighbouring entries (keyed by their declared
 * route path); `route` is the route Docusaurus renders, its path possibly given a trailing slash.
 */
export default function EntryPage({
  entries,
  route,
}: {
  entries: Record<string, EntryPageData>;
  route: { path: string };
}): ReactNode {
  const now = useNow();
  const { siteConfig } = useDocusaurusContext();
  const entry = entries[route.path.replace(/\/$/, '')];
  if (!entry) throw new Error(`Aucune donnée pour la page ${route.path}.`);
  return (
    <Layout title={entry.titre} description={entry.resume}>
      {entry.published && (
        <NewsArticleData
          headline={entry.titre}
          description={entry.resume}
          published={entry.published}
          modified={entry.dateMaj}
          url={`${siteConfig.url}${siteConfig.baseUrl.replace(/\/$/, '')}${route.path}`}
          publisher={siteConfig.title}
        />
      )}
      <main className={`container ${styles.page}`} id="contenu">
        <nav aria-label="Fil d’Ariane" className={styles.breadcrumb}>
          <Link to="/">Accueil</Link> <span aria-hidden="true">›</span>{' '}
          <Link to={entry.collectionRoute}>{entry.collectionLabel}</Link>
        </nav>
        <article>
          <h1>{entry.titre}</h1>
          {entry.status && (
            <p>
              <StatusBadge kind={entry.status} window={entry.window} now={now} />
            </p>
          )}
          {entry.review && now !== null && isOverdue(entry.review, localDate(now)) && (
            <p>
              <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon" data-revue="a-verifier">
                À vérifier
              </span>{' '}
              Ces informations n’ont pas été relues depuis plus de {entry.review.months} mois : vérifiez-les auprès de
              la source avant de vous en servir.
            </p>
          )}
          <p className={styles.lead}>{entry.resume}</p>
          <FieldList fields={entry.fields} now={now} />
          {entry.body.length > 0 && (
            <section className={styles.block} aria-label="Présentation">
              <Markdown nodes={entry.body} />
            </section>
          )}
          {entry.collection === 'actors' && <RestrictedPart actorId={entry.id} />}
          {entry.dateMaj && (
            <p className={styles.extra}>
              Fiche mise à jour le <time dateTime={entry.dateMaj}>{formatDate(entry.dateMaj)}</time>.
            </p>
          )}
          <EntryActions collection={entry.collection} id={entry.id} />
        </article>
      </main>
    </Layout>
  );
}
