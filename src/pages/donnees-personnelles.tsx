/** What the form and the error reports collect, why, for how long, and how to have it erased. */
import Layout from '@theme/Layout';
import { publisher } from '../legal/publisher.js';

export default function DonneesPersonnelles() {
  return (
    <Layout title="Données personnelles" description="Les données que collecte le portail Essaim et vos droits.">
      <main className="container margin-vert--lg" id="contenu">
        <h1>Données personnelles</h1>
        <h2>Ce qui est collecté, et pourquoi</h2>
        <ul>
          <li>
            <strong>Formulaire de proposition</strong> (nouvelle ressource ou modification) : votre nom et votre adresse
            électronique, pour que l’équipe éditoriale puisse vous répondre ; votre accord éventuel pour que votre nom
            apparaisse dans la proposition publique ; votre accord éventuel pour recevoir un courriel quand la
            proposition est acceptée ou fermée.
          </li>
          <li>
            <strong>Signaler une erreur</strong> : votre message (public) et, si vous le donnez, votre adresse
            électronique (jamais publiée), pour vous répondre.
          </li>
          <li>
            <strong>Alertes</strong> : votre adresse électronique et les critères choisis, pour vous envoyer les
            nouveautés qui y correspondent ; l’abonnement et l’adresse sont supprimés dès que vous vous désabonnez (lien
            dans chaque message).
          </li>
          <li>
            <strong>Espace professionnel</strong> : le nom et l’adresse de votre compte, transmis par le fournisseur
            d’identité à la connexion, et, pour les structures, les coordonnées réservées aux professionnels qu’elles
            saisissent.
          </li>
          <li>
            <strong>Brouillon du formulaire</strong> : gardé dans votre navigateur seulement (jamais envoyé avant que
            vous ne proposiez), sans vos coordonnées ; le bouton « Supprimer le brouillon » l’efface.
          </li>
        </ul>
        <p>
          Ces coordonnées restent dans la base du service de propositions : elles ne sont jamais écrites dans le dépôt
          public, ni dans les journaux ; seul votre nom peut apparaître dans la proposition, si vous l’acceptez.
        </p>
        <h2>Durée de conservation</h2>
        <p>Vos coordonnées sont conservées {publisher.dureeConservation}.</p>
        <h2>Faire effacer vos données</h2>
        <p>
          Écrivez à {publisher.contact} depuis l’adresse concernée : l’équipe efface vos coordonnées de la base du
          service, vos alertes, votre compte professionnel, votre nom et vos coordonnées parmi les contacts réservés
          d’une structure, et les courriels qui vous sont destinés (commande <code>essaim effacement</code>). Vous
          pouvez aussi demander l’accès à vos données ou leur rectification, et saisir la CNIL.
        </p>
        <h2>Responsable du traitement</h2>
        <p>
          {publisher.nom}, {publisher.adresse}.
        </p>
      </main>
    </Layout>
  );
}
