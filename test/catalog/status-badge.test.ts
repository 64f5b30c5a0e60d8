/** A status badge computed in the browser keeps its place in the page rendered at build time (no layout shift). */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from '../../src/components/catalog/Status.js';
import type { StatusWindow } from '../../src/plugins/content/shared/model.js';

const badge = (kind: 'call' | 'event', window: StatusWindow | undefined, now: number | null): string =>
  renderToStaticMarkup(createElement(StatusBadge, { kind, window, now }));

describe('badge de statut', () => {
  it('à la construction, réserve la place du badge, invisible et ignoré des lecteurs d’écran', () => {
    expect(badge('call', ['2026-03-01', '2026-04-30'], null).replace('\u00a0', '&nbsp;')).toMatchInlineSnapshot(
      `"<span class="fr-badge fr-badge--sm fr-badge--no-icon" aria-hidden="true" style="visibility:hidden">&nbsp;</span>"`,
    );
    expect(badge('event', ['2026-03-01', null], null)).toContain('visibility:hidden');
  });

  it('dans le navigateur, le badge a la même forme, avec le statut du jour', () => {
    const html = badge('call', ['2026-03-01', '2026-04-30'], new Date('2026-03-10T12:00:00').getTime());
    expect(html).toMatch(
      /^<span class="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--success" data-statut="ouvert">/,
    );
  });

  it('ne réserve rien là où aucun badge ne viendra (appel sans clôture, événement sans début)', () => {
    expect(badge('call', ['2026-03-01', null], null)).toBe('');
    expect(badge('event', [null, '2026-04-30'], null)).toBe('');
    expect(badge('call', undefined, null)).toBe('');
  });
});
