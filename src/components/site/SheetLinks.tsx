/** “Proposer une modification”, “Signaler une erreur”, “Historique” and the last update from Git, for a practice sheet. */
import Link from '@docusaurus/Link';
import { useDoc, useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import EntryActions from '../form/EntryActions.js';

/** `@site/content/practices/x/y.md` → `y`, the sheet's id. */
export function sheetId(source: string): string {
  return (source.split('/').pop() ?? '').replace(/\.md$/, '');
}

export const REPO_URL = 'https://github.com/essaim-portail/essaim';

/** `@site/content/practices/x/y.md` → the file's history on GitHub. */
export function historyUrl(source: string): string {
  return `${REPO_URL}/commits/main/${source.replace(/^@site\//, '')}`;
}

const updateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** How to cite the sheet, with its edition: the reference a researcher or a funder can keep. */
export function SheetCitation() {
  const { metadata } = useDoc();
  const version = useDocsVersion();
  const { siteConfig } = useDocusaurusContext();
  const url = `${siteConfig.url}${metadata.permalink}`;
  return (
    <p className="essaim-citation fr-text--sm">
      <strong>Pour citer cette fiche : </strong>
      Essaim, « {metadata.title} », fiche pratique, {version.label}, <span className="essaim-url">{url}</span>
    </p>
  );
}

export default function SheetLinks() {
  const { metadata } = useDoc();
  const updated = metadata.lastUpdatedAt ? new Date(metadata.lastUpdatedAt) : undefined;
  return (
    <div className="essaim-sheet-links">
      <EntryActions collection="practices" id={sheetId(metadata.source)} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <Link className="fr-btn fr-btn--tertiary" to={historyUrl(metadata.source)}>
            Historique
          </Link>
        </li>
      </ul>
      {updated && (
        <p className="essaim-last-update fr-text--sm">
          Dernière modification publiée le <time dateTime={updated.toISOString()}>{updateFormat.format(updated)}</time>{' '}
          (d’après l’historique Git).
        </p>
      )}
    </div>
  );
}
