/**
 * The restricted part of an actor, on its public page: fetched from the service for a signed-in
 * professional (same origin, credentials, never cached), otherwise an invitation to sign in. The page
 * itself stays static and public. Coming back with the browser's Back button asks the service again,
 * so that nothing stays on screen after signing out.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import RestrictedEditor, { NEEDS, type Restricted } from './RestrictedEditor.js';

interface SessionInfo {
  connecte: boolean;
  demo?: boolean;
  nom?: string;
  csrf?: string;
  roles?: string[];
}
interface RestrictedAnswer {
  renseigne: boolean;
  modifiable?: boolean;
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

async function getJson(url: string): Promise<{ status: number; body?: unknown }> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, ...(type.includes('json') ? { body: (await res.json()) as unknown } : {}) };
}

const day = (iso: string): string => new Date(iso).toLocaleDateString('fr-FR', { dateStyle: 'long' });

/** How long ago `iso` was, in words: readers judge how far to trust the data. */
function age(iso: string): string {
  const days = Math.floor((Date.now() - new Date(iso).getTime()) / (24 * 3600 * 1000));
  if (days < 1) return 'aujourd’hui';
  if (days < 31) return `il y a ${days} jour${days > 1 ? 's' : ''}`;
  const months = Math.floor(days / 30.44);
  return months < 12 ? `il y a ${months} mois` : 'il y a plus d’un an';
}

export default function RestrictedPart({ actorId }: { actorId: string }): ReactNode {
  const [state, setState] = useState<State>({ kind: 'chargement' });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // After saving or confirming, the form or button is gone: the message takes the focus.
  useEffect(() => noticeRef.current?.focus(), [notice]);

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
        setEditing(false);
        setNotice(undefined);
        void load();
      }
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [load]);

  const signOut = async (csrf: string | undefined): Promise<void> => {
    setState({ kind: 'chargement' });
    setEditing(false);
    setNotice(undefined);
    await fetch('/api/pro/deconnexion', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf ?? '' },
    }).catch(() => undefined);
    await load();
  };

  const act = async (url: string, csrf: string | undefined, done: string, body?: object): Promise<void> => {
    setNotice(undefined);
    try {
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'x-csrf-token': csrf ?? '', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const answer = (await res.json().catch(() => ({}))) as { erreur?: string };
      // The message comes with what it is about: after the data is read again.
      await load();
      setNotice(res.ok ? done : (answer.erreur ?? 'Action impossible : réessayez dans un moment.'));
    } catch {
      setNotice('Le service ne répond pas : réessayez dans un moment.');
    }
  };

  const here = typeof window === 'undefined' ? '/' : window.location.pathname;
  const canEdit = state.kind === 'pro' && state.answer.modifiable === true;
  return (
    <section aria-labelledby="reserve-titre" style={{ minHeight: '8rem' }} className="fr-mt-4w">
      <h2 id="reserve-titre">Informations réservées aux professionnels</h2>
      <div aria-live="polite">
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
            {state.answer.renseigne && state.answer.masque && state.answer.confirmeLe && (
              <p>
                Informations masquées : non confirmées depuis le {day(state.answer.confirmeLe)} (
                {age(state.answer.confirmeLe)}).
              </p>
            )}
            {state.answer.donnees && <RestrictedView data={state.answer.donnees} />}
            {state.answer.confirmeLe && !state.answer.masque && (
              <p>
                Confirmées le <time dateTime={state.answer.confirmeLe}>{day(state.answer.confirmeLe)}</time> (
                {age(state.answer.confirmeLe)})
                {state.answer.aConfirmer ? ' — à confirmer par la structure (plus de six mois).' : '.'}
              </p>
            )}
          </>
        )}
        {notice && (
          <p ref={noticeRef} tabIndex={-1}>
            {notice}
          </p>
        )}
      </div>
      {state.kind === 'pro' && canEdit && !editing && (
        <p>
          <button type="button" className="fr-btn fr-btn--sm" onClick={() => setEditing(true)}>
            Modifier ces informations
          </button>{' '}
          {state.answer.renseigne && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary"
              onClick={() =>
                void act(
                  `/api/acteurs/${encodeURIComponent(actorId)}/confirmation`,
                  state.session.csrf,
                  'Informations confirmées : elles restent à jour pour six mois.',
                )
              }
            >
              Confirmer qu’elles sont à jour
            </button>
          )}
        </p>
      )}
      {state.kind === 'pro' && state.session.roles?.includes('moderateur') && !editing && (
        <LinkManager
          onLink={(courriel) =>
            act(
              `/api/acteurs/${encodeURIComponent(actorId)}/gestionnaires`,
              state.session.csrf,
              `${courriel} gère désormais cette structure.`,
              { courriel },
            )
          }
        />
      )}
      {state.kind === 'pro' && canEdit && editing && (
        <RestrictedEditor
          actorId={actorId}
          csrf={state.session.csrf ?? ''}
          data={state.answer.donnees}
          onCancel={() => setEditing(false)}
          onSaved={async () => {
            await load();
            setEditing(false);
            setNotice('Informations enregistrées.');
          }}
        />
      )}
    </section>
  );
}

/** For moderators: links the account of a person (by the e-mail of their sign-in) to this structure. */
function LinkManager({ onLink }: { onLink: (courriel: string) => Promise<void> }): ReactNode {
  const id = useId();
  const [courriel, setCourriel] = useState('');
  return (
    <form
      aria-labelledby={`${id}-titre`}
      onSubmit={(e) => {
        e.preventDefault();
        void onLink(courriel.trim()).then(() => setCourriel(''));
      }}
    >
      <h3 id={`${id}-titre`}>Relier un gestionnaire à cette structure</h3>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-courriel`}>
          Courriel du compte professionnel
          <span className="fr-hint-text">La personne doit s’être connectée une première fois.</span>
        </label>
        <input
          className="fr-input"
          id={`${id}-courriel`}
          type="email"
          required
          maxLength={254}
          value={courriel}
          onChange={(e) => setCourriel(e.target.value)}
        />
      </div>
      <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
        Relier ce gestionnaire
      </button>
    </form>
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
