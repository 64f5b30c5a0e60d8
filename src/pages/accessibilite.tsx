/** Déclaration d’accessibilité (RGAA), from the axe-core runs of the browser tests: see src/legal/accessibility.ts. */
import Layout from '@theme/Layout';
import AccessibilityStatement from '../legal/AccessibilityStatement.js';
import { audit, axeReport } from '../legal/accessibility.js';
import { publisher } from '../legal/publisher.js';

export default function Accessibilite() {
  return (
    <Layout title="Déclaration d’accessibilité" description="L’état de conformité du portail Essaim au RGAA.">
      <main className="container margin-vert--lg" id="contenu">
        <h1>Déclaration d’accessibilité</h1>
        <AccessibilityStatement report={axeReport} audit={audit} publisher={publisher} />
      </main>
    </Layout>
  );
}
