import { describe, expect, it } from 'vitest';
import {
  callStatus,
  callStatusText,
  eventStatus,
  itemStatus,
  localDate,
} from '../../src/plugins/content/shared/status.js';

/** An injected clock: noon, local time, on the given day. */
const at = (day: string, time = '12:00:00'): number => new Date(`${day}T${time}`).getTime();

describe('statut des appels (horloge injectée)', () => {
  it('à venir, ouvert, bientôt clos, clos', () => {
    expect(callStatus('2026-03-01', '2026-04-30', at('2026-02-20'))).toEqual({ status: 'a-venir', days: 9 });
    expect(callStatus('2026-03-01', '2026-04-30', at('2026-03-01'))).toEqual({ status: 'ouvert', days: 60 });
    expect(callStatus('2026-03-01', '2026-04-30', at('2026-04-16'))).toEqual({ status: 'bientot', days: 14 });
    expect(callStatus('2026-03-01', '2026-04-30', at('2026-04-15'))).toEqual({ status: 'ouvert', days: 15 });
    expect(callStatus(null, '2026-04-30', at('2026-04-30', '23:59:00'))).toEqual({ status: 'bientot', days: 0 });
    expect(callStatus(null, '2026-04-30', at('2026-05-01', '00:00:01'))).toEqual({ status: 'clos', days: -1 });
  });

  it('se dit en français', () => {
    const texts = [
      at('2026-02-28'),
      at('2026-03-10'),
      at('2026-04-25'),
      at('2026-04-29'),
      at('2026-04-30'),
      at('2026-05-02'),
    ].map((now) => callStatusText(callStatus('2026-03-01', '2026-04-30', now)));
    expect(texts).toMatchInlineSnapshot(`
      [
        "Ouvre demain",
        "Ouvert",
        "Clôture dans 5 jours",
        "Clôture demain",
        "Clôture aujourd’hui",
        "Clos",
      ]
    `);
  });

  it('utilise la date locale du lecteur', () => {
    expect(localDate(at('2026-01-05', '00:30:00'))).toBe('2026-01-05');
  });
});

describe('statut des événements', () => {
  it('à venir, en cours, passé — dates et dates-heures', () => {
    expect(eventStatus('2026-05-10', null, at('2026-05-09'))).toBe('a-venir');
    expect(eventStatus('2026-05-10', null, at('2026-05-10', '23:00:00'))).toBe('en-cours');
    expect(eventStatus('2026-05-10', '2026-05-12', at('2026-05-12'))).toBe('en-cours');
    expect(eventStatus('2026-05-10', '2026-05-12', at('2026-05-13'))).toBe('passe');
    const start = '2026-05-10T14:00:00+02:00';
    expect(eventStatus(start, '2026-05-10T16:00:00+02:00', new Date('2026-05-10T13:59:00+02:00').getTime())).toBe(
      'a-venir',
    );
    expect(eventStatus(start, '2026-05-10T16:00:00+02:00', new Date('2026-05-10T15:00:00+02:00').getTime())).toBe(
      'en-cours',
    );
    expect(eventStatus(start, '2026-05-10T16:00:00+02:00', new Date('2026-05-10T16:01:00+02:00').getTime())).toBe(
      'passe',
    );
  });

  it('donne la valeur de la facette « statut » d’une ligne de catalogue', () => {
    expect(itemStatus('call', ['2026-03-01', '2026-04-30'], at('2026-06-01'))).toBe('clos');
    expect(itemStatus('event', ['2026-05-10', null], at('2026-05-01'))).toBe('a-venir');
    expect(itemStatus('call', undefined, at('2026-05-01'))).toBeUndefined();
    // A permanent call (no deadline) is open, once its opening date has come; an annual call without dates has no status.
    expect(itemStatus('call', [null, null], at('2026-05-01'))).toBe('ouvert');
    expect(itemStatus('call', ['2026-06-01', null], at('2026-05-01'))).toBe('a-venir');
    expect(itemStatus('call', [null, ''], at('2026-05-01'))).toBeUndefined();
  });
});
