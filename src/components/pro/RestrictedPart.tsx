/**
 * The restricted part of an actor, on its public page: fetched from the service for a signed-in
 * professional (same origin, credentials, never cached), otherwise an invitation to sign in. The page
 * itself stays static and public. Coming back with the browser's Back button asks the service again,
 * so that nothing stays on screen after signing out.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';

interface Contact {
  nom: string;
  fonction?: string;
  telephone?: string;
  courriel?: string;
}
interface Restricted {
  contacts?: Contact[];
  horaires_partenaires?: string;
  capacite?: string;
  besoins?: { benevoles?: string; logistique?: string; produits?: string };
}
interface SessionInfo {
  connecte: boolean;
  demo?: boolean;
  nom?: string;
  csrf?: string;
}
interface RestrictedAnswer {
  renseigne: boolean;
  masque?: boolean;
  aConfirmer?: boolean;
  confirmeLe?: string;
  donnees?: Restricted;
}

type State =
  | { kind: 'chargement' }
  | { kind: 'indisponible' }
  | { kind: 'anonyme'; demo: boolean }
  | { kind: 'pro'; session: SessionInfo; answer: RestrictedAnswer };

const NEEDS = { benevoles: 'Bénévoles', logistique: 'Logistique', produits: 'Produits' } as const;

async function getJson(url: string): Promise<{ status: number; body?: unknown }> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, ...(type.includes('json') ? { body: (await res.json()) as unknown } : {}) };
}

const age = (iso: string): string => new Date(iso).toLocaleDateString('fr-FR', { dateStyle: 'long' });

export default function RestrictedPart({ actorId }: { actorId: string }): ReactNode {
  const [state, setState] = useState<State>({ kind: 'chargement' });

  const load = useCallback(async () => {
    try {
      const session = (await getJson('/api/pro/session')) as { status: number; body?: SessionInfo };
      const next = await (async (): Promise<State> => {
        if (session.status !== 200 || !session.body) return { kind: 'indisponible' };
        const demo = session.body.demo === true;
        if (!session.body.connecte) return { kind: 'anonyme', demo };
        const answer = (await getJson(`/api/acteurs/${encodeURIComponent(actorId)}/restreint`)) as {
          status: number;
          body?: RestrictedAnswer;
        };
        if (answer.status === 401) return { kind: 'anonyme', demo };
        if (answer.status !== 200 || !answer.body) return { kind: 'indisponible' };
        return { kind: 'pro', session: session.body, answer: answer.body };
      })();
      setState(next);
    } catch {
      setState({ kind: 'indisponible' });
    }
  }, [actorId]);

  useEffect(() => {
    void load();
    // Back/forward cache: the page may come back as it was left; forget what was shown and ask again.
    const onShow = (e: PageTransitionEvent): void => {
      if (e.persisted) {
        setState({ kind: 'chargement' });
        void load();
      }
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [load]);

  const signOut = async (csrf: string | undefined): Promise<void> => {
    setState({ kind: 'chargement' });
    await fetch('/api/pro/deconnexion', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf ?? '' },
    }).catch(() => undefined);
    await load();
  };

  const here = typeof window === 'undefined' ? '/' : window.location.pathname;
  return (
    <section aria-labelledby="reserve-titre" aria-live="polite" style={{ minHeight: '8rem' }} className="fr-mt-4w">
      <h2 id="reserve-titre">Informations réservées aux professionnels</h2>
      {state.kind === 'chargement' && <p>Chargement…</p>}
      {state.kind === 'indisponible' && (
        <p>Les informations réservées aux professionnels ne sont pas disponibles sur cette copie du portail.</p>
      )}
      {state.kind === 'anonyme' && (
        <p>
          Contacts directs, horaires pour les partenaires, capacités et besoins : réservé aux professionnels —{' '}
          <a href={`/api/pro/connexion?retour=${encodeURIComponent(here)}`}>se connecter</a>
          {state.demo ? ' (fournisseur d’identité de démonstration).' : ' avec ProConnect.'}
        </p>
      )}
      {state.kind === 'pro' && (
        <>
          <p>
            Connecté en tant que {state.session.nom}.{' '}
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              onClick={() => void signOut(state.session.csrf)}
            >
              Se déconnecter
            </button>
          </p>
          {!state.answer.renseigne && <p>Cette structure n’a pas encore renseigné ses informations réservées.</p>}
          {state.answer.renseigne && state.answer.masque && (
            <p>Informations masquées : non confirmées depuis le {age(state.answer.confirmeLe ?? '')}, plus d’un an.</p>
          )}
          {state.answer.donnees && <RestrictedView data={state.answer.donnees} />}
          {state.answer.confirmeLe && !state.answer.masque && (
            <p>
              Confirmées le <time dateTime={state.answer.confirmeLe}>{age(state.answer.confirmeLe)}</time>
              {state.answer.aConfirmer ? ' — à confirmer par la structure (plus de six mois).' : '.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function RestrictedView({ data }: { data: Restricted }): ReactNode {
  return (
    <dl>
      {data.contacts && data.contacts.length > 0 && (
        <>
          <dt>Contacts</dt>
          {data.contacts.map((c, i) => (
            <dd key={i}>
              {c.nom}
              {c.fonction ? ` (${c.fonction})` : ''}
              {c.telephone && (
                <>
                  {' — '}
                  <a href={`tel:${c.telephone.replace(/[^0-9+]/g, '')}`}>{c.telephone}</a>
                </>
              )}
              {c.courriel && (
                <>
                  {' — '}
                  <a href={`mailto:${c.courriel}`}>{c.courriel}</a>
                </>
              )}
            </dd>
          ))}
        </>
      )}
      {data.horaires_partenaires && (
        <>
          <dt>Horaires pour les partenaires</dt>
          <dd>{data.horaires_partenaires}</dd>
        </>
      )}
      {data.capacite && (
        <>
          <dt>Capacité</dt>
          <dd>{data.capacite}</dd>
        </>
      )}
      {data.besoins &&
        (Object.keys(NEEDS) as (keyof typeof NEEDS)[])
          .filter((k) => data.besoins?.[k])
          .map((k) => (
            <div key={k}>
              <dt>Besoins : {NEEDS[k].toLowerCase()}</dt>
              <dd>{data.besoins?.[k]}</dd>
            </div>
          ))}
    </dl>
  );
}
