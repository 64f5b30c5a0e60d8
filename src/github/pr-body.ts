/**
 * What a proposal says, in French: pull-request title and body, commit message and labels.
 * Used by `essaim propose` and by the submission service, so that every proposal reads the same.
 */
import { collections, type CollectionName } from '../content/collections.js';
import { md } from '../content/diff-render.js';

export interface ProposedEntry {
  collection: CollectionName;
  /** Path relative to the repository root. */
  file: string;
  id: string;
  title: string;
  /** `added`: the entry does not exist on the base branch; `changed`: it does. */
  kind: 'added' | 'changed';
}

/** Labels put on every proposal, besides the collection's own label. */
export const KIND_LABELS = { added: 'nouvelle-entrée', changed: 'mise-à-jour' } as const;

/** What reviewers check before merging; rendered as a task list. */
export const REVIEW_CHECKLIST: readonly string[] = [
  '**Sources citées** : chiffres, résultats et citations renvoient à une source accessible.',
  '**Aucune donnée personnelle** : seulement des contacts génériques de structures (ni nom, ni téléphone, ni courriel personnels).',
  '**Neutralité et ouverture** : ton descriptif, sans promotion ni dénigrement d’une structure, d’une personne ou d’un public.',
  '**Liens valides** : les adresses mènent aux pages officielles et fonctionnent (la CI les vérifie aussi).',
  '**Vocabulaires justes** : maillons, territoires, publics et critères correspondent au contenu.',
  '**Pratique inspirante** (fiches) : les critères d’une alimentation digne et durable retenus sont étayés dans le texte.',
  '**Dates à jour** : dernière mise à jour, dates limites des appels, sessions et événements.',
  '**Clarté** : titre et résumé compréhensibles sans connaître le sujet ; texte en français.',
];

/** GitHub refuses bodies over 65 536 characters; keep a margin. */
const MAX_BODY = 60_000;
const MAX_TITLE = 200;

// French grammar of each collection's singular noun: gender (from the registry), and elision before a vowel.
const singular = (c: CollectionName): string => collections.get(c)?.singular ?? c;
const feminine = (c: CollectionName): boolean => collections.get(c)?.feminine ?? false;
const elides = (word: string): boolean => /^[aeiouyéèêàâîôûh]/i.test(word);

/** `la fiche pratique`, `le financeur`, `l’outil`. */
function withArticle(c: CollectionName): string {
  const noun = singular(c);
  return elides(noun) ? `l’${noun}` : `${feminine(c) ? 'la' : 'le'} ${noun}`;
}

/** `Nouvelle fiche pratique`, `Nouveau financeur`, `Nouvel outil`. */
function newNoun(c: CollectionName): string {
  const noun = singular(c);
  return `${feminine(c) ? 'Nouvelle' : elides(noun) ? 'Nouvel' : 'Nouveau'} ${noun}`;
}

/** `de la fiche pratique`, `du financeur`, `de l’outil`. */
function ofNoun(c: CollectionName): string {
  const a = withArticle(c);
  return a.startsWith('le ') ? `du ${a.slice(3)}` : `de ${a}`;
}

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n > 1 ? words : word}`;

/**
 * Text that GitHub must read as plain words: a closing keyword followed by a reference ("Fixes #1",
 * "closes owner/repo#2", "resolves https://github.com/…/issues/3") closes that issue when the
 * commit or pull request is merged, and `@name` notifies someone. A zero-width space inside the
 * keyword, after `#` and after `@` keeps the text readable and makes GitHub see neither.
 */
export function neutralize(text: string): string {
  return text
    .replace(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b/gi, (word) => `${word[0]}\u200b${word.slice(1)}`)
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/(^|[^\w])@(?=\w)/g, '$1@\u200b');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function counts(entries: readonly ProposedEntry[]): string {
  const added = entries.filter((e) => e.kind === 'added').length;
  const changed = entries.length - added;
  return [added > 0 ? plural(added, 'nouvelle') : '', changed > 0 ? plural(changed, 'mise à jour', 'mises à jour') : '']
    .filter(Boolean)
    .join(', ');
}

/** `Nouvelle fiche pratique : « Titre »`, `Mise à jour du financeur « Titre »`, `3 entrées : 2 nouvelles, 1 mise à jour`. */
export function pullRequestTitle(entries: readonly ProposedEntry[]): string {
  return neutralize(rawTitle(entries));
}

function rawTitle(entries: readonly ProposedEntry[]): string {
  const [only] = entries;
  if (entries.length === 1 && only) {
    return truncate(
      only.kind === 'added'
        ? `${newNoun(only.collection)} : « ${only.title} »`
        : `Mise à jour ${ofNoun(only.collection)} « ${only.title} »`,
      MAX_TITLE,
    );
  }
  return `${entries.length} entrées : ${counts(entries)}`;
}

function commitLine(e: ProposedEntry): string {
  return `${e.kind === 'added' ? 'Ajoute' : 'Met à jour'} ${withArticle(e.collection)} « ${e.title} »`;
}

/** One line for one entry; a summary line and one line per entry for several. */
export function commitMessage(entries: readonly ProposedEntry[]): string {
  const [only] = entries;
  if (entries.length === 1 && only) return neutralize(truncate(commitLine(only), MAX_TITLE));
  return neutralize(
    `Propose ${entries.length} entrées (${counts(entries)})\n\n${entries.map((e) => `- ${commitLine(e)}`).join('\n')}`,
  );
}

/** The collection labels (`fiches`, `financements`…) then the kind labels, without duplicates. */
export function pullRequestLabels(entries: readonly ProposedEntry[]): string[] {
  const labels = new Set<string>();
  for (const e of entries) labels.add(collections.get(e.collection)?.prLabel ?? e.collection);
  for (const kind of ['added', 'changed'] as const)
    if (entries.some((e) => e.kind === kind)) labels.add(KIND_LABELS[kind]);
  return [...labels];
}

export interface BodyOptions {
  /** The semantic diff in Markdown (`renderDiff(…, 'markdown')`). */
  diff: string;
  /** Who or what sent the proposal, e.g. "`essaim propose`" or "le formulaire du portail". */
  via?: string;
  /** Command that shows the whole diff, mentioned when it had to be cut. */
  fullDiffHint?: string;
}

/** Table of entries, semantic diff, checklist for reviewers. */
export function pullRequestBody(entries: readonly ProposedEntry[], options: BodyOptions): string {
  const table = [
    '| Collection | Entrée | Changement |',
    '| --- | --- | --- |',
    ...entries.map(
      (e) =>
        `| ${md(collections.get(e.collection)?.label ?? e.collection)} | ${md(e.title)}<br>\`${e.file}\` | ${e.kind === 'added' ? 'ajoutée' : 'modifiée'} |`,
    ),
  ];
  const head = [
    `Proposition de contenu envoyée avec ${options.via ?? '`essaim propose`'} : ${plural(entries.length, 'entrée')}.`,
    '',
    ...table,
    '',
    '## Ce qui change',
    '',
    '',
  ].join('\n');
  const tail = [
    '',
    '',
    '## Relecture',
    '',
    'À vérifier par l’équipe éditoriale avant de fusionner :',
    '',
    ...REVIEW_CHECKLIST.map((item) => `- [ ] ${item}`),
    '',
  ].join('\n');
  let diff = options.diff.trim();
  const room = MAX_BODY - head.length - tail.length;
  if (diff.length > room) {
    const note = `\n\n… (description tronquée${options.fullDiffHint ? ` : lancez \`${options.fullDiffHint}\` pour la voir en entier` : ''})`;
    const cut = diff.lastIndexOf('\n', room - note.length);
    diff = diff.slice(0, cut > 0 ? cut : Math.max(0, room - note.length)) + note;
  }
  return neutralize(head + diff + tail);
}
