/**
 * Status of calls and events, computed from the reader's clock (never at build time), so that a
 * static build stays right after a deadline passes.
 */

export type CallStatus = 'a-venir' | 'ouvert' | 'bientot' | 'clos';
export type EventStatus = 'a-venir' | 'en-cours' | 'passe';

/** Days before the deadline from which a call is « bientôt clos ». */
export const CLOSING_SOON_DAYS = 14;

const DAY = 86_400_000;

/** The local calendar date (AAAA-MM-JJ) of an instant. */
export function localDate(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from date a to date b (both AAAA-MM-JJ). */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) -
      Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) /
      DAY,
  );
}

export interface CallState {
  status: CallStatus;
  /** Days left before the deadline (0 = closes today), or days before opening for `a-venir`. */
  days: number;
}

/** A call is open from its opening date to its deadline, both included. */
export function callStatus(ouverture: string | null | undefined, cloture: string, now: number): CallState {
  const today = localDate(now);
  if (ouverture && today < ouverture) return { status: 'a-venir', days: daysBetween(today, ouverture) };
  const left = daysBetween(today, cloture);
  if (left < 0) return { status: 'clos', days: left };
  return { status: left <= CLOSING_SOON_DAYS ? 'bientot' : 'ouvert', days: left };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

export function callStatusText(s: CallState): string {
  switch (s.status) {
    case 'a-venir':
      return s.days === 1 ? 'Ouvre demain' : `Ouvre dans ${plural(s.days, 'jour')}`;
    case 'clos':
      return 'Clos';
    default:
      if (s.days === 0) return 'Clôture aujourd’hui';
      if (s.days === 1) return 'Clôture demain';
      return s.status === 'bientot' ? `Clôture dans ${plural(s.days, 'jour')}` : 'Ouvert';
  }
}

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  'a-venir': 'À venir',
  ouvert: 'Ouvert',
  bientot: 'Clôture dans 14 jours ou moins',
  clos: 'Clos',
};

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  'a-venir': 'À venir',
  'en-cours': 'En cours',
  passe: 'Passé',
};

/** Instant a date or date-time starts (a bare date is a local day). */
function startOf(value: string): number {
  return value.length <= 10 ? new Date(`${value}T00:00:00`).getTime() : new Date(value).getTime();
}
/** Instant a date or date-time ends (a bare date lasts the whole local day). */
function endOf(value: string): number {
  return value.length <= 10 ? new Date(`${value}T00:00:00`).getTime() + DAY - 1 : new Date(value).getTime();
}

export function eventStatus(debut: string, fin: string | null | undefined, now: number): EventStatus {
  if (now < startOf(debut)) return 'a-venir';
  return now <= endOf(fin ?? debut) ? 'en-cours' : 'passe';
}

/** Status value of a list item, as used by the `statut` facet. */
export function itemStatus(
  kind: 'call' | 'event',
  window: readonly [string | null, string | null] | undefined,
  now: number,
): string | undefined {
  if (!window) return undefined;
  const [start, end] = window;
  if (kind === 'call') {
    if (end) return callStatus(start, end, now).status;
    // A permanent call has no deadline (`null` end): open from its opening date on.
    return end === null ? (start && localDate(now) < start ? 'a-venir' : 'ouvert') : undefined;
  }
  return start ? eventStatus(start, end, now) : undefined;
}
