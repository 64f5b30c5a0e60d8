/**
 * The `/alertes` page: subscribe to e-mail alerts on criteria (pre-filled from a catalog's filters
 * by « M'alerter pour cette recherche »), and, from the signed link of any message, see, change or
 * delete the alert. Everything goes through the service's `/api/alertes`.
 */
import { useEffect, useState, type SyntheticEvent, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { usePluginData } from '@docusaurus/useGlobalData';
import { allCollections } from '../../content/collections.js';
import { PLUGIN_NAME, type EssaimGlobalData } from '../../plugins/content/shared/model.js';
import { detectService, proofOfWork, type ServiceInfo } from '../form/service.js';

interface Criteria {
  territoires: string[];
  maillons: string[];
  contenus: string[];
}

const CONTENTS: [string, string][] = [
  ['appels', 'Appels à projets qui ferment bientôt'],
  ...allCollections().map((c): [string, string] => [c.name, c.label]),
];

const STATES: Record<string, string> = {
  confirmee: 'Votre alerte est confirmée : vous recevrez les nouveautés qui correspondent à vos critères.',
  desabonnement: 'Pour vous désabonner, supprimez l’alerte avec le bouton ci-dessous.',
  'lien-invalide':
    'Ce lien n’est pas valide, ou l’alerte a déjà été supprimée. Vous pouvez créer une nouvelle alerte ci-dessous.',
};

/** Criteria from the page's address (`?territoires=dep-34&maillons=distribution&contenus=practices`). */
export function criteriaFromSearch(search: string): Criteria {
  const p = new URLSearchParams(search);
  const list = (key: string): string[] =>
    p
      .getAll(key)
      .flatMap((v) => v.split(','))
      .filter(Boolean);
  return { territoires: list('territoires').slice(0, 1), maillons: list('maillons'), contenus: list('contenus') };
}

interface Answer {
  message?: string;
  erreur?: string;
  courriel?: string;
  criteres?: Criteria;
  suspendue?: boolean;
}

async function call(url: string, body?: unknown): Promise<{ ok: boolean; data: Answer }> {
  const r = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  const data = (await r.json().catch(() => ({}))) as Answer;
  return { ok: r.ok, data };
}

export default function AlertsPage(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const global = usePluginData(PLUGIN_NAME) as EssaimGlobalData;
  const territories = global.vocabularies.territoire ?? {};
  const maillons = global.vocabularies.maillon ?? {};
  const [service, setService] = useState<ServiceInfo | undefined | 'detection'>('detection');
  const [token, setToken] = useState('');
  const [notice, setNotice] = useState('');
  const [email, setEmail] = useState('');
  const [criteria, setCriteria] = useState<Criteria>({ territoires: [], maillons: [], contenus: [] });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [suspended, setSuspended] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const jeton = params.get('jeton') ?? '';
    setToken(jeton);
    setNotice(STATES[params.get('etat') ?? ''] ?? '');
    setCriteria(criteriaFromSearch(window.location.search));
    void detectService(siteConfig.customFields?.submissionServiceUrl).then(async (s) => {
      setService(s);
      if (!s || !jeton) return;
      const r = await call(`${s.base}/api/alertes/abonnement?jeton=${encodeURIComponent(jeton)}`);
      if (!r.ok) {
        setToken('');
        setError(r.data.erreur ?? 'Alerte introuvable.');
        return;
      }
      setEmail(r.data.courriel ?? '');
      setSuspended(r.data.suspendue === true);
      if (r.data.criteres) setCriteria(r.data.criteres);
    });
  }, [siteConfig.customFields?.submissionServiceUrl]);

  const toggle = (key: 'maillons' | 'contenus', value: string, on: boolean): void =>
    setCriteria((c) => ({ ...c, [key]: on ? [...c[key], value] : c[key].filter((v) => v !== value) }));

  const onSubmit = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    if (!service || service === 'detection') return;
    setSending(true);
    setMessage('');
    setError('');
    try {
      const r = token
        ? await call(`${service.base}/api/alertes/abonnement?jeton=${encodeURIComponent(token)}`, {
            criteres: criteria,
          })
        : await call(`${service.base}/api/alertes`, {
            courriel: email,
            criteres: criteria,
            ...(service.proofOfWork ? { altcha: await proofOfWork(service) } : {}),
          });
      if (r.ok) setMessage(r.data.message ?? '');
      else setError(r.data.erreur ?? 'La demande a été refusée.');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Le service d’alertes ne répond pas ; réessayez plus tard.');
    } finally {
      setSending(false);
    }
  };

  const onResume = async (): Promise<void> => {
    if (!service || service === 'detection') return;
    const r = await call(`${service.base}/api/alertes/reprise?jeton=${encodeURIComponent(token)}`, {});
    if (r.ok) {
      setSuspended(false);
      setMessage(r.data.message ?? '');
    } else setError(r.data.erreur ?? 'La reprise des envois a échoué.');
  };

  const onDelete = async (): Promise<void> => {
    if (!service || service === 'detection') return;
    const r = await call(`${service.base}/api/alertes/suppression?jeton=${encodeURIComponent(token)}`, {});
    if (r.ok) {
      setDeleted(true);
      setMessage(r.data.message ?? 'Alerte supprimée.');
    } else setError(r.data.erreur ?? 'La suppression a échoué.');
  };

  return (
    <Layout title="Alertes par courriel" description="Recevoir par courriel les nouveautés qui vous concernent.">
      <main className="fr-container essaim-page" id="contenu">
        <h1>Alertes par courriel</h1>
        <p>
          Recevez chaque semaine, par courriel, les nouveautés du portail qui correspondent à vos critères : territoire,
          maillons, types de contenus, appels à projets qui ferment bientôt. Rien n’est envoyé les semaines sans
          nouveauté. Votre adresse est la seule donnée gardée ; elle est effacée avec l’alerte, d’un clic, depuis
          n’importe quel message.
        </p>
        {notice && <p className="alert alert--info">{notice}</p>}
        {service === undefined && (
          <p className="alert alert--warning">
            Le service d’alertes n’est pas joignable depuis cette page : réessayez plus tard.
          </p>
        )}
        {!deleted && (
          <form onSubmit={(e) => void onSubmit(e)} aria-label="Critères de l’alerte">
            {token ? (
              <>
                <p>
                  Alerte de <strong>{email}</strong>.
                </p>
                {suspended && (
                  <div className="alert alert--warning" role="status">
                    <p>
                      Les envois vers cette adresse sont <strong>suspendus</strong> : votre messagerie a refusé
                      plusieurs de nos messages (boîte pleine, adresse fermée ou refus du serveur). Vérifiez votre
                      boîte, puis reprenez les envois.
                    </p>
                    <button type="button" className="button button--secondary" onClick={() => void onResume()}>
                      Reprendre les envois
                    </button>
                  </div>
                )}
              </>
            ) : (
              <p>
                <label htmlFor="alerte-courriel">Adresse électronique</label>
                <br />
                <input
                  id="alerte-courriel"
                  type="email"
                  required
                  autoComplete="email"
                  maxLength={254}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </p>
            )}
            <p>
              <label htmlFor="alerte-territoire">Territoire</label>
              <br />
              <select
                id="alerte-territoire"
                value={criteria.territoires[0] ?? ''}
                onChange={(e) => setCriteria((c) => ({ ...c, territoires: e.target.value ? [e.target.value] : [] }))}
              >
                <option value="">Tous les territoires</option>
                {Object.entries(territories).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </p>
            <fieldset>
              <legend>Maillons (aucun coché : tous)</legend>
              {Object.entries(maillons).map(([code, label]) => (
                <label key={code} style={{ display: 'block' }}>
                  <input
                    type="checkbox"
                    checked={criteria.maillons.includes(code)}
                    onChange={(e) => toggle('maillons', code, e.target.checked)}
                  />{' '}
                  {label}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Contenus (aucun coché : tous)</legend>
              {CONTENTS.map(([code, label]) => (
                <label key={code} style={{ display: 'block' }}>
                  <input
                    type="checkbox"
                    checked={criteria.contenus.includes(code)}
                    onChange={(e) => toggle('contenus', code, e.target.checked)}
                  />{' '}
                  {label}
                </label>
              ))}
            </fieldset>
            <p>
              <button type="submit" className="button button--primary" disabled={sending || !service}>
                {token ? 'Enregistrer les critères' : 'Créer l’alerte'}
              </button>{' '}
              {token && (
                <button type="button" className="button button--secondary" onClick={() => void onDelete()}>
                  Supprimer l’alerte
                </button>
              )}
            </p>
          </form>
        )}
        <div role="status" aria-live="polite">
          {message && <p className="alert alert--success">{message}</p>}
        </div>
        <div role="alert">{error && <p className="alert alert--danger">{error}</p>}</div>
      </main>
    </Layout>
  );
}
