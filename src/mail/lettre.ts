/**
 * The newsletter as an e-mail (HTML readable without CSS, and a plain-text part), as a news entry
 * draft for the portal's archive, and personalised for each alert subscriber.
 */
import { collections, type Collection } from '../content/collections.js';
import { md } from '../content/diff-render.js';
import { frenchDate } from '../content/diff.js';
import { DigestIndex, type Digest, type DigestItem, type DigestSection } from '../content/digest.js';
import { serializeEntry } from '../content/serialize.js';
import { escapeHtml } from '../plugins/content/shared/escape.js';
import { alertLinks, criteriaText, unsubscribeHeaders, type Subscription } from './alerts.js';
import type { QueuedMail } from './queue.js';

const SECTIONS: [DigestSection, string][] = [
  ['nouveautes', 'Nouveautés et mises à jour'],
  ['appels', 'Appels à projets qui ferment bientôt'],
  ['agenda', 'Agenda'],
  ['actualites', 'Actualités'],
];

/** Items shown per section in an e-mail; the rest are on the portal. */
export const MAX_PER_SECTION = 15;

/** An item's HTML and text, rendered once and shared by every message that lists it. */
interface Rendered {
  item: DigestItem;
  html: string;
  text: string;
}

function renderItem(item: DigestItem, portal: string): Rendered {
  const url = portal + item.url;
  const details = item.details.map((d) => `<br>${escapeHtml(d)}`).join('');
  return {
    item,
    html: `<li><a href="${escapeHtml(url)}">${escapeHtml(item.title)}</a> — ${escapeHtml(item.words)}${details}</li>`,
    text: [`- ${item.title} — ${item.words}`, ...item.details.map((d) => `  ${d}`), `  ${url}`].join('\n'),
  };
}

export const periodText = (d: Pick<Digest, 'since' | 'until'>): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(d.since)
    ? `du ${frenchDate(d.since)} au ${frenchDate(d.until)}`
    : `jusqu’au ${frenchDate(d.until)}`;

export interface LetterParts {
  subject: string;
  text: string;
  html: string;
}

interface Footer {
  /** Why the reader gets it, and the links to change or stop it. */
  text: string[];
  html: string[];
}

function letter(digest: Digest, rendered: readonly Rendered[], portal: string, footer: Footer): LetterParts {
  const title = `Lettre d’Essaim ${periodText(digest)}`;
  const html: string[] = [
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escapeHtml(title)}</title></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  const text: string[] = [title, '='.repeat(title.length)];
  for (const [section, heading] of SECTIONS) {
    const list = rendered.filter((r) => r.item.section === section);
    if (list.length === 0) continue;
    html.push(`<h2>${escapeHtml(heading)}</h2>`, '<ul>', ...list.slice(0, MAX_PER_SECTION).map((r) => r.html), '</ul>');
    text.push('', heading, '-'.repeat(heading.length), ...list.slice(0, MAX_PER_SECTION).map((r) => r.text));
    if (list.length > MAX_PER_SECTION) {
      const more = `Et ${list.length - MAX_PER_SECTION} de plus sur le portail`;
      html.push(`<p><a href="${escapeHtml(portal)}/">${escapeHtml(more)}</a>.</p>`);
      text.push(`${more} : ${portal}/`);
    }
  }
  html.push('<hr>', ...footer.html.map((p) => `<p>${p}</p>`), '</body></html>');
  text.push('', '--', ...footer.text);
  return { subject: title, text: text.join('\n') + '\n', html: html.join('\n') };
}

/** The newsletter for everyone (no personal link: it goes to a mailing list, or is read on the portal). */
export function renderLetter(digest: Digest, portalUrl: string): LetterParts {
  const portal = portalUrl.replace(/\/+$/, '');
  return letter(
    digest,
    digest.items.map((i) => renderItem(i, portal)),
    portal,
    {
      text: [`Essaim, le portail de la lutte contre la précarité alimentaire : ${portal}/`],
      html: [
        `Essaim, le portail de la lutte contre la précarité alimentaire&nbsp;: <a href="${escapeHtml(portal)}/">${escapeHtml(portal)}</a>`,
      ],
    },
  );
}

/**
 * One message per confirmed subscriber whose criteria match at least one item (nobody gets an
 * empty letter). Items are rendered once and matched through the digest's index of criteria;
 * nothing is kept per subscriber, so memory does not grow with their number.
 */
export function* alertMessages(
  digest: Digest,
  subscribers: Iterable<Subscription>,
  o: { portalUrl: string; secret: string },
): Generator<QueuedMail> {
  const portal = o.portalUrl.replace(/\/+$/, '');
  const rendered = digest.items.map((i) => renderItem(i, portal));
  const index = new DigestIndex(digest.items);
  for (const s of subscribers) {
    const matched = index.matching(s.criteria).map((i) => rendered[i]!);
    if (matched.length === 0) continue;
    const why = `Vous recevez ce message parce que vous avez demandé une alerte Essaim (${criteriaText(s.criteria)}).`;
    const links = alertLinks(portal, o.secret, s.id);
    const parts = letter(digest, matched, portal, {
      text: [why, `Modifier ou supprimer l’alerte : ${links.manage}`, `Se désabonner : ${links.unsubscribe}`],
      html: [escapeHtml(why), `<a href="${escapeHtml(links.manage)}">Modifier ou supprimer cette alerte</a>`],
    });
    yield {
      to: s.email,
      ...parts,
      headers: unsubscribeHeaders(links),
      key: `alerte:${digest.until}:${s.id}`,
    };
  }
}

/** The news entry for the portal's archive (`/actualites`), which the editorial team edits before publishing. */
export function newsDraft(digest: Digest): { file: string; content: string } {
  const c = collections.get('news') as Collection;
  const id = `lettre-essaim-${digest.until}`;
  const file = `${c.folder}/${id}.md`;
  const count = (s: DigestSection): number => digest.items.filter((i) => i.section === s).length;
  const body: string[] = [];
  for (const [section, heading] of SECTIONS) {
    const list = digest.items.filter((i) => i.section === section);
    if (list.length === 0) continue;
    body.push(`## ${heading}`, '');
    for (const i of list) {
      body.push(`- [${md(i.title)}](${i.url}) — ${md(i.words)}`);
      for (const d of i.details) body.push(`  ${md(d)}`);
    }
    body.push('');
  }
  if (body.length === 0) body.push('Rien de nouveau sur cette période.', '');
  const refs = [...new Set(digest.items.map((i) => i.ref))].slice(0, 50);
  const data: Record<string, unknown> = {
    id,
    titre: `Lettre d’Essaim ${periodText(digest)}`,
    resume:
      `Au sommaire : ${count('nouveautes')} nouveauté(s) et mise(s) à jour, ${count('appels')} appel(s) à projets ` +
      `qui ferme(nt) bientôt, ${count('agenda')} événement(s) à venir, ${count('actualites')} actualité(s).`,
    date: digest.until,
    type: 'lettre',
    etiquettes: ['lettre'],
    territoires: ['national'],
    ...(refs.length > 0 ? { ressources_liees: refs } : {}),
    date_maj: digest.until,
  };
  return { file, content: serializeEntry(c, file, data, body.join('\n')) };
}
