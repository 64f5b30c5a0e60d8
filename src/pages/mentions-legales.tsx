/** Mentions légales: the publisher's identity comes from src/legal/publisher.json. */
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import { publisher } from '../legal/publisher.js';

export default function MentionsLegales() {
  return (
    <Layout title="Mentions légales" description="Éditeur, directeur de la publication et hébergeur du portail Essaim.">
      <main className="container margin-vert--lg" id="contenu">
        <h1>Mentions légales</h1>
        <h2>Éditeur</h2>
        <p>
          {publisher.nom}
          <br />
          {publisher.adresse}
          <br />
          Contact : {publisher.contact}
        </p>
        <h2>Directeur ou directrice de la publication</h2>
        <p>{publisher.directeurPublication}</p>
        <h2>Hébergement</h2>
        <p>{publisher.hebergeur}</p>
        <h2>Licences</h2>
        <p>
          Sauf mention contraire, les contenus sont publiés sous Licence Ouverte 2.0 et le code sous licence MIT. Les
          données personnelles sont traitées comme l’explique la page{' '}
          <Link to="/donnees-personnelles">Données personnelles</Link>.
        </p>
      </main>
    </Layout>
  );
}
