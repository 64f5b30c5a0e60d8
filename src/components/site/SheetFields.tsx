/**
 * The structured fields of a practice sheet, shown above its text: maillons, territoires, publics,
 * porteur, critères, stade, évaluation, coûts, partenaires, contacts, resources, linked entries and
 * last review — with the French labels of the schemas (global data `essaim-sheets`) and of the vocabularies
 * (global data `essaim-content`).
 */
import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { SheetsData } from '@site/src/plugins/sheets/types.ts';
import { asRecord, asStrings, frenchDate, label, str } from './format.ts';
import { useContentData } from './contentData.ts';
import { collections } from '@site/src/content/collections.ts';
import { needsReview } from '@site/src/content/review.ts';
import { localDate } from '@site/src/plugins/content/shared/status.ts';
import { useNow } from '@site/src/components/catalog/Status.tsx';

export function useSheetsData(): SheetsData {
  return (
    (usePluginData('essaim-sheets') as SheetsData | undefined) ?? {
      fields: {},
      labels: {},
      maillons: [],
    }
  );
}

function Tags({
  values,
  labels,
  kind,
}: {
  values: string[];
  labels: Record<string, string> | undefined;
  kind: string;
}) {
  return (
    <ul className="fr-tags-group essaim-tags" data-champ={kind}>
      {values.map((v) => (
        <li key={v}>
          <span className="fr-tag fr-tag--sm">{label(labels, v)}</span>
        </li>
      ))}
    </ul>
  );
}

function Row({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <div className="essaim-field" data-champ={name}>
      <dt>{title}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link to={href}>{children}</Link>;
}

export default function SheetFields({ frontMatter }: { frontMatter: Record<string, unknown> }) {
  const data = useSheetsData();
  const content = useContentData();
  const now = useNow();
  const refs = content.refs ?? {};
  const vocab = (name: string): Record<string, string> | undefined => content.vocabularies?.[name];
  const f = (name: string): string => data.fields[name] ?? name;
  const rows: ReactNode[] = [];

  const maillons = asStrings(frontMatter.maillons);
  if (maillons.length)
    rows.push(
      <Row key="maillons" name="maillons" title={f('maillons')}>
        <Tags kind="maillons" values={maillons} labels={vocab('maillon')} />
      </Row>,
    );
  const territoires = asStrings(frontMatter.territoires);
  if (territoires.length)
    rows.push(
      <Row key="territoires" name="territoires" title={f('territoires')}>
        <Tags kind="territoires" values={territoires} labels={vocab('territoire')} />
      </Row>,
    );
  const publics = asStrings(frontMatter.publics);
  if (publics.length)
    rows.push(
      <Row key="publics" name="publics" title={f('publics')}>
        <Tags kind="publics" values={publics} labels={vocab('public')} />
      </Row>,
    );

  const porteur = asRecord(frontMatter.porteur);
  if (porteur) {
    const nom = str(porteur.nom) ?? '';
    const site = str(porteur.site);
    const type = str(porteur.type);
    rows.push(
      <Row key="porteur" name="porteur" title={f('porteur')}>
        {site ? <ExternalLink href={site}>{nom}</ExternalLink> : nom}
        {type && <span className="essaim-muted"> — {label(vocab('type_structure'), type)}</span>}
      </Row>,
    );
  }
  const criteres = asStrings(frontMatter.criteres);
  if (criteres.length)
    rows.push(
      <Row key="criteres" name="criteres" title={f('criteres')}>
        <Tags kind="criteres" values={criteres} labels={vocab('critere')} />
      </Row>,
    );
  const stade = str(frontMatter.stade);
  if (stade)
    rows.push(
      <Row key="stade" name="stade" title={f('stade')}>
        <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">{label(vocab('stade'), stade)}</span>
      </Row>,
    );
  const nature = str(frontMatter.nature);
  if (nature)
    rows.push(
      <Row key="nature" name="nature" title={f('nature')}>
        {label(data.labels.nature, nature)}
      </Row>,
    );
  const preuve = str(frontMatter.niveau_preuve);
  const preuveLien = str(frontMatter.preuve_lien);
  if (preuve)
    rows.push(
      <Row key="niveau_preuve" name="niveau_preuve" title={f('niveau_preuve')}>
        {label(data.labels.niveau_preuve, preuve)}
        {preuveLien && (
          <>
            {' — '}
            <ExternalLink href={preuveLien}>{f('preuve_lien')}</ExternalLink>
          </>
        )}
      </Row>,
    );
  const chiffres = Array.isArray(frontMatter.chiffres)
    ? frontMatter.chiffres.map(asRecord).filter((c): c is Record<string, unknown> => !!c)
    : [];
  if (chiffres.length)
    rows.push(
      <Row key="chiffres" name="chiffres" title={f('chiffres')}>
        <ul className="essaim-list">
          {chiffres.map((c, i) => {
            const source = str(c.source);
            return (
              <li key={i}>
                {str(c.valeur)}
                {typeof c.annee === 'number' && <span className="essaim-muted"> ({c.annee})</span>}
                {source && (
                  <>
                    {' — '}
                    <ExternalLink href={source}>{f('chiffres.source')}</ExternalLink>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </Row>,
    );
  if (frontMatter.visites_apprenantes === true)
    rows.push(
      <Row key="visites_apprenantes" name="visites_apprenantes" title={f('visites_apprenantes')}>
        Oui
      </Row>,
    );
  const couts = str(frontMatter.couts);
  if (couts)
    rows.push(
      <Row key="couts" name="couts" title={f('couts')}>
        {couts}
      </Row>,
    );
  const partenaires = asStrings(frontMatter.partenaires);
  if (partenaires.length)
    rows.push(
      <Row key="partenaires" name="partenaires" title={f('partenaires')}>
        {partenaires.join(' · ')}
      </Row>,
    );

  const contacts = Array.isArray(frontMatter.contacts)
    ? frontMatter.contacts.map(asRecord).filter((c): c is Record<string, unknown> => !!c)
    : [];
  if (contacts.length) {
    rows.push(
      <Row key="contacts" name="contacts" title={f('contacts')}>
        <ul className="essaim-list">
          {contacts.map((c, i) => {
            const structure = str(c.structure) ?? '';
            const site = str(c.site);
            const courriel = str(c.courriel);
            const role = str(c.role);
            return (
              <li key={i}>
                {site ? <ExternalLink href={site}>{structure}</ExternalLink> : structure}
                {role && <span className="essaim-muted"> — {role}</span>}
                {courriel && (
                  <>
                    {' '}
                    (<a href={`mailto:${courriel}`}>{courriel}</a>)
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </Row>,
    );
  }

  const ressources = Array.isArray(frontMatter.ressources)
    ? frontMatter.ressources.map(asRecord).filter((r): r is Record<string, unknown> => !!r)
    : [];
  if (ressources.length) {
    rows.push(
      <Row key="ressources" name="ressources" title={f('ressources')}>
        <ul className="essaim-list">
          {ressources.map((r, i) => {
            const url = str(r.url);
            const titre = str(r.titre) ?? url ?? '';
            return <li key={i}>{url ? <ExternalLink href={url}>{titre}</ExternalLink> : titre}</li>;
          })}
        </ul>
      </Row>,
    );
  }

  const liees = asStrings(frontMatter.ressources_liees);
  if (liees.length) {
    rows.push(
      <Row key="ressources_liees" name="ressources_liees" title={f('ressources_liees')}>
        <ul className="essaim-list">
          {liees.map((ref) => {
            const target = refs[ref];
            return <li key={ref}>{target ? <Link to={target.url}>{target.titre}</Link> : <span>{ref}</span>}</li>;
          })}
        </ul>
      </Row>,
    );
  }

  const revue = str(frontMatter.derniere_revue);
  // Past its review interval (reader's clock, the same rule as `essaim stale`), the sheet says so.
  const practices = collections.get('practices');
  const overdue = now !== null && practices !== undefined && needsReview(practices, frontMatter, localDate(now));
  if (revue)
    rows.push(
      <Row key="derniere_revue" name="derniere_revue" title={f('derniere_revue')}>
        <time dateTime={revue}>{frenchDate(revue)}</time>
        {overdue && (
          <>
            {' '}
            <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon" data-revue="a-verifier">
              À vérifier
            </span>
          </>
        )}
      </Row>,
    );

  return (
    <section className="essaim-sheet-fields" aria-label="Informations clés de la fiche">
      <dl>{rows}</dl>
    </section>
  );
}
