/**
 * The semantic diff in French, as text (terminal) or Markdown (pull-request body, CI comment).
 */
import { collections } from './collections.js';
import type { ContentDiff, EntryChangeKind, EntryDiff, FieldChange, SectionChange } from './diff.js';

export type DiffFormat = 'text' | 'markdown';

const KIND_NOUN: Record<EntryChangeKind, string> = {
  added: 'ajout',
  removed: 'suppression',
  changed: 'modification',
  moved: 'déplacement',
};
const KIND_SIGN: Record<EntryChangeKind, string> = { added: '+', removed: '−', changed: '~', moved: '→' };
const KIND_ORDER: EntryChangeKind[] = ['added', 'changed', 'moved', 'removed'];

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

/** `Fiche pratique « Titre »`. */
export function entryName(e: Pick<EntryDiff, 'collection' | 'title'>): string {
  return `${capitalize(collections.get(e.collection)?.singular ?? e.collection)} « ${e.title} »`;
}

/** `3 entrées (1 ajout, 2 modifications)`. */
export function summary(diff: ContentDiff): string {
  if (diff.entries.length === 0) return 'aucune entrée ajoutée, modifiée ni supprimée';
  const counts = KIND_ORDER.map((k) => [k, diff.entries.filter((e) => e.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => plural(n, KIND_NOUN[k]));
  return `${plural(diff.entries.length, 'entrée')} (${counts.join(', ')})`;
}

/** The value part of a field change: `30/04/2026 → 31/05/2026`, `+ Occitanie (76), − Hérault (34)`… */
export function changeText(f: FieldChange): string {
  switch (f.kind) {
    case 'changed':
      return `${f.before ?? ''} → ${f.after ?? ''}`;
    case 'set':
      return `ajouté : ${f.after ?? ''}`;
    case 'unset':
      return `retiré (était ${f.before ?? ''})`;
    case 'order':
      return `ordre modifié (${f.before ?? ''} → ${f.after ?? ''})`;
    case 'list':
      return [...(f.added ?? []).map((v) => `+ ${v}`), ...(f.removed ?? []).map((v) => `− ${v}`)].join(', ');
  }
}

const SECTION_KIND: Record<SectionChange['kind'], string> = {
  added: 'ajoutée',
  removed: 'supprimée',
  changed: 'modifiée',
};

export function sectionsText(sections: readonly SectionChange[]): string {
  return sections
    .map(
      (s) =>
        `${s.heading ? `section « ${s.heading} »` : 'introduction (avant le premier titre)'} ${SECTION_KIND[s.kind]}`,
    )
    .join(', ');
}

function unreadableLines(e: EntryDiff): string[] {
  return e.unreadable.map((u) => {
    const side = u.side === 'base' ? 'version de départ' : 'version d’arrivée';
    const first = u.problems[0];
    return `illisible (${side})${first ? ` : ligne ${first.line} : ${first.message.replace(/\.$/, '')}` : ''}`;
  });
}

/** The lines describing one entry (without its header), as `[label, value]`; label empty for notes. */
function details(e: EntryDiff): [string, string][] {
  const lines: [string, string][] = [];
  for (const u of unreadableLines(e)) lines.push(['', `⚠ ${capitalize(u)}. Les champs ne sont pas comparés.`]);
  if (e.kind === 'moved' && e.previousFile) lines.push(['Emplacement', `${e.previousFile} → ${e.file}`]);
  // A new entry's fields are shown as plain values; changes as before → after.
  for (const f of e.fields)
    lines.push([f.label, e.kind === 'added' ? (f.after ?? (f.added ?? []).join(', ')) : changeText(f)]);
  if (e.sections.length > 0) lines.push(['Texte', sectionsText(e.sections)]);
  if (
    e.kind !== 'added' &&
    e.kind !== 'removed' &&
    e.unreadable.length === 0 &&
    e.fields.length === 0 &&
    e.sections.length === 0
  ) {
    lines.push(['', 'Mise en forme seulement : aucun changement de contenu.']);
  }
  return lines;
}

function renderText(diff: ContentDiff): string {
  const from = diff.from ? `${diff.base} (depuis le point de départ commun, ${diff.from.slice(0, 7)})` : diff.base;
  const out = [`De ${from} à ${diff.head ?? 'l’arbre de travail'} : ${summary(diff)}.`];
  for (const e of diff.entries) {
    out.push('', `${KIND_SIGN[e.kind]} ${capitalize(KIND_NOUN[e.kind])} — ${entryName(e)}`, `  ${e.file}`);
    for (const [label, value] of details(e)) out.push(`    ${label ? `${label} : ` : ''}${value}`);
  }
  if (diff.others.length > 0)
    out.push('', `Autres fichiers modifiés sous content/ : ${diff.others.map((o) => o.file).join(', ')}`);
  return out.join('\n');
}

/** Escapes text for Markdown: no markup, no HTML, no @mention. */
export function md(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\w])@(?=\w)/g, '$1@\u2060');
}

/**
 * A code span holding `text` literally, whatever it contains (a file name may hold backticks, or
 * line breaks that would end the paragraph and let the rest be read as Markdown).
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '\uFFFD');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const ICON: Record<EntryChangeKind, string> = { added: '🆕', removed: '🗑️', changed: '✏️', moved: '📦' };

/** Markdown for a pull request or a CI comment; entries are `###` headings. */
function renderMarkdown(diff: ContentDiff): string {
  const out = [`${capitalize(summary(diff)).replace(/^(\d+ entrées?)/, '**$1**')}.`];
  for (const e of diff.entries) {
    out.push('', `### ${ICON[e.kind]} ${md(entryName(e))} — ${KIND_NOUN[e.kind]}`, '', codeSpan(e.file));
    const lines = details(e);
    if (lines.length > 0) out.push('');
    for (const [label, value] of lines) out.push(`- ${label ? `**${md(label)}** : ` : ''}${md(value)}`);
  }
  if (diff.others.length > 0)
    out.push('', `Autres fichiers modifiés sous \`content/\` : ${diff.others.map((o) => codeSpan(o.file)).join(', ')}`);
  return out.join('\n');
}

export function renderDiff(diff: ContentDiff, format: DiffFormat): string {
  return format === 'markdown' ? renderMarkdown(diff) : renderText(diff);
}
