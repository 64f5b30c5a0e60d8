/** Starting points for new entries: the Markdown body of each Markdown collection. */
import { PLACEHOLDER } from './rules/a-completer.js';
import type { CollectionName } from './collections.js';

const section = (title: string, help: string): string => `## ${title}\n\n${PLACEHOLDER} : ${help}\n`;

export const bodyTemplates: Partial<Record<CollectionName, string>> = {
  practices: [
    section('De quoi s’agit-il ?', 'la pratique en quelques phrases'),
    section('Pour qui ?', 'les personnes concernées et comment elles sont associées'),
    section('Comment démarrer', 'les étapes pour lancer la pratique'),
    section('Coûts et moyens', 'moyens humains, matériels et financiers'),
    section('Partenaires', 'qui s’est associé, et pour quoi faire'),
    section('Résultats', 'ce qui a été observé ou évalué (sources citées)'),
    section('Points de vigilance', 'les difficultés rencontrées'),
    section('Pour essaimer', 'ce qu’il faut pour reproduire la pratique ailleurs'),
  ].join('\n'),
  studies: [
    section('Présentation', 'objet, méthode et périmètre de l’étude'),
    section('À retenir', 'les enseignements pour les acteurs'),
  ].join('\n'),
  tools: [
    section('Présentation', 'à quoi sert l’outil et comment l’utiliser'),
    section('Pour qui ?', 'qui peut s’en servir'),
  ].join('\n'),
  news: `${PLACEHOLDER} : le texte de l’actualité, avec ses sources.\n`,
};
