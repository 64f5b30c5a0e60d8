/** Status of a proposal sent with the form: `/contribuer/suivi?id=<numéro de suivi>`. */
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import StatusView from '../../components/form/StatusView.js';

export default function Suivi() {
  return (
    <Layout title="Suivi de votre proposition" description="Où en est votre proposition au portail Essaim.">
      <main id="contenu" className="fr-container essaim-page">
        <Heading as="h1">Suivi de votre proposition</Heading>
        <BrowserOnly fallback={<p>Chargement…</p>}>{() => <StatusView />}</BrowserOnly>
        <p>
          <Link to="/contribuer/proposer">Proposer une autre ressource</Link>
        </p>
      </main>
    </Layout>
  );
}
