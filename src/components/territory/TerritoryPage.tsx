/**
 * `/territoires/<code>`: what exists for a région or a département, grouped by collection, each
 * section linking to its catalog filtered by the territory; national entries apart; its Atom feed
 * and iCalendar.
 */
import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import type {
  TerritoryLine,
  TerritoryNational,
  TerritoryPageData,
  TerritorySection,
} from '../../plugins/content/shared/model.js';
import { nationalLines } from '../../plugins/content/shared/territory.js';
import styles from './territory.module.css';

function Lines({ lines }: { lines: TerritoryLine[] }): ReactNode {
  return (
    <ul className={styles.lines}>
      {lines.map((l) => (
        <li key={l.url}>
          <Link to={l.url}>{l.title}</Link>
          {l.extra && <span className={styles.extra}> — {l.extra}</span>}
        </li>
      ))}
    </ul>
  );
}

function Section({
  section,
  label,
  national,
}: {
  section: TerritorySection;
  label: string;
  national: TerritoryNational;
}): ReactNode {
  const id = `section-${section.collection}`;
  const { localCount, nationalCount } = section;
  return (
    <section aria-labelledby={id} className={styles.section}>
      <h2 id={id}>
        {section.title} <span className={styles.count}>({localCount + nationalCount})</span>
      </h2>
      {localCount === 0 ? <p>Rien de propre à ce territoire pour l’instant.</p> : <Lines lines={section.local} />}
      {nationalCount > 0 && (
        <details className={styles.national}>
          <summary>De portée nationale ({nationalCount})</summary>
          <Lines lines={nationalLines(national[section.collection], section.nationalSkip)} />
        </details>
      )}
      {localCount + nationalCount > 0 && (
        <p>
          <Link to={section.catalog}>
            Tout voir dans le catalogue, filtré sur {label} ({localCount + nationalCount})
          </Link>
        </p>
      )}
    </section>
  );
}

export default function TerritoryPage({
  territory,
  national,
}: {
  territory: TerritoryPageData;
  national: TerritoryNational;
}): ReactNode {
  const t = territory;
  const feed = useBaseUrl(t.feed);
  const calendar = useBaseUrl(t.calendar);
  return (
    <Layout title={t.label} description={`Ressources de la lutte contre la précarité alimentaire : ${t.label}.`}>
      <main className={`container ${styles.page}`} id="contenu">
        <p>
          <Link to="/territoires">Territoires</Link>
          {t.parent && (
            <>
              {' › '}
              <Link to={`/territoires/${t.parent}`}>{t.parentLabel}</Link>
            </>
          )}
        </p>
        <h1>{t.label}</h1>
        <p className={styles.lead}>
          {t.kind === 'region'
            ? 'Ce qui concerne la région ou l’un de ses départements.'
            : 'Ce qui concerne le département ou sa région.'}{' '}
          Les ressources nationales, valables partout, sont présentées à part dans chaque rubrique.
        </p>
        {t.children.length > 0 && (
          <nav aria-label="Départements de la région">
            <ul className={styles.children}>
              {t.children.map((d) => (
                <li key={d.code}>
                  <Link to={`/territoires/${d.code}`}>{d.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <aside className={styles.feeds} aria-labelledby="suivre">
          <h2 id="suivre">Suivre ce territoire</h2>
          <ul>
            <li>
              <a href={feed}>Flux Atom des nouveautés</a> : copiez ce lien dans votre lecteur de flux (ou votre
              messagerie) pour être prévenu des fiches et ressources nouvelles ou mises à jour.
            </li>
            <li>
              <a href={calendar}>Agenda iCalendar (.ics)</a> : ajoutez ce lien à votre agenda (« s’abonner à un
              calendrier » par adresse) pour voir les dates limites des appels à projets et les événements.
            </li>
          </ul>
          <p>Les deux comprennent les ressources nationales.</p>
        </aside>
        {t.sections.map((s) => (
          <Section key={s.collection} section={s} label={t.label} national={national} />
        ))}
      </main>
    </Layout>
  );
}
