/**
 * On every entry page: "Proposer une modification" (the form, pre-filled from the entry) and
 * "Signaler une erreur" (a short message to the editorial team, sent through the service).
 */
import { useRef, useState, type ReactElement, type SyntheticEvent } from 'react';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { Honeypot } from './Honeypot.js';
import { detectService, proofOfWork, sendReport } from './service.js';

export function editUrl(collection: string, id: string): string {
  return `/contribuer/proposer?modifier=${encodeURIComponent(collection)}/${encodeURIComponent(id)}`;
}

export default function EntryActions({ collection, id }: { collection: string; id: string }): ReactElement {
  const { siteConfig } = useDocusaurusContext();
  const [message, setMessage] = useState('');
  const [courriel, setCourriel] = useState('');
  const [honeypot, setHoneypot] = useState('');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | undefined>();
  const [sending, setSending] = useState(false);
  const openedAt = useRef(Date.now());

  async function onSubmit(e: SyntheticEvent): Promise<void> {
    e.preventDefault();
    setSending(true);
    try {
      const service = await detectService(siteConfig.customFields?.submissionServiceUrl);
      if (!service) {
        setAnswer({
          ok: false,
          text: 'Ce site est publié sans service de signalement : écrivez à l’équipe éditoriale.',
        });
        return;
      }
      const altcha = service.proofOfWork ? await proofOfWork(service) : undefined;
      const r = await sendReport(service, {
        collection,
        id,
        message: message.trim(),
        ...(courriel.trim() ? { courriel: courriel.trim() } : {}),
        rendu_a: openedAt.current,
        site_web: honeypot,
        ...(altcha ? { altcha } : {}),
      });
      setAnswer({ ok: r.ok, text: r.message });
      if (r.ok) setMessage('');
    } catch (error) {
      setAnswer({ ok: false, text: error instanceof Error ? error.message : 'Envoi impossible ; réessayez.' });
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="essaim-entry-actions" aria-label="Corriger cette entrée">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <Link className="fr-btn fr-btn--secondary" to={editUrl(collection, id)}>
            Proposer une modification
          </Link>
        </li>
      </ul>
      <details className="essaim-signalement">
        <summary>Signaler une erreur</summary>
        <form onSubmit={(e) => void onSubmit(e)}>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="signalement-message">
              Qu’est-ce qui est faux ou dépassé ?
              <span className="fr-hint-text">
                Votre message sera public : n’y mettez ni adresse électronique ni numéro de téléphone.
              </span>
            </label>
            <textarea
              id="signalement-message"
              className="fr-input"
              required
              minLength={10}
              maxLength={2000}
              rows={4}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="signalement-courriel">
              Votre adresse électronique (facultatif)
              <span className="fr-hint-text">
                Seulement pour que l’équipe puisse vous répondre ; jamais publiée. Voir « Données personnelles ».
              </span>
            </label>
            <input
              id="signalement-courriel"
              className="fr-input"
              type="email"
              autoComplete="email"
              maxLength={254}
              value={courriel}
              onChange={(e) => setCourriel(e.target.value)}
            />
          </div>
          <Honeypot id="signalement-site" value={honeypot} onChange={setHoneypot} />
          <button className="fr-btn" type="submit" disabled={sending}>
            {sending ? 'Envoi…' : 'Envoyer le signalement'}
          </button>
          <p role="status" className={answer && !answer.ok ? 'fr-error-text' : undefined}>
            {answer?.text}
          </p>
        </form>
      </details>
    </section>
  );
}
