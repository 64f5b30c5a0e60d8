/**
 * The draft of a proposal, kept in this browser (localStorage) so that a reload or a lost
 * connection loses nothing: one draft per collection and edited entry. The contact details are
 * not kept (a shared computer must not keep someone's address).
 */
export interface Draft {
  donnees: Record<string, unknown>;
  texte: string;
  motif: string;
  etape: number;
  /** For an edit: the version of the entry the draft started from (the service merges from it). */
  sha?: string;
  /** When it was saved (ISO date and time). */
  enregistre: string;
}

export function draftKey(collection: string, editedId?: string): string {
  return `essaim-brouillon:${collection}:${editedId ?? 'nouvelle'}`;
}

/** Storage may be missing or refused (private browsing, quota): the form then works without drafts. */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(key: string): Draft | undefined {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as unknown as Partial<Draft> | null;
    const donnees: unknown = d?.donnees;
    if (!d || !donnees || typeof donnees !== 'object' || Array.isArray(donnees)) return undefined;
    return {
      donnees: donnees as Record<string, unknown>,
      texte: typeof d.texte === 'string' ? d.texte : '',
      motif: typeof d.motif === 'string' ? d.motif : '',
      etape: typeof d.etape === 'number' ? d.etape : 0,
      ...(typeof d.sha === 'string' ? { sha: d.sha } : {}),
      enregistre: typeof d.enregistre === 'string' ? d.enregistre : '',
    };
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota or refusal: the draft is a convenience, the form goes on.
  }
}

export function deleteDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to delete.
  }
}
