/** The three ways to contribute to the portal. */
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';

const REPO = 'https://github.com/essaim-portail/essaim';

export default function Contribuer() {
  return (
    <Layout
      title="Contribuer"
      description="Proposer une fiche pratique, une étude, un financement, une formation, un outil ou un événement au portail Essaim."
    >
      <main id="contenu" className="fr-container essaim-page">
        <div className="essaim-prose">
          <Heading as="h1">Contribuer</Heading>
          <p className="fr-text--lead">
            Essaim vit des contributions des acteurs de la lutte contre la précarité alimentaire. Chaque proposition est
            relue par l’équipe éditoriale avant publication, selon la{' '}
            <Link to="/a-propos#charte-editoriale">charte éditoriale</Link>.
          </p>
          <p>Il y a trois façons de proposer une ressource ou une correction ; choisissez celle qui vous convient.</p>

          <Heading as="h2" id="formulaire">
            1. Le formulaire en ligne, sans compte
          </Heading>
          <p>
            Le plus simple : remplissez le formulaire « Proposer une ressource ». Il vérifie votre saisie au fur et à
            mesure, puis transmet votre proposition à l’équipe éditoriale, qui la relit et la publie. Vous recevez un
            lien pour suivre son avancement. Vos coordonnées ne sont jamais publiées.
          </p>
          <p>
            <Link className="fr-btn" to="/contribuer/proposer">
              Proposer une ressource
            </Link>
          </p>

          <Heading as="h2" id="git">
            2. Avec Git et la commande essaim
          </Heading>
          <p>
            Pour les contributeurs à l’aise avec Git : tout le contenu du portail est dans le{' '}
            <Link to={REPO}>dépôt public</Link>, un fichier par entrée, dans le dossier <code>content/</code>. La
            commande <code>essaim</code> vous guide :
          </p>
          <ol>
            <li>
              <code>npm run essaim -- new fiche</code> crée une fiche à partir du modèle (les questions proposent les
              vocabulaires du portail) ;
            </li>
            <li>rédigez le texte et complétez les champs marqués « À COMPLÉTER » ;</li>
            <li>
              <code>npm run essaim -- validate</code> vérifie la fiche et indique, ligne par ligne, ce qu’il faut
              corriger ;
            </li>
            <li>
              <code>npm run essaim -- propose</code> ouvre la pull request (depuis votre copie du dépôt si nécessaire).
            </li>
          </ol>
          <p>
            Pour corriger une fiche existante, le bouton « Proposer une modification » de chaque fiche ouvre directement
            le fichier sur GitHub.
          </p>

          <Heading as="h2" id="ticket">
            3. En ouvrant un ticket
          </Heading>
          <p>
            Vous avez repéré une erreur, un lien cassé, une ressource qui manque, ou vous avez une idée pour le portail
            ? Décrivez-la dans un <Link to={`${REPO}/issues/new`}>ticket sur GitHub</Link> : l’équipe éditoriale le
            prend en charge.
          </p>

          <Heading as="h2" id="ensuite">
            Et ensuite ?
          </Heading>
          <p>
            Chaque proposition devient une pull request : les vérifications automatiques contrôlent les champs et les
            liens, un résumé lisible des changements est affiché, et un membre de l’équipe éditoriale relit avant de
            publier. Les fiches sont relues au moins une fois par an et publiées par éditions.
          </p>
        </div>
      </main>
    </Layout>
  );
}
