/**
 * The cards of the sheets' index pages (/fiches, /fiches/maillon/<maillon>, and the same in each
 * edition), as DSFR cards: a maillon with its number of sheets, a sheet with its summary.
 */
import Link from '@docusaurus/Link';
import type { PropSidebarItem } from '@docusaurus/plugin-content-docs';
import { filterDocCardListItems, useCurrentSidebarSiblings, useDocById } from '@docusaurus/plugin-content-docs/client';

type Props = { items?: PropSidebarItem[]; className?: string };

function countDocs(items: readonly PropSidebarItem[]): number {
  return items.reduce(
    (n, item) => n + (item.type === 'link' ? 1 : item.type === 'category' ? countDocs(item.items) : 0),
    0,
  );
}

const fiches = (n: number): string => (n === 0 ? 'Aucune fiche pour l’instant' : n === 1 ? '1 fiche' : `${n} fiches`);

function DocCardItem({ item }: { item: PropSidebarItem }) {
  const doc = useDocById(item.type === 'link' ? (item.docId ?? undefined) : undefined);
  if (item.type !== 'link' && item.type !== 'category') return null;
  const href = item.href;
  if (!href) return null;
  const detail = item.type === 'category' ? fiches(countDocs(item.items)) : undefined;
  const description = item.type === 'link' ? doc?.description : undefined;
  return (
    <li>
      <div className="fr-card fr-enlarge-link fr-card--sm">
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h2 className="fr-card__title">
              <Link to={href}>{item.label}</Link>
            </h2>
            {description && <p className="fr-card__desc">{description}</p>}
            {detail && (
              <div className="fr-card__end">
                <p className="fr-card__detail">{detail}</p>
              </div>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}

function CardList({ items }: { items: PropSidebarItem[] }) {
  const visible = filterDocCardListItems(items);
  if (visible.length === 0) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">Aucune fiche pratique pour ce maillon pour l’instant.</p>
        <Link className="fr-btn" to="/contribuer/proposer">
          Proposer une fiche
        </Link>
      </div>
    );
  }
  return (
    <ul className="essaim-tiles essaim-doc-cards">
      {visible.map((item, i) => (
        <DocCardItem key={i} item={item} />
      ))}
    </ul>
  );
}

function CurrentCategoryCards() {
  return <CardList items={useCurrentSidebarSiblings()} />;
}

export default function DocCardList({ items }: Props) {
  return items ? <CardList items={items} /> : <CurrentCategoryCards />;
}
