import { describe, expect, it } from 'vitest';
import { formatLinkReport, progressBar } from '../../src/links/external.js';
import type { LinkReport } from '../../src/links/external.js';

const report: LinkReport = {
  results: [
    {
      url: 'https://a.example/ok',
      file: 'content/b.md',
      line: 1,
      col: 1,
      status: 'ok',
      httpStatus: 200,
      message: 'Accessible (200)',
    },
    {
      url: 'https://a.example/x|y',
      file: 'content/b.md',
      line: 4,
      col: 7,
      status: 'broken',
      httpStatus: 404,
      message: 'Page introuvable (404)',
    },
    {
      url: 'https://a.example/ancien',
      file: 'content/a.md',
      line: 2,
      col: 3,
      status: 'warning',
      httpStatus: 200,
      message: 'Redirection permanente vers https://a.example/nouveau',
      finalUrl: 'https://a.example/nouveau',
    },
    {
      url: 'https://lent.example/',
      file: 'content/b.md',
      line: 9,
      col: 1,
      status: 'excluded',
      message: 'Exclu de la vérification (motif « lent.example »)',
    },
  ],
  stats: { urls: 3, requests: 4, fromCache: 1, durationMs: 12, peakPerHost: { 'a.example': 2 } },
};

describe('formatLinkReport', () => {
  it('prints text lines with rule ids, sorted by place, and a summary', () => {
    expect(formatLinkReport(report, 'text')).toBe(
      [
        'content/a.md:2:3  lien-redirige  https://a.example/ancien : Redirection permanente vers https://a.example/nouveau',
        'content/b.md:4:7  lien-casse  https://a.example/x|y : Page introuvable (404)',
        '✖ 1 lien cassé, 1 redirection permanente (4 liens, 3 adresses dont 1 depuis le cache).',
      ].join('\n'),
    );
  });

  it('says so when everything is fine', () => {
    const fine: LinkReport = {
      ...report,
      results: [report.results[0]!],
      stats: { ...report.stats, urls: 1, fromCache: 0 },
    };
    expect(formatLinkReport(fine, 'text')).toBe('✔ Aucun lien cassé ni redirigé (1 lien, 1 adresse).');
    expect(formatLinkReport(fine, 'github')).toBe('');
  });

  it('prints GitHub annotations, errors and warnings', () => {
    expect(formatLinkReport(report, 'github').split('\n')).toEqual([
      '::warning file=content/a.md,line=2,col=3,title=lien-redirige::https://a.example/ancien : Redirection permanente vers https://a.example/nouveau',
      '::error file=content/b.md,line=4,col=7,title=lien-casse::https://a.example/x|y : Page introuvable (404)',
    ]);
  });

  it('prints a Markdown table for the upkeep issue, escaping pipes', () => {
    expect(formatLinkReport(report, 'markdown')).toBe(
      [
        '**✖ 1 lien cassé, 1 redirection permanente (4 liens, 3 adresses dont 1 depuis le cache).**',
        '',
        '| Emplacement | Lien | Problème |',
        '|---|---|---|',
        '| `content/a.md:2:3` | <https://a.example/ancien> | ↪️ Redirection permanente vers https://a.example/nouveau |',
        '| `content/b.md:4:7` | <https://a.example/x%7Cy> | ❌ Page introuvable (404) |',
      ].join('\n'),
    );
  });

  it('prints the whole report as JSON', () => {
    expect(JSON.parse(formatLinkReport(report, 'json'))).toEqual(report);
  });
});

describe('progressBar', () => {
  it('draws on a TTY', () => {
    const written: string[] = [];
    const draw = progressBar({ isTTY: true, write: (s: string) => written.push(s) }, 10);
    draw(12, 40);
    draw(40, 40);
    expect(written).toEqual(['\r[###-------] 12/40', '\r[##########] 40/40\n']);
  });

  it('stays silent elsewhere', () => {
    const written: string[] = [];
    const draw = progressBar({ isTTY: false, write: (s: string) => written.push(s) });
    draw(1, 2);
    expect(written).toEqual([]);
  });
});
