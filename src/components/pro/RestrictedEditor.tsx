/**
 * The form with which a manager of a structure (or a moderator) changes its restricted part, on the
 * actor's page. Sent to the service with the session's CSRF token; the service checks everything
 * again (RESTRICTED_SCHEMA in src/server/pro/routes.ts) and its French error is shown with the form.
 */
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';

export interface Contact {
  nom: string;
  fonction?: string;
  telephone?: string;
  courriel?: string;
}
export interface Restricted {
  contacts?: Contact[];
  horaires_partenaires?: string;
  capacite?: string;
  besoins?: { benevoles?: string; logistique?: string; produits?: string };
}

export const NEEDS = { benevoles: 'Bénévoles', logistique: 'Logistique', produits: 'Produits' } as const;
type Need = keyof typeof NEEDS;
const MAX_CONTACTS = 10;

interface Draft {
  contacts: Required<Contact>[];
  horaires_partenaires: string;
  capacite: string;
  besoins: Record<Need, string>;
}

const emptyContact = (): Required<Contact> => ({ nom: '', fonction: '', telephone: '', courriel: '' });

function draftOf(data: Restricted | undefined): Draft {
  const contacts = (data?.contacts ?? []).map((c) => ({ ...emptyContact(), ...c }));
  return {
    contacts: contacts.length ? contacts : [emptyContact()],
    horaires_partenaires: data?.horaires_partenaires ?? '',
    capacite: data?.capacite ?? '',
    besoins: {
      benevoles: data?.besoins?.benevoles ?? '',
      logistique: data?.besoins?.logistique ?? '',
      produits: data?.besoins?.produits ?? '',
    },
  };
}

/** What is sent: empty fields left out, empty contact rows dropped. */
function payloadOf(draft: Draft): Restricted {
  const filled = <T extends Record<string, string>>(o: T): Partial<T> =>
    Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : []))) as Partial<T>;
  const contacts = draft.contacts.map((c) => filled(c)).filter((c) => Object.keys(c).length > 0) as Contact[];
  const besoins = filled(draft.besoins);
  const rest = filled({ horaires_partenaires: draft.horaires_partenaires, capacite: draft.capacite });
  return {
    ...(contacts.length ? { contacts } : {}),
    ...rest,
    ...(Object.keys(besoins).length ? { besoins } : {}),
  };
}

export default function RestrictedEditor({
  actorId,
  csrf,
  data,
  onSaved,
  onCancel,
}: {
  actorId: string;
  csrf: string;
  data: Restricted | undefined;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}): ReactNode {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(data));
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const setContact = (i: number, key: keyof Contact, value: string): void =>
    setDraft((d) => ({ ...d, contacts: d.contacts.map((c, j) => (j === i ? { ...c, [key]: value } : c)) }));

  const submit = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/acteurs/${encodeURIComponent(actorId)}/restreint`, {
        method: 'PUT',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(payloadOf(draft)),
      });
      if (res.ok) {
        await onSaved();
        return;
      }
      // The service names the field and what it takes (restrictedFieldError in src/server/pro/routes.ts).
      const body = (await res.json().catch(() => ({}))) as { erreur?: string };
      setError(body.erreur ?? 'Enregistrement impossible : réessayez dans un moment.');
    } catch {
      setError('Le service ne répond pas : vos modifications ne sont pas enregistrées, réessayez dans un moment.');
    } finally {
      setSending(false);
    }
  };

  const input = (
    key: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: {
      type?: string;
      maxLength: number;
      pattern?: string;
      hint?: string;
      multiline?: boolean;
      required?: boolean;
    },
  ): ReactNode => (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={`${id}-${key}`}>
        {label}
        {extra.hint && <span className="fr-hint-text">{extra.hint}</span>}
      </label>
      {extra.multiline ? (
        <textarea
          className="fr-input"
          id={`${id}-${key}`}
          value={value}
          maxLength={extra.maxLength}
          rows={2}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className="fr-input"
          id={`${id}-${key}`}
          type={extra.type ?? 'text'}
          value={value}
          maxLength={extra.maxLength}
          required={extra.required === true}
          {...(extra.pattern ? { pattern: extra.pattern } : {})}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`}>Modifier les informations réservées</h3>
      <p>Seuls les professionnels connectés les voient. Enregistrer vaut aussi confirmation qu’elles sont à jour.</p>
      {draft.contacts.map((c, i) => (
        <fieldset key={i} className="fr-fieldset">
          <legend className="fr-fieldset__legend">Contact {i + 1}</legend>
          {input(`nom-${i}`, 'Nom', c.nom, (v) => setContact(i, 'nom', v), {
            maxLength: 120,
            pattern: '.{2,}',
            hint: 'Deux caractères au moins ; obligatoire pour chaque contact',
            required: Boolean(c.fonction || c.telephone || c.courriel),
          })}
          {input(`fonction-${i}`, 'Fonction', c.fonction, (v) => setContact(i, 'fonction', v), { maxLength: 120 })}
          {input(`telephone-${i}`, 'Téléphone', c.telephone, (v) => setContact(i, 'telephone', v), {
            type: 'tel',
            maxLength: 30,
            pattern: '[0-9 +().\\-]*',
            hint: 'Chiffres, espaces et + ( ) . - seulement',
          })}
          {input(`courriel-${i}`, 'Courriel', c.courriel, (v) => setContact(i, 'courriel', v), {
            type: 'email',
            maxLength: 254,
          })}
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                contacts: d.contacts.length > 1 ? d.contacts.filter((_, j) => j !== i) : [emptyContact()],
              }))
            }
          >
            Retirer le contact {i + 1}
          </button>
        </fieldset>
      ))}
      {draft.contacts.length < MAX_CONTACTS && (
        <p>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary"
            onClick={() => setDraft((d) => ({ ...d, contacts: [...d.contacts, emptyContact()] }))}
          >
            Ajouter un contact
          </button>
        </p>
      )}
      {input(
        'horaires',
        'Horaires pour les partenaires',
        draft.horaires_partenaires,
        (v) => setDraft((d) => ({ ...d, horaires_partenaires: v })),
        { maxLength: 500, multiline: true },
      )}
      {input('capacite', 'Capacité', draft.capacite, (v) => setDraft((d) => ({ ...d, capacite: v })), {
        maxLength: 300,
        multiline: true,
      })}
      {(Object.keys(NEEDS) as Need[]).map((k) => (
        <div key={k}>
          {input(
            `besoins-${k}`,
            `Besoins : ${NEEDS[k].toLowerCase()}`,
            draft.besoins[k],
            (v) => setDraft((d) => ({ ...d, besoins: { ...d.besoins, [k]: v } })),
            { maxLength: 500, multiline: true },
          )}
        </div>
      ))}
      {error && (
        <p role="alert" className="fr-error-text">
          {error}
        </p>
      )}
      <p>
        <button type="submit" className="fr-btn" disabled={sending}>
          Enregistrer
        </button>{' '}
        <button type="button" className="fr-btn fr-btn--tertiary" onClick={onCancel}>
          Annuler
        </button>
      </p>
    </form>
  );
}
