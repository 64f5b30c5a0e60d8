/**
 * Status badges of calls and events. The status depends on the reader's clock: it is computed in
 * the browser after the page is shown (never at build time), so a static page stays right after
 * a deadline passes.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { callStatus, callStatusText, eventStatus, EVENT_STATUS_LABELS } from '../../plugins/content/shared/status.js';
import type { CallRecurrence, StatusKind, StatusWindow } from '../../plugins/content/shared/model.js';

/** The reader's clock (refreshed every minute), or null while the page is rendered at build time. */
export function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const CALL_BADGE = {
  'a-venir': 'fr-badge--info',
  ouvert: 'fr-badge--success',
  bientot: 'fr-badge--warning',
  clos: 'fr-badge--error',
} as const;
/** A call without a deadline: its badge does not depend on the clock, so it is in the static page. */
const RECURRENCE_BADGE: Record<CallRecurrence, [string, string]> = {
  permanent: ['Permanent', 'fr-badge--success'],
  annuel: ['Annuel, dates à confirmer', 'fr-badge--info'],
};
const EVENT_BADGE = { 'a-venir': 'fr-badge--info', 'en-cours': 'fr-badge--success', passe: 'fr-badge--error' } as const;

export function StatusBadge({
  kind,
  window,
  now,
  recurrence,
}: {
  kind: StatusKind;
  window: StatusWindow | undefined;
  now: number | null;
  recurrence?: CallRecurrence | undefined;
}): ReactNode {
  if (kind === 'call' && recurrence) {
    const [text, color] = RECURRENCE_BADGE[recurrence];
    return (
      <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${color}`} data-statut={recurrence}>
        {text}
      </span>
    );
  }
  if (!window) return null;
  const [start, end] = window;
  if (!(kind === 'call' ? end : start)) return null;
  // Before the reader's clock is known (build time, hydration): an invisible badge of the same
  // size, so that the page does not move when the status appears.
  if (now === null)
    return (
      <span className="fr-badge fr-badge--sm fr-badge--no-icon" aria-hidden="true" style={{ visibility: 'hidden' }}>
        {'\u00a0'}
      </span>
    );
  if (kind === 'call' && end) {
    const s = callStatus(start, end, now);
    return (
      <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${CALL_BADGE[s.status]}`} data-statut={s.status}>
        {callStatusText(s)}
      </span>
    );
  }
  if (!start) return null;
  const s = eventStatus(start, end, now);
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${EVENT_BADGE[s]}`} data-statut={s}>
      {EVENT_STATUS_LABELS[s]}
    </span>
  );
}
