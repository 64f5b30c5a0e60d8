/**
 * The three live lists of the home page — latest entries, calls for projects closing soon, upcoming
 * events — from the content plugin's global data (read through `contentData.ts`).
 */
import { useEffect, useState } from 'react';
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import { frenchDate } from './format.ts';
import { useHomeLists, type HomeItem } from './contentData.ts';

function List({ items, empty, dateLabel }: { items: HomeItem[]; empty: string; dateLabel: string }) {
  if (items.length === 0) return <p className="fr-text--sm">{empty}</p>;
  return (
    <ul className="essaim-list-plain">
      {items.map((item) => (
        <li key={item.url}>
          <Link to={item.url}>{item.titre}</Link>
          {(item.date || item.detail) && (
            <p className="fr-text--xs fr-mb-0 essaim-muted">
              {item.detail}
              {item.detail && item.date ? ' · ' : ''}
              {item.date && (
                <>
                  {dateLabel} <time dateTime={item.date}>{frenchDate(item.date)}</time>
                </>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The reader's date (Paris), known once the page runs in the browser; the built page uses the build's lists. */
function useToday(): string | undefined {
  const [today, setToday] = useState<string>();
  useEffect(() => {
    setToday(new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(new Date()));
  }, []);
  return today;
}

export default function HomeFeeds() {
  const lists = useHomeLists(5, useToday());
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <Heading as="h3" className="fr-h5">
          Dernières entrées
        </Heading>
        <List items={lists.latest} empty="Aucune entrée publiée pour l’instant." dateLabel="mis à jour le" />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <Heading as="h3" className="fr-h5">
          Appels à projets bientôt clos
        </Heading>
        <List items={lists.calls} empty="Aucun appel à projets ouvert en ce moment." dateLabel="clôture le" />
        <p className="fr-text--sm">
          <Link to="/financements/appels">Tous les appels à projets</Link>
        </p>
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <Heading as="h3" className="fr-h5">
          Prochains événements
        </Heading>
        <List items={lists.events} empty="Aucun événement à venir pour l’instant." dateLabel="le" />
        <p className="fr-text--sm">
          <Link to="/agenda">Tout l’agenda</Link>
        </p>
      </div>
    </div>
  );
}
