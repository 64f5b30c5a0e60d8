/**
 * « Proposer une ressource »: choose a collection, fill the form generated from its JSON Schema in
 * steps (the DSFR stepper, each step checked by the same validator before the next, a review of the
 * entry as it will look), send it to the submission service — or, on a purely static site,
 * download the entry file and open GitHub's "new file" page. The draft is kept in the browser.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import Form from '@rjsf/core';
import { errorId, type ErrorSchema, type FieldErrorProps, type RJSFValidationError } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useHistory } from '@docusaurus/router';
import { allCollections, collections, type Collection, type CollectionName } from '../../content/collections.js';
import { bodyTemplates } from '../../content/templates.js';
import { PLACEHOLDER } from '../../content/rules/a-completer.js';
import { entryPath, serializeWithSchema, slugify } from '../../content/canonical.js';
import { errorSchemaOf, frenchErrors, translateString, uiSchemaFor } from './form-ui.js';
import '@gouvfr/dsfr/dist/component/stepper/stepper.min.css';
import './form.css';
import { deleteDraft, draftKey, readDraft, writeDraft } from './draft.js';
import { Honeypot } from './Honeypot.js';
import MarkdownField from './MarkdownField.js';
import Review from './Review.js';
import { collectionDescription, formSchemaOf, fullSchema } from './schemas.js';
import { fetchEntry, proofOfWork, sendSubmission, type Problem, type ServiceInfo } from './service.js';
import { formSteps, stepOfField } from './steps.js';
import TerritoryWidget, { type FormContext } from './TerritoryWidget.js';

type Data = Record<string, unknown>;
interface Contact {
  nom: string;
  courriel: string;
  credit: boolean;
  /** Agrees to an e-mail when the proposal is accepted or closed. */
  suivi: boolean;
}
/** An existing entry being edited: its id, the blob it was read from, its title. */
interface Edit {
  id: string;
  sha: string;
  titre: string;
}
interface SummaryItem {
  id: string;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const widgets = { territoires: TerritoryWidget };

/** Which fields show their errors: those already touched, and all of them once the form was sent. */
const ShownErrors = createContext<(id: string) => boolean>(() => true);

function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps): ReactElement | null {
  const shown = useContext(ShownErrors);
  const list = errors.filter(Boolean);
  if (list.length === 0 || !shown(fieldPathId.$id)) return null;
  return (
    <ul id={errorId(fieldPathId)} className="error-detail">
      {list.map((e, i) => (
        <li key={i} className="text-danger">
          {e}
        </li>
      ))}
    </ul>
  );
}
const templates = { FieldErrorTemplate };

/** rjsf's id of the field an input belongs to (`root_maillons-3` → `root_maillons`). */
function touchedId(id: string): string {
  return id.replace(/-\d+$/, '').replace(/-(national|(reg|dep|com|epci)-\w+)$/, '');
}

/** The body template of the collection, without the « À COMPLÉTER » hints (headings only). */
function startingText(c: Collection): string {
  const t = bodyTemplates[c.name];
  if (!t) return '';
  return t
    .split('\n')
    .filter((l) => !l.startsWith(PLACEHOLDER))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function skipPopulate(_validator: unknown, s: { items?: unknown }): boolean {
  return typeof s.items === 'object' && s.items !== null && 'anyOf' in s.items;
}

function topField(property: string | undefined): string {
  return (property ?? '').replace(/^\./, '').split('.')[0] ?? '';
}

/** The id of the entry being edited, from the address (`?modifier=funders/ademe`), before it is loaded. */
function editIdOf(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  return new URLSearchParams(window.location.search).get('modifier')?.split('/')[1] || undefined;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** rjsf's id of a field from a property path (`.porteur.nom` → `root_porteur_nom`). */
function fieldId(property: string): string {
  return `root${(property.startsWith('.') || property === '' ? property : `.${property}`).replace(/\./g, '_')}`;
}

function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches('input, select, textarea, button')
    ? el
    : el.querySelector<HTMLElement>('input, select, textarea, button');
  (target ?? el).focus();
}

interface StaticResult {
  path: string;
  text: string;
  newFileUrl: string;
  downloadUrl: string;
}

/** `service`: the submission service the page found (src/pages/contribuer/proposer.tsx), undefined on a static site. */
export default function ProposalForm({ service }: { service: ServiceInfo | undefined }): ReactElement {
  const { siteConfig } = useDocusaurusContext();
  const history = useHistory();
  const repository = `${siteConfig.organizationName ?? 'essaim-portail'}/${siteConfig.projectName ?? 'essaim'}`;

  const [collectionName, setCollectionName] = useState<CollectionName | ''>('');
  const [formData, setFormData] = useState<Data>({});
  const [texte, setTexte] = useState('');
  const [contact, setContact] = useState<Contact>({ nom: '', courriel: '', credit: false, suivi: false });
  const [edit, setEdit] = useState<Edit | undefined>();
  const [motif, setMotif] = useState('');
  const [editError, setEditError] = useState('');
  const [honeypot, setHoneypot] = useState('');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [serverMessage, setServerMessage] = useState('');
  const [serverErrors, setServerErrors] = useState<Problem[]>([]);
  const [sending, setSending] = useState<'' | 'preuve' | 'envoi'>('');
  const [result, setResult] = useState<StaticResult | undefined>();
  const [step, setStep] = useState(0);
  /** Top-level fields whose errors are shown because their step was checked. */
  const [checked, setChecked] = useState<Set<string>>(new Set());
  /** The entry as loaded, for an edit (the review marks what changed; « Supprimer le brouillon » goes back to it). */
  const [original, setOriginal] = useState<{ donnees: Data; texte: string; sha: string } | undefined>();
  /** When the restored draft was saved; '' when none was restored. */
  const [restored, setRestored] = useState('');
  /** The person changed something: from then on the draft is saved. */
  const [dirty, setDirty] = useState(false);
  const renderedAt = useRef(Date.now());
  const summaryRef = useRef<HTMLDivElement>(null);
  const stepTitleRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<Form>(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const [editCollection = '', editId = ''] = (params.get('modifier') ?? '').split('/');
    void (async () => {
      if (!editId || !collections.has(editCollection as CollectionName)) return;
      if (!service) {
        setEditError('La modification d’une entrée demande le service de propositions, absent de ce site.');
        return;
      }
      const loaded = await fetchEntry(service.base, editCollection, editId);
      if ('erreur' in loaded) {
        setEditError(loaded.erreur);
        return;
      }
      choose(editCollection as CollectionName, editId);
      setOriginal({ donnees: loaded.donnees, texte: loaded.texte, sha: loaded.sha });
      const draft = readDraft(draftKey(editCollection, editId));
      setFormData(draft?.donnees ?? loaded.donnees);
      setTexte(draft?.texte ?? loaded.texte);
      const titre = loaded.donnees.titre;
      // A draft keeps the version it started from: the service merges from there.
      setEdit({ id: editId, sha: draft?.sha ?? loaded.sha, titre: typeof titre === 'string' ? titre : editId });
    })();
    const wanted = params.get('collection');
    if (wanted && collections.has(wanted as CollectionName)) choose(wanted as CollectionName);
    // Once, on mount: the query string and the service do not change while the page is open.
  }, []);

  const collection = collectionName ? collections.get(collectionName) : undefined;
  const schema = useMemo(() => (collection ? formSchemaOf(collection) : undefined), [collection]);
  const withContact = service !== undefined;
  const steps = useMemo(() => (schema ? formSteps(schema, { withContact }) : []), [schema, withContact]);
  const current = steps[Math.min(step, steps.length - 1)];
  const last = step >= steps.length - 1;
  // The fields of the other steps stay in the form (one validator for all) but are not displayed.
  const uiSchema = useMemo(() => {
    if (!schema) return undefined;
    const ui = uiSchemaFor(schema);
    for (const field of Object.keys(schema.properties ?? {}))
      if (!current?.champs.includes(field))
        ui[field] = { ...(ui[field] as object), 'ui:classNames': 'essaim-etape-cachee' };
    return ui;
  }, [schema, current]);
  const formContext = useMemo<FormContext>(() => (service ? { serviceBase: service.base } : {}), [service]);
  const shown = useMemo(
    () => (id: string) =>
      submitted ||
      [...checked].some((f) => id === `root_${f}` || id.startsWith(`root_${f}_`)) ||
      [...touched].some((t) => t === id || t.startsWith(`${id}_`)),
    [submitted, touched, checked],
  );
  const key = collectionName ? draftKey(collectionName, edit?.id ?? editIdOf()) : '';

  // The draft follows every change the person makes.
  useEffect(() => {
    if (!dirty || !key) return;
    writeDraft(key, {
      donnees: formData,
      texte,
      motif,
      etape: step,
      ...(edit ? { sha: edit.sha } : {}),
      enregistre: new Date().toISOString(),
    });
  }, [dirty, key, formData, texte, motif, step, edit]);
  const transformErrors = useMemo(() => (schema ? frenchErrors(schema, () => true) : undefined), [schema]);
  const extraErrors = useMemo<ErrorSchema | undefined>(() => {
    const fields = serverErrors.filter((p) => p.champ && p.champ !== 'texte' && !p.champ.startsWith('contact'));
    return fields.length ? errorSchemaOf(fields) : undefined;
  }, [serverErrors]);

  /** Chooses a collection (with its draft, if any), or the collection of an edited entry. */
  function choose(name: CollectionName, editedId?: string): void {
    const c = collections.get(name)!;
    const draft = readDraft(draftKey(name, editedId));
    setCollectionName(name);
    setFormData(draft?.donnees ?? {});
    setTexte(draft?.texte ?? startingText(c));
    setMotif(draft?.motif ?? '');
    setStep(draft?.etape ?? 0);
    setRestored(draft?.enregistre ?? '');
    setDirty(false);
    setChecked(new Set());
    setTouched(new Set());
    setSubmitted(false);
    setSummary([]);
    setServerErrors([]);
    setServerMessage('');
    setResult(undefined);
    renderedAt.current = Date.now();
  }

  function ownErrors(): SummaryItem[] {
    const out: SummaryItem[] = [];
    if (service) {
      if (contact.nom.trim() === '') out.push({ id: 'contact-nom', message: 'Indiquez votre nom.' });
      if (!EMAIL.test(contact.courriel.trim()))
        out.push({
          id: 'contact-courriel',
          message: 'Indiquez une adresse électronique valide (par exemple nom@exemple.fr).',
        });
    }
    return out;
  }

  function forgetDraft(): void {
    if (!collectionName) return;
    deleteDraft(key);
    choose(collectionName, edit?.id);
    if (original) {
      setFormData(original.donnees);
      setTexte(original.texte);
      setEdit((e) => e && { ...e, sha: original.sha });
    }
  }

  function goTo(i: number): void {
    setStep(i);
    setSummary([]);
    // Bring keyboard and screen-reader users to the new step's title.
    window.setTimeout(() => stepTitleRef.current?.focus(), 0);
  }

  /** The errors of one step, from the same validator as the whole form (the fields of other steps left out). */
  function stepErrors(i: number): SummaryItem[] {
    const s = steps[i];
    if (!s || !schema) return [];
    if (s.kind === 'contact') return ownErrors();
    const data = (formRef.current?.state.formData as Data | undefined) ?? formData;
    const { errors } = validator.validateFormData(data, schema as never);
    const inStep = (p: string): boolean => s.champs.includes(p.replace(/^\./, '').split('.')[0] ?? '');
    return frenchErrors(
      schema,
      inStep,
    )(errors)
      .sort((a, b) => s.champs.indexOf(topField(a.property)) - s.champs.indexOf(topField(b.property)))
      .map((e) => ({ id: fieldId(e.property ?? ''), message: e.message ?? '' }));
  }

  function next(): void {
    const items = stepErrors(step);
    if (current?.kind === 'champs') setChecked((c) => new Set([...c, ...current.champs]));
    if (current?.kind === 'contact') setSubmitted(true);
    if (items.length) {
      showSummary(items);
      return;
    }
    goTo(step + 1);
  }

  function showSummary(items: SummaryItem[]): void {
    setSummary(items);
    // Let React render the summary, then bring the person to it (announced as an alert) and to the first error.
    window.setTimeout(() => {
      summaryRef.current?.focus();
      if (items[0]) focusField(items[0].id);
    }, 0);
  }

  function onError(errors: RJSFValidationError[]): void {
    // Enter in a field of an earlier step: go on to the next step, as its button does.
    if (!last) {
      next();
      return;
    }
    setSubmitted(true);
    const fields = Object.keys(schema?.properties ?? {});
    const rank = (p: string): number => {
      const i = fields.indexOf(p.replace(/^\./, '').split('.')[0] ?? '');
      return i < 0 ? fields.length : i;
    };
    // In the order of the form, not in the validator's.
    const sorted = (schema ? frenchErrors(schema, () => true)(errors) : []).sort(
      (a, b) => rank(a.property ?? '') - rank(b.property ?? ''),
    );
    const items = [...sorted.map((e) => ({ id: fieldId(e.property ?? ''), message: e.message ?? '' })), ...ownErrors()];
    showOnTheirStep(items);
  }

  /** Errors found when sending: the person is brought to the step of the first one, with that step's errors. */
  function showOnTheirStep(items: SummaryItem[]): void {
    const stepOf = (id: string): number =>
      id === 'envoyer' ? step : stepOfField(steps, id.startsWith('root_') ? id.slice(5).replace(/_/g, '.') : id);
    const target = items.length ? stepOf(items[0]!.id) : step;
    if (target >= 0 && target !== step) setStep(target);
    showSummary(items.filter((e) => stepOf(e.id) === target || target < 0));
  }

  async function onSubmit(data: Data): Promise<void> {
    if (!last) {
      next();
      return;
    }
    setSubmitted(true);
    setServerErrors([]);
    setServerMessage('');
    const own = ownErrors();
    if (own.length) {
      showOnTheirStep(own);
      return;
    }
    setSummary([]);
    if (!collection) return;
    if (!service) {
      produceFile(collection, data);
      return;
    }
    try {
      let altcha: unknown;
      if (service.proofOfWork) {
        setSending('preuve');
        altcha = await proofOfWork(service);
      }
      setSending('envoi');
      const r = await sendSubmission(service, {
        collection: collection.name,
        donnees: data,
        ...(collection.format === 'md' ? { texte } : {}),
        contact: {
          nom: contact.nom.trim(),
          courriel: contact.courriel.trim(),
          credit: contact.credit,
          suivi: contact.suivi,
        },
        ...(edit ? { modification: { id: edit.id, sha: edit.sha, motif: motif.trim() } } : {}),
        rendu_a: renderedAt.current,
        site_web: honeypot,
        ...(altcha ? { altcha } : {}),
      });
      if (r.ok) {
        deleteDraft(key);
        history.push(r.suiviUrl);
        return;
      }
      setServerMessage(r.message);
      setServerErrors(r.problemes);
      showOnTheirStep(
        r.problemes.length
          ? r.problemes.map((p) => ({
              id:
                p.champ === 'texte'
                  ? 'texte'
                  : p.champ.startsWith('contact.')
                    ? `contact-${p.champ.slice(8)}`
                    : fieldId(p.champ ? `.${p.champ}` : ''),
              message: p.message,
            }))
          : [{ id: 'envoyer', message: r.message }],
      );
    } catch (error) {
      showSummary([{ id: 'envoyer', message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setSending('');
    }
  }

  function produceFile(c: Collection, data: Data): void {
    const id = slugify(typeof data.titre === 'string' ? data.titre : '') || 'proposition';
    const entry: Data = { ...data, id, date_maj: todayIso() };
    if (fullSchema(c).properties?.derniere_revue) entry.derniere_revue = todayIso();
    const path = entryPath(c, entry);
    const text = serializeWithSchema(c, fullSchema(c), path, entry, c.format === 'md' ? texte : '');
    const newFileUrl = `https://github.com/${repository}/new/main?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(text)}`;
    if (result) URL.revokeObjectURL(result.downloadUrl);
    setResult({
      path,
      text,
      newFileUrl,
      downloadUrl: URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })),
    });
  }

  const textErrors = serverErrors.filter((p) => p.champ === 'texte').map((p) => p.message);
  const contactError = (field: 'nom' | 'courriel'): string | undefined =>
    (submitted ? ownErrors().find((e) => e.id === `contact-${field}`)?.message : undefined) ??
    serverErrors.find((p) => p.champ === `contact.${field}`)?.message;

  return (
    <div className="essaim-formulaire">
      {service === undefined && (
        <div className="fr-callout">
          <p className="fr-callout__text">
            Ce site est publié sans service de propositions : le formulaire prépare le fichier de votre proposition, à
            télécharger pour l’envoyer à l’équipe ou à déposer sur GitHub.
          </p>
        </div>
      )}

      {editError && (
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{editError}</p>
        </div>
      )}
      {edit && (
        <div className="fr-callout">
          <p className="fr-callout__text">
            Vous proposez une modification de « {edit.titre} ». Changez ce que vous savez être faux ou dépassé ;
            l’équipe éditoriale verra exactement ce qui change.
          </p>
        </div>
      )}

      <div className="form-group" hidden={edit !== undefined}>
        <label htmlFor="collection" className="control-label">
          Que souhaitez-vous proposer ?<span className="required">*</span>
        </label>
        <select
          id="collection"
          className="form-control fr-select"
          value={collectionName}
          onChange={(e) => {
            if (!e.target.value) return;
            choose(e.target.value as CollectionName);
            // In the address too: after a reload, the form comes back with its draft.
            history.replace({ search: `?collection=${e.target.value}` });
          }}
        >
          <option value="">Choisissez un type de ressource…</option>
          {allCollections().map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
        </select>
      </div>

      {collection && schema && uiSchema && (
        <>
          <p className="essaim-formulaire__intro">{collectionDescription(collection)}</p>
          <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>

          <div className="essaim-brouillon">
            {restored ? (
              <div className="fr-notice fr-notice--info">
                <p>
                  Votre brouillon du {new Date(restored).toLocaleString('fr-FR')} a été restauré (il est gardé dans ce
                  navigateur, sans vos coordonnées).{' '}
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={forgetDraft}>
                    Supprimer le brouillon
                  </button>
                </p>
              </div>
            ) : (
              dirty && (
                <p className="essaim-brouillon__note">
                  Brouillon gardé dans ce navigateur (sans vos coordonnées).{' '}
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={forgetDraft}>
                    Supprimer le brouillon
                  </button>
                </p>
              )
            )}
          </div>

          {current && (
            <div className="fr-stepper essaim-etapes">
              <h2 className="fr-stepper__title" id="etape-titre" tabIndex={-1} ref={stepTitleRef}>
                {current.titre}
                <span className="fr-stepper__state">
                  Étape {step + 1} sur {steps.length}
                </span>
              </h2>
              <div className="fr-stepper__steps" data-fr-current-step={step + 1} data-fr-steps={steps.length} />
              {!last && (
                <p className="fr-stepper__details">
                  <span className="fr-text--bold">Étape suivante :</span> {steps[step + 1]?.titre}
                </p>
              )}
            </div>
          )}

          <div
            ref={summaryRef}
            tabIndex={-1}
            role="alert"
            aria-labelledby={summary.length ? 'resume-erreurs' : undefined}
            className={summary.length ? 'essaim-erreurs fr-alert fr-alert--error' : 'essaim-erreurs--vide'}
          >
            {summary.length > 0 && (
              <>
                <h2 id="resume-erreurs" className="fr-alert__title">
                  {serverMessage ||
                    (summary.length === 1
                      ? 'Le formulaire contient une erreur'
                      : `Le formulaire contient ${summary.length} erreurs`)}
                </h2>
                <ul>
                  {summary.map((e, i) => (
                    <li key={`${e.id}-${i}`}>
                      <a
                        href={`#${e.id}`}
                        onClick={(ev) => {
                          ev.preventDefault();
                          focusField(e.id);
                        }}
                      >
                        {e.message}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>

          <ShownErrors.Provider value={shown}>
            <Form
              key={collection.name}
              ref={formRef}
              schema={schema as never}
              uiSchema={uiSchema}
              validator={validator}
              formData={formData}
              formContext={formContext}
              widgets={widgets}
              templates={templates}
              // An optional list with `minItems` (sources…) starts empty, not with one blank item to fill.
              // The territories (a vocabulary, or communes found by the search) start empty too.
              // An edited entry gets no defaults either: the file changes only where the person changed it.
              experimental_defaultFormStateBehavior={{
                arrayMinItems: { populate: 'requiredOnly', computeSkipPopulate: skipPopulate },
                ...(edit ? { emptyObjectFields: 'skipDefaults' as const } : {}),
              }}
              onChange={(e, id) => {
                setFormData(e.formData as Data);
                if (id) {
                  setDirty(true);
                  setTouched((t) => (t.has(touchedId(id)) ? t : new Set(t).add(touchedId(id))));
                }
              }}
              onBlur={(id) => setTouched((t) => (t.has(touchedId(id)) ? t : new Set(t).add(touchedId(id))))}
              onSubmit={(e) => void onSubmit(e.formData as Data)}
              onError={onError}
              liveValidate="onChange"
              showErrorList={false}
              noHtml5Validate
              transformErrors={transformErrors}
              extraErrors={extraErrors}
              translateString={translateString}
              omitExtraData
              liveOmit="onChange"
            >
              {collection.format === 'md' && current?.texte && (
                <MarkdownField
                  id="texte"
                  label="Texte"
                  help="Le texte de la ressource, en Markdown simple : ## pour un intertitre, - pour une liste, [texte](https://…) pour un lien. Pas de HTML."
                  value={texte}
                  onChange={(t) => {
                    setTexte(t);
                    setDirty(true);
                  }}
                  errors={textErrors}
                />
              )}

              {edit && current?.texte && (
                <div className="form-group">
                  <label htmlFor="motif" className="control-label">
                    Pourquoi cette modification ? (source, constat…)
                  </label>
                  <textarea
                    id="motif"
                    className="form-control fr-input"
                    maxLength={2000}
                    rows={3}
                    value={motif}
                    onChange={(e) => {
                      setMotif(e.target.value);
                      setDirty(true);
                    }}
                  />
                </div>
              )}

              {service && current?.kind === 'contact' && (
                <fieldset className="essaim-contact">
                  <legend>Vos coordonnées</legend>
                  <p id="contact-aide">
                    Pour que l’équipe éditoriale puisse vous répondre. Elles ne sont jamais publiées ni enregistrées
                    dans le dépôt ; seul votre nom peut apparaître dans la proposition, si vous le souhaitez.
                  </p>
                  <div className={`form-group${contactError('nom') ? ' has-error' : ''}`}>
                    <label htmlFor="contact-nom" className="control-label">
                      Votre nom<span className="required">*</span>
                    </label>
                    <input
                      id="contact-nom"
                      className="form-control fr-input"
                      autoComplete="name"
                      value={contact.nom}
                      aria-invalid={Boolean(contactError('nom'))}
                      aria-describedby={contactError('nom') ? 'contact-aide contact-nom__error' : 'contact-aide'}
                      onChange={(e) => setContact({ ...contact, nom: e.target.value })}
                    />
                    {contactError('nom') && (
                      <p id="contact-nom__error" className="text-danger">
                        {contactError('nom')}
                      </p>
                    )}
                  </div>
                  <div className={`form-group${contactError('courriel') ? ' has-error' : ''}`}>
                    <label htmlFor="contact-courriel" className="control-label">
                      Votre adresse électronique<span className="required">*</span>
                    </label>
                    <input
                      id="contact-courriel"
                      type="email"
                      className="form-control fr-input"
                      autoComplete="email"
                      value={contact.courriel}
                      aria-invalid={Boolean(contactError('courriel'))}
                      aria-describedby={
                        contactError('courriel') ? 'contact-aide contact-courriel__error' : 'contact-aide'
                      }
                      onChange={(e) => setContact({ ...contact, courriel: e.target.value })}
                    />
                    {contactError('courriel') && (
                      <p id="contact-courriel__error" className="text-danger">
                        {contactError('courriel')}
                      </p>
                    )}
                  </div>
                  <div className="checkbox">
                    <label htmlFor="contact-credit">
                      <input
                        id="contact-credit"
                        type="checkbox"
                        checked={contact.credit}
                        onChange={(e) => setContact({ ...contact, credit: e.target.checked })}
                      />{' '}
                      J’accepte que mon nom apparaisse publiquement dans la proposition (« Proposé par … »).
                    </label>
                  </div>
                  <div className="checkbox">
                    <label htmlFor="contact-suivi">
                      <input
                        id="contact-suivi"
                        type="checkbox"
                        checked={contact.suivi}
                        onChange={(e) => setContact({ ...contact, suivi: e.target.checked })}
                      />{' '}
                      Je souhaite recevoir un courriel quand ma proposition est acceptée ou refusée.
                    </label>
                  </div>
                </fieldset>
              )}

              <Honeypot id="site_web" value={honeypot} onChange={setHoneypot} />

              {current?.kind === 'relecture' && (
                <section aria-labelledby="relecture-titre">
                  <h3 id="relecture-titre" className="fr-h5">
                    Votre proposition telle qu’elle sera publiée
                  </h3>
                  <Review
                    schema={schema}
                    data={formData}
                    {...(collection.format === 'md' ? { texte } : {})}
                    {...(original ? { original } : {})}
                  />
                  {withContact && (
                    <p>
                      Vos coordonnées : {contact.nom} ({contact.courriel}) — elles ne seront pas publiées.
                    </p>
                  )}
                </section>
              )}

              <ul className="fr-btns-group fr-btns-group--inline-md essaim-etapes__boutons">
                {step > 0 && (
                  <li>
                    <button
                      type="button"
                      id="precedent"
                      className="fr-btn fr-btn--secondary"
                      onClick={() => goTo(step - 1)}
                    >
                      Précédent
                    </button>
                  </li>
                )}
                <li>
                  {last ? (
                    // Keys: « Suivant » and « Envoyer » are two elements, never one button whose type changes
                    // during the click (which would send the form from the step before the review).
                    <button key="envoyer" id="envoyer" type="submit" className="fr-btn" disabled={sending !== ''}>
                      {service === undefined ? 'Préparer le fichier' : 'Envoyer la proposition'}
                    </button>
                  ) : (
                    <button key="suivant" id="suivant" type="button" className="fr-btn" onClick={next}>
                      Suivant
                    </button>
                  )}
                </li>
              </ul>
              <p aria-live="polite" className="essaim-formulaire__etat">
                {sending === 'preuve'
                  ? 'Vérification anti-robot en cours (quelques secondes)…'
                  : sending === 'envoi'
                    ? 'Envoi en cours…'
                    : ''}
              </p>
            </Form>
          </ShownErrors.Provider>

          {result && (
            <section className="essaim-fichier" aria-labelledby="fichier-titre">
              <h2 id="fichier-titre" tabIndex={-1}>
                Votre fichier est prêt
              </h2>
              <p>
                Fichier : <code>{result.path}</code>
              </p>
              <p>
                <a
                  className="fr-btn fr-btn--secondary"
                  href={result.downloadUrl}
                  download={result.path.split('/').pop()}
                >
                  Télécharger le fichier
                </a>{' '}
                <a className="fr-btn" href={result.newFileUrl} target="_blank" rel="noopener noreferrer">
                  Le déposer sur GitHub (compte nécessaire)
                </a>
              </p>
              <details>
                <summary>Voir le contenu du fichier</summary>
                <pre>{result.text}</pre>
              </details>
            </section>
          )}
        </>
      )}
    </div>
  );
}
