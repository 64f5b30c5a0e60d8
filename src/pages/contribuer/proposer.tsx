/** « Proposer une ressource » : the web form (see src/components/form/). */
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import { lazy, Suspense } from 'react';

// Loaded in the browser only (fetch, WebCrypto, window), in its own bundle.
const ProposalForm = lazy(() => import('../../components/form/ProposalForm.js'));

export default function Proposer() {
  return (
    <Layout
      title="Proposer une ressource"
      description="Proposer une fiche pratique, une étude, un financement, une formation, un outil, un événement, une plateforme ou une actualité au portail Essaim, sans compte."
    >
      <main id="contenu" className="fr-container essaim-page">
        <Heading as="h1">Proposer une ressource</Heading>
        <p className="fr-text--lead">
          Votre proposition est vérifiée au fur et à mesure de la saisie, puis relue par l’équipe éditoriale avant
          publication. Vous pouvez aussi <Link to="/contribuer">contribuer avec Git ou par un ticket</Link>.
        </p>
        {/* The form, taller than a screen, arrives after the page is shown: its place is kept so the footer does not jump. */}
        <div style={{ minHeight: '100vh' }}>
          <BrowserOnly fallback={<p>Chargement du formulaire… (le formulaire a besoin de JavaScript.)</p>}>
            {() => (
              <Suspense fallback={<p>Chargement du formulaire…</p>}>
                <ProposalForm />
              </Suspense>
            )}
          </BrowserOnly>
        </div>
      </main>
    </Layout>
  );
}
