/**
 * The status of a submission (`/contribuer/suivi?id=…`): polls the service until the proposal is
 * opened or has failed. Bookmarkable: everything it needs is in the address.
 */
import { useEffect, useState, type ReactElement } from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { detectService, fetchStatus, type SubmissionStatus } from './service.js';
import './form.css';

const LABELS: Record<SubmissionStatus['statut'], string> = {
  recue: 'Reçue',
  'en-cours': 'En cours de transmission',
  ouverte: 'Proposition ouverte',
  echec: 'Échec de la transmission',
};

export default function StatusView(): ReactElement {
  const { siteConfig } = useDocusaurusContext();
  const [id, setId] = useState<string | undefined>();
  const [status, setStatus] = useState<SubmissionStatus | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    const wanted = new URLSearchParams(window.location.search).get('id') ?? '';
    setId(wanted);
    if (!wanted) return undefined;
    let stopped = false;
    let timer: number | undefined;
    void (async () => {
      const service = await detectService(siteConfig.customFields?.submissionServiceUrl);
      const base = service?.base ?? '';
      const poll = async (delay: number): Promise<void> => {
        if (stopped) return;
        const s = await fetchStatus(base, wanted);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the cleanup may set it during the await
        if (stopped) return;
        if ('erreur' in s) setError(s.erreur);
        else {
          setError('');
          setStatus(s);
          if (s.statut === 'ouverte' || s.statut === 'echec') return;
        }
        timer = window.setTimeout(() => void poll(Math.min(delay * 1.5, 15_000)), delay);
      };
      await poll(1000);
    })();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
    };
  }, [siteConfig.customFields?.submissionServiceUrl]);

  if (id === undefined) return <p>Chargement…</p>;
  if (!id)
    return <p>Aucun numéro de suivi dans l’adresse. Utilisez le lien reçu après l’envoi de votre proposition.</p>;
  return (
    <div className="essaim-suivi" aria-live="polite">
      <p>
        Numéro de suivi : <code>{id}</code> — gardez cette page dans vos favoris pour revenir suivre votre proposition.
      </p>
      {status && (
        <>
          <p className="essaim-suivi__etat" data-statut={status.statut}>
            {LABELS[status.statut]}
          </p>
          {status.titre && <p>Proposition : « {status.titre} »</p>}
          <p>{status.message}</p>
          {status.motif && (
            <blockquote className="essaim-suivi__motif">
              <p>Réponse de l’équipe éditoriale : {status.motif}</p>
            </blockquote>
          )}
          {status.pr && (
            <p>
              <a className="fr-link" href={status.pr.url}>
                Voir la proposition n° {status.pr.numero} sur GitHub
              </a>
            </p>
          )}
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
