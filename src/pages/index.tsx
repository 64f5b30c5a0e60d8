/** Home page of the portal. */
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import HomeFeeds from '@site/src/components/site/HomeFeeds.tsx';
import { useSheetsData } from '@site/src/components/site/SheetFields.tsx';
import TerritoryChooser from '@site/src/components/territory/TerritoryChooser.tsx';

const sections: { to: string; titre: string; texte: string }[] = [
  { to: '/fiches', titre: 'Fiches pratiques', texte: 'Des pratiques inspirantes, prêtes à être essaimées.' },
  { to: '/etudes', titre: 'Études et rapports', texte: 'Enquêtes, baromètres, évaluations.' },
  { to: '/financements', titre: 'Financements', texte: 'Financeurs et appels à projets.' },
  { to: '/formations', titre: 'Formations', texte: 'Pour les bénévoles et les salariés.' },
  { to: '/outils', titre: 'Outils', texte: 'Guides, modèles, grilles d’évaluation.' },
  { to: '/agenda', titre: 'Agenda', texte: 'Webinaires, ateliers, visites apprenantes.' },
  { to: '/plateformes', titre: 'Plateformes', texte: 'Les plateformes existantes, et à quoi elles servent.' },
  { to: '/territoires', titre: 'Territoires', texte: 'Ce qui existe dans chaque région et chaque département.' },
  { to: '/actualites', titre: 'Actualités', texte: 'Veille, revues de presse, lettres.' },
];

const ways: { titre: string; texte: string; to: string; lien: string }[] = [
  {
    titre: 'Avec le formulaire',
    texte: 'Sans compte ni outil : remplissez le formulaire, l’équipe éditoriale relit et publie.',
    to: '/contribuer/proposer',
    lien: 'Proposer une ressource',
  },
  {
    titre: 'Avec Git et la commande essaim',
    texte:
      'Créez ou modifiez une fiche dans le dépôt, vérifiez-la avec essaim validate et proposez-la en pull request.',
    to: '/contribuer',
    lien: 'Contribuer avec Git',
  },
  {
    titre: 'En ouvrant un ticket',
    texte: 'Signalez une erreur, une ressource manquante ou une idée dans un ticket GitHub.',
    to: 'https://github.com/essaim-portail/essaim/issues/new',
    lien: 'Ouvrir un ticket',
  },
];

function fiches(n: number): string {
  return n === 0 ? 'Aucune fiche pour l’instant' : n === 1 ? '1 fiche' : `${n} fiches`;
}

export default function Home() {
  const { maillons } = useSheetsData();
  return (
    <Layout
      title="Accueil"
      description="Essaim, le portail ouvert de la lutte contre la précarité alimentaire : fiches pratiques, études, financements, formations, outils et agenda."
    >
      <main id="contenu">
        <section className="essaim-hero">
          <div className="fr-container">
            <Heading as="h1">Essaimer les pratiques qui font reculer la précarité alimentaire</Heading>
            <p className="fr-text--lead">
              Essaim rassemble, en un seul endroit ouvert à tous, les savoirs des acteurs de la lutte contre la
              précarité alimentaire : des fiches pratiques pour reproduire ce qui marche ailleurs, les études et
              rapports, les financements et appels à projets, les formations, les outils méthodologiques et l’agenda.
            </p>
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <Link className="fr-btn" to="/fiches">
                  Parcourir les fiches pratiques
                </Link>
              </li>
              <li>
                <Link className="fr-btn fr-btn--secondary" to="/contribuer">
                  Contribuer
                </Link>
              </li>
            </ul>
          </div>
        </section>

        <section className="essaim-section" aria-labelledby="par-maillon">
          <div className="fr-container">
            <Heading as="h2" id="par-maillon">
              Entrer par maillon
            </Heading>
            <p>
              Les fiches pratiques sont rangées selon les maillons de la chaîne de la lutte contre la précarité
              alimentaire.
            </p>
            <ul className="essaim-tiles" data-testid="maillons">
              {maillons.map((m) => (
                <li key={m.id}>
                  <div className="fr-tile fr-enlarge-link">
                    <div className="fr-tile__body">
                      <div className="fr-tile__content">
                        <h3 className="fr-tile__title">
                          <Link to={`/fiches/maillon/${m.id}`}>{m.label}</Link>
                        </h3>
                        <p className="fr-tile__detail">{fiches(m.count)}</p>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section className="essaim-section" aria-labelledby="votre-territoire-titre">
          <div className="fr-container">
            <Heading as="h2" id="votre-territoire-titre">
              Votre territoire
            </Heading>
            <p>
              Ce qui existe dans votre région ou votre département : fiches pratiques, appels à projets, formations,
              événements, plateformes et études.
            </p>
            <TerritoryChooser />
          </div>
        </section>

        <section className="essaim-section" aria-labelledby="nouveautes">
          <div className="fr-container">
            <Heading as="h2" id="nouveautes">
              Nouveautés et échéances
            </Heading>
            <HomeFeeds />
          </div>
        </section>

        <section className="essaim-section" aria-labelledby="rubriques">
          <div className="fr-container">
            <Heading as="h2" id="rubriques">
              Toutes les rubriques
            </Heading>
            <ul className="essaim-tiles">
              {sections.map((s) => (
                <li key={s.to}>
                  <div className="fr-tile fr-tile--sm fr-enlarge-link">
                    <div className="fr-tile__body">
                      <div className="fr-tile__content">
                        <h3 className="fr-tile__title">
                          <Link to={s.to}>{s.titre}</Link>
                        </h3>
                        <p className="fr-tile__detail">{s.texte}</p>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section className="essaim-section" aria-labelledby="contribuer">
          <div className="fr-container">
            <Heading as="h2" id="contribuer">
              Trois façons de contribuer
            </Heading>
            <p>Le portail est construit par ses utilisateurs : associations, réseaux, collectivités, chercheurs.</p>
            <ul className="essaim-tiles">
              {ways.map((w) => (
                <li key={w.titre}>
                  <div className="fr-card fr-enlarge-link">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <Link to={w.to}>{w.lien}</Link>
                        </h3>
                        <p className="fr-card__desc">{w.texte}</p>
                        <div className="fr-card__start">
                          <p className="fr-card__detail">{w.titre}</p>
                        </div>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
    </Layout>
  );
}
