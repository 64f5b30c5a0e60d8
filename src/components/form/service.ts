/**
 * The browser's side of the submission service: where it is (the site's `submissionServiceUrl`,
 * else the same origin when `/api/health` answers), its proof-of-work, sending, and status.
 */
import type { Challenge } from 'altcha-lib';

export interface ServiceInfo {
  /** API root without the trailing slash, e.g. `` (same origin) or `https://service.example.org`. */
  base: string;
  proofOfWork: boolean;
  minFillMs: number;
  mode: 'github' | 'local';
}

interface Health {
  statut?: string;
  preuveDeTravail?: boolean;
  delaiMinimalMs?: number;
  mode?: string;
}

/** The service, or undefined when none answers (purely static hosting). */
export async function detectService(configured: unknown): Promise<ServiceInfo | undefined> {
  const base = typeof configured === 'string' ? configured.trim().replace(/\/+$/, '') : '';
  try {
    const r = await fetch(`${base}/api/health`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return undefined;
    const h = (await r.json()) as Health;
    if (h.statut !== 'ok') return undefined;
    return {
      base,
      proofOfWork: h.preuveDeTravail === true,
      minFillMs: h.delaiMinimalMs ?? 0,
      mode: h.mode === 'github' ? 'github' : 'local',
    };
  } catch {
    return undefined;
  }
}

/** Solves the service's proof-of-work in the page (a few thousand SHA-256, WebCrypto). */
export async function proofOfWork(service: ServiceInfo): Promise<unknown> {
  const r = await fetch(`${service.base}/api/altcha/challenge`, { cache: 'no-store' });
  if (!r.ok) throw new Error('Le service n’a pas fourni la vérification anti-robot ; réessayez dans un instant.');
  const challenge = (await r.json()) as Challenge;
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/sha'),
  ]);
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error('La vérification anti-robot n’a pas abouti ; réessayez.');
  return { challenge, solution };
}

export interface Problem {
  champ: string;
  message: string;
  regle?: string;
}
export type SendResult =
  { ok: true; id: string; suiviUrl: string } | { ok: false; status: number; message: string; problemes: Problem[] };

export async function sendSubmission(service: ServiceInfo, body: Record<string, unknown>): Promise<SendResult> {
  let r: Response;
  try {
    r = await fetch(`${service.base}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: 'Le service de propositions ne répond pas. Vérifiez votre connexion et réessayez.',
      problemes: [],
    };
  }
  const json = (await r.json().catch(() => ({}))) as {
    id?: string;
    suiviUrl?: string;
    erreur?: string;
    problemes?: Problem[];
  };
  if (r.status === 202 && json.id)
    return { ok: true, id: json.id, suiviUrl: json.suiviUrl ?? `/contribuer/suivi?id=${json.id}` };
  return {
    ok: false,
    status: r.status,
    message: json.erreur ?? `Le service a refusé la proposition (erreur ${r.status}).`,
    problemes: json.problemes ?? [],
  };
}

export interface SubmissionStatus {
  id: string;
  statut: 'recue' | 'en-cours' | 'ouverte' | 'echec';
  message: string;
  titre?: string;
  fichier?: string;
  branche?: string;
  pr?: { numero: number; url: string };
  /** The pull request's state on GitHub, and the maintainers' reason when closed. */
  etatPr?: 'ouverte' | 'fusionnee' | 'fermee';
  motif?: string;
}

export async function fetchStatus(base: string, id: string): Promise<SubmissionStatus | { erreur: string }> {
  try {
    const r = await fetch(`${base}/api/submissions/${encodeURIComponent(id)}`, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    const json = (await r.json()) as SubmissionStatus & { erreur?: string };
    return r.ok ? json : { erreur: json.erreur ?? `Erreur ${r.status}.` };
  } catch {
    return { erreur: 'Le service de propositions ne répond pas pour l’instant ; la page réessaie toute seule.' };
  }
}

/** An existing entry as the form edits it, read by the service from the base branch. */
export async function fetchEntry(
  base: string,
  collection: string,
  id: string,
): Promise<{ sha: string; donnees: Record<string, unknown>; texte: string } | { erreur: string }> {
  try {
    const r = await fetch(`${base}/api/entrees/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    const json = (await r.json()) as { sha: string; donnees: Record<string, unknown>; texte: string; erreur?: string };
    return r.ok ? json : { erreur: json.erreur ?? `Erreur ${r.status}.` };
  } catch {
    return { erreur: 'Le service de propositions ne répond pas : l’entrée ne peut pas être chargée pour l’instant.' };
  }
}

/** Sends an error report about an entry. */
export async function sendReport(
  service: ServiceInfo,
  body: Record<string, unknown>,
): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
  try {
    const r = await fetch(`${service.base}/api/signalements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await r.json().catch(() => ({}))) as { message?: string; erreur?: string };
    return r.status === 202
      ? { ok: true, message: json.message ?? 'Merci : votre signalement est enregistré.' }
      : { ok: false, message: json.erreur ?? `Le service a refusé le signalement (erreur ${r.status}).` };
  } catch {
    return { ok: false, message: 'Le service ne répond pas. Vérifiez votre connexion et réessayez.' };
  }
}

export interface FoundTerritory {
  code: string;
  libelle: string;
  type: string;
}

/** Communes, intercommunalities, départements and régions matching `q`; none when the service does not answer. */
export async function searchTerritories(base: string, q: string, signal?: AbortSignal): Promise<FoundTerritory[]> {
  try {
    const r = await fetch(`${base}/api/territoires?q=${encodeURIComponent(q)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
    if (!r.ok) return [];
    return ((await r.json()) as { territoires?: FoundTerritory[] }).territoires ?? [];
  } catch {
    return [];
  }
}
