/** The « Déclaration d’accessibilité » from the axe-core runs and the audit, if any (see accessibility.ts). */
import type { ReactElement } from 'react';
import { conformityState, totalViolations, type Audit, type AxeReport } from './accessibility.js';
import type { Publisher } from './publisher.js';

function frenchDate(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export default function AccessibilityStatement({
  report,
  audit,
  publisher,
}: {
  report: AxeReport;
  audit: Audit | undefined;
  publisher: Publisher;
}): ReactElement {
  const state = conformityState(audit);
  const total = totalViolations(report);
  return (
    <>
      <p>
        {publisher.nom} s’engage à rendre le portail Essaim accessible, conformément à l’article 47 de la loi n°
        2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au portail Essaim.
      </p>
      <h2>État de conformité</h2>
      <p data-etat={state}>
        Le portail Essaim est <strong>{state}</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA), version 4.1.
        {audit
          ? ` Un audit réalisé le ${frenchDate(audit.date)} par ${audit.auditeur} relève ${audit.taux} % de critères respectés.`
          : ' Aucun audit RGAA n’a encore été réalisé : dans ce cas, le RGAA demande de déclarer le site non conforme, quels que soient les résultats des tests automatiques ci-dessous.'}
      </p>
      <h2>Tests automatiques</h2>
      {report.pages.length === 0 ? (
        <p>Aucun test automatique n’a encore été enregistré.</p>
      ) : (
        <>
          <p>
            Le {frenchDate(report.date)}, les tests du portail ont vérifié {report.pages.length} page
            {report.pages.length > 1 ? 's' : ''} ou étape{report.pages.length > 1 ? 's' : ''} avec {report.outil} :{' '}
            <strong data-violations={total}>
              {total === 0
                ? 'aucune erreur relevée'
                : `${total} erreur${total > 1 ? 's' : ''} relevée${total > 1 ? 's' : ''}`}
            </strong>
            .
          </p>
          <table className="fr-table">
            <caption>Pages vérifiées automatiquement</caption>
            <thead>
              <tr>
                <th scope="col">Page</th>
                <th scope="col">Adresse</th>
                <th scope="col">Erreurs relevées</th>
              </tr>
            </thead>
            <tbody>
              {report.pages.map((p) => (
                <tr key={`${p.adresse} ${p.page}`}>
                  <td>{p.page}</td>
                  <td>
                    <code>{p.adresse}</code>
                  </td>
                  <td>{p.violations === 0 ? 'aucune' : `${p.violations} (${p.regles.join(', ')})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        Ces tests automatiques ne couvrent qu’une partie des critères du RGAA (environ un tiers des problèmes
        d’accessibilité peuvent être détectés automatiquement) : ils ne remplacent pas un audit.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à {publisher.contact} pour être orienté
        vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que
        vous n’avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits
        (https://formulaire.defenseurdesdroits.fr/), contacter le délégué du Défenseur des droits de votre région, ou
        écrire par courrier (gratuit, sans timbre) à : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
      </p>
    </>
  );
}
