/** The « Déclaration d’accessibilité » says what the recorded axe-core runs say, and no more. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import AccessibilityStatement from '../../src/legal/AccessibilityStatement.js';
import { axeReport, conformityState, type AxeReport } from '../../src/legal/accessibility.js';
import { publisher } from '../../src/legal/publisher.js';

const text = (report: AxeReport, audit?: { date: string; taux: number; auditeur: string }): string =>
  renderToStaticMarkup(createElement(AccessibilityStatement, { report, audit, publisher }))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('déclaration d’accessibilité', () => {
  it('reprend les pages, la date et le nombre d’erreurs du fichier des tests axe-core enregistré', () => {
    const page = text(axeReport);
    expect(axeReport.pages.length).toBeGreaterThan(0);
    for (const p of axeReport.pages) expect(page).toContain(` ${p.page} ${p.adresse} `);
    const total = axeReport.pages.reduce((n, p) => n + p.violations, 0);
    expect(page).toContain(total === 0 ? 'aucune erreur relevée' : `${total} erreur`);
    const date = new Date(`${axeReport.date.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    expect(page).toContain(`Le ${date}, les tests du portail ont vérifié ${axeReport.pages.length} pages`);
    expect(page).toContain(axeReport.outil);
  });

  it('sans audit, déclare le site non conforme, même sans aucune erreur automatique', () => {
    const clean: AxeReport = {
      date: '2026-12-03',
      outil: 'axe-core 4.14.1',
      pages: [{ page: 'Accueil', adresse: '/', violations: 0, regles: [] }],
    };
    expect(text(clean)).toMatchInlineSnapshot(
      `" Collectif Essaim s’engage à rendre le portail Essaim accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au portail Essaim. État de conformité Le portail Essaim est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1. Aucun audit RGAA n’a encore été réalisé : dans ce cas, le RGAA demande de déclarer le site non conforme, quels que soient les résultats des tests automatiques ci-dessous. Tests automatiques Le 3 décembre 2026, les tests du portail ont vérifié 1 page ou étape avec axe-core 4.14.1 : aucune erreur relevée . Pages vérifiées automatiquement Page Adresse Erreurs relevées Accueil / aucune Ces tests automatiques ne couvrent qu’une partie des critères du RGAA (environ un tiers des problèmes d’accessibilité peuvent être détectés automatiquement) : ils ne remplacent pas un audit. Retour d’information et contact Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à contact@essaim.example.org pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Voies de recours Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits (https://formulaire.defenseurdesdroits.fr/), contacter le délégué du Défenseur des droits de votre région, ou écrire par courrier (gratuit, sans timbre) à : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07. "`,
    );
    expect(conformityState({ date: '2027-01-10', taux: 80, auditeur: 'Cabinet A' })).toBe('partiellement conforme');
    expect(text(clean, { date: '2027-01-10', taux: 100, auditeur: 'Cabinet A' })).toContain('est totalement conforme');
  });

  it('donne le nombre d’erreurs et les règles en cause, page par page', () => {
    const report: AxeReport = {
      date: '2026-12-03',
      outil: 'axe-core 4.14.1',
      pages: [
        { page: 'Accueil', adresse: '/', violations: 0, regles: [] },
        { page: 'Formulaire, étape Quoi', adresse: '/contribuer/proposer', violations: 2, regles: ['label', 'region'] },
      ],
    };
    const page = text(report);
    expect(page).toContain('2 erreurs relevées');
    expect(page).toContain('Formulaire, étape Quoi /contribuer/proposer 2 (label, region)');
  });
});
