import Layout from '@theme/Layout';

export default function Home() {
  return (
    <Layout title="Accueil">
      <main className="container">
        <h1>Essaim (site d’essai)</h1>
      </main>
    </Layout>
  );
}
