/**
 * `/territoires`: the map of France (static SVG written at build time, each département a link)
 * and, as its full alternative, the list of every région and département with its count.
 * Hovering or focusing a département shows its name and count under the map.
 */
import { useState, type FocusEvent, type MouseEvent, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import type { TerritoryIndexData } from '../../plugins/content/shared/model.js';
import { plural } from '../catalog/format.js';
import styles from './territory.module.css';

const NOUN: [string, string] = ['ressource', 'ressources'];

export default function TerritoriesPage({ index }: { index: TerritoryIndexData }): ReactNode {
  const [current, setCurrent] = useState('');
  const show = (e: FocusEvent | MouseEvent): void => {
    const link = (e.target as Element).closest('a');
    if (link) setCurrent(link.getAttribute('aria-label') ?? '');
  };
  return (
    <Layout
      title="Territoires"
      description="Ce qui existe dans chaque région et chaque département : fiches, financements, formations, agenda."
    >
      <main className={`container ${styles.page}`} id="contenu">
        <h1>Territoires</h1>
        <p className={styles.lead}>
          Choisissez une région ou un département pour voir les fiches pratiques, appels à projets, formations,
          événements, plateformes et études qui le concernent, avec les ressources nationales à part.
        </p>
        <div className={styles.mapLayout}>
          <figure className={styles.map}>
            <div onFocus={show} onMouseOver={show} dangerouslySetInnerHTML={{ __html: index.map }} />
            <figcaption>
              <span aria-live="polite">{current || 'Survolez ou parcourez la carte au clavier (Tab).'}</span>
              <br />
              La carte n’est qu’un raccourci : la liste complète des territoires suit.
              <br />
              {/* The packages franceMapSvg (plugins/content/territories.ts) draws from: their licence asks for it. */}
              <span className={styles.credit}>
                Contours : <a href="https://github.com/VictorCazanave/svg-maps">svg-maps</a> (France.Departments et
                World), de Victor Cazanave, licence{' '}
                <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a> ; outre-mer en encarts, à
                une autre échelle.
              </span>
            </figcaption>
          </figure>
          <section aria-labelledby="liste-territoires" className={styles.list}>
            <h2 id="liste-territoires">Toutes les régions et tous les départements</h2>
            <ul>
              {index.regions.map((r) => (
                <li key={r.code}>
                  <Link to={`/territoires/${r.code}`}>{r.label}</Link>{' '}
                  <span className={styles.count}>({plural(r.count, NOUN)})</span>
                  <ul>
                    {r.departements.map((d) => (
                      <li key={d.code}>
                        <Link to={`/territoires/${d.code}`}>
                          {d.label} ({d.code.slice(4)})
                        </Link>{' '}
                        <span className={styles.count}>({plural(d.count, NOUN)})</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </Layout>
  );
}
