/** « Proposer une ressource » : the web form (see src/components/form/). */
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { lazy, Suspense, useEffect, useState } from 'react';
import { detectService, type ServiceInfo } from '../../components/form/service.js';

// Loaded in the browser only (fetch, WebCrypto, window), in its own bundle (with rjsf and ajv).
const loadForm = () => import('../../components/form/ProposalForm.js');
const ProposalForm = lazy(loadForm);

/** Whether this document's Content-Security-Policy lets ajv compile the schema (`new Function`). */
function evalAllowed(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test itself: does the policy allow it?
    new Function('');
    return true;
  } catch {
    return false;
  }
}

const RELOADED = 'essaim-formulaire-recharge';

/**
 * The service gives the form's page a policy that allows ajv; a page reached by a link inside the
 * site keeps the policy of the page it came from. Then the page is loaded again (once), for real.
 */
function FormWithItsPolicy() {
  const { siteConfig } = useDocusaurusContext();
  const [allowed] = useState(evalAllowed);
  const [service, setService] = useState<ServiceInfo | undefined | 'detection'>('detection');
  const here = window.location.pathname + window.location.search;
  const retried = sessionStorage.getItem(RELOADED) === here;
  useEffect(() => {
    if (allowed) sessionStorage.removeItem(RELOADED);
    else if (!retried) {
      sessionStorage.setItem(RELOADED, here);
      window.location.reload();
    }
  }, [allowed, retried, here]);
  // The form's code downloads while the service is looked for; the form is drawn once both are
  // there, with the notice of a site without service: nothing is inserted above what is shown.
  useEffect(() => {
    if (!allowed) return;
    void loadForm();
    void detectService(siteConfig.customFields?.submissionServiceUrl).then(setService);
  }, [allowed, siteConfig]);
  if (!allowed)
    return retried ? (
      <p className="fr-alert fr-alert--error">
        La politique de sécurité de ce site empêche le formulaire de fonctionner : signalez-le à l’équipe du site.
      </p>
    ) : (
      <p>Chargement du formulaire…</p>
    );
  const loading = <p>Chargement du formulaire…</p>;
  if (service === 'detection') return loading;
  return (
    <Suspense fallback={loading}>
      <ProposalForm service={service} />
    </Suspense>
  );
}

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
            {() => <FormWithItsPolicy />}
          </BrowserOnly>
        </div>
      </main>
    </Layout>
  );
}
