/** /donnees: the open data of the portal, with every published field documented from its schema. */
import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import useBaseUrl from '@docusaurus/useBaseUrl';
import type { CollectionDoc } from '../../plugins/content/opendata.js';
import styles from './catalog.module.css';
import { frenchNumber } from './format.js';

export default function DataPage({ collections }: { collections: CollectionDoc[] }): ReactNode {
  const base = useBaseUrl('/');
  return (
    <Layout
      title="Données ouvertes"
      description="Toutes les collections du portail Essaim en JSON et en CSV, avec la description de chaque champ."
    >
      <main className={`container ${styles.page}`} id="contenu">
        <h1>Données ouvertes</h1>
        <p className={styles.lead}>
          Chaque collection du portail est publiée en JSON et en CSV (UTF-8 avec BOM, séparateur virgule, listes
          séparées par « ; »), sous Licence Ouverte 2.0. Seuls les champs publics y figurent : les notes internes de
          l’équipe éditoriale ne sont jamais publiées. Les nouveautés sont aussi diffusées par un{' '}
          <a href={`${base}flux/nouveautes.atom`}>flux Atom</a>, l’agenda et les dates limites des appels par des
          calendriers iCalendar (<a href={`${base}agenda.ics`}>agenda.ics</a>,{' '}
          <a href={`${base}financements/appels.ics`}>appels.ics</a>).
        </p>
        <nav aria-label="Collections">
          <ul className={styles.links}>
            {collections.map((c) => (
              <li key={c.name}>
                <a href={`#${c.name}`}>{c.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        {collections.map((c) => (
          <section key={c.name} id={c.name} className={styles.block}>
            <h2>{c.label}</h2>
            <p>
              {c.description} {frenchNumber(c.count)} entrée{c.count > 1 ? 's' : ''}.
            </p>
            <ul className={styles.links}>
              <li>
                <a href={`${base}donnees/${c.name}.json`} download>
                  {c.label} — JSON
                </a>
              </li>
              <li>
                <a href={`${base}donnees/${c.name}.csv`} download>
                  {c.label} — CSV
                </a>
              </li>
            </ul>
            <table className={styles.table}>
              <caption className={styles.srOnly}>Champs de la collection « {c.label} »</caption>
              <thead>
                <tr>
                  <th scope="col">Champ</th>
                  <th scope="col">Intitulé et description</th>
                  <th scope="col">Type</th>
                  <th scope="col">Valeurs</th>
                </tr>
              </thead>
              <tbody>
                {c.fields.map((f) => (
                  <tr key={f.name}>
                    <td>
                      <code>{f.name}</code>
                      {f.required && <> (obligatoire)</>}
                    </td>
                    <td>
                      <strong>{f.title}</strong>
                      <br />
                      {f.description}
                    </td>
                    <td>{f.type}</td>
                    <td className={styles.values}>
                      {f.name === 'territoires' ? (
                        <>
                          « national », les régions (<code>reg-</code> + code INSEE) et les départements (
                          <code>dep-</code> + code INSEE)
                        </>
                      ) : f.values ? (
                        f.values.map((v) => (
                          <span key={v.value}>
                            <code>{v.value}</code> : {v.label}
                            <br />
                          </span>
                        ))
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </main>
    </Layout>
  );
}
