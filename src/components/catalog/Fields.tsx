/** The fields of an entry page, as prepared by the plugin (French labels from the schemas). */
import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { FieldView, ItemView } from '../../plugins/content/shared/model.js';
import { formatDate } from './format.js';
import { StatusBadge } from './Status.js';
import styles from './catalog.module.css';

function ExternalLink({ href, children }: { href: string; children: ReactNode }): ReactNode {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className={styles.srOnly}> (nouvelle fenêtre)</span>
    </a>
  );
}

function Value({ field, now }: { field: FieldView; now: number | null }): ReactNode {
  switch (field.kind) {
    case 'text':
      return <span className={styles.pre}>{field.value}</span>;
    case 'url':
      return <ExternalLink href={field.value}>{field.value.replace(/^https:\/\//, '')}</ExternalLink>;
    case 'email':
      return <a href={`mailto:${field.value}`}>{field.value}</a>;
    case 'date':
      return <time dateTime={field.value}>{formatDate(field.value)}</time>;
    case 'labels':
      return (
        <ul className={styles.tags}>
          {field.value.map((v) => (
            <li key={v} className="fr-tag fr-tag--sm">
              {v}
            </li>
          ))}
        </ul>
      );
    case 'list':
      return (
        <ul>
          {field.value.map((v, i) => (
            <li key={i}>{v}</li>
          ))}
        </ul>
      );
    case 'links':
      return (
        <ul>
          {field.value.map((l) => (
            <li key={l.url}>
              <ExternalLink href={l.url}>{l.titre}</ExternalLink>
            </li>
          ))}
        </ul>
      );
    case 'refs':
      return (
        <ul>
          {field.value.map((r) => (
            <li key={r.ref}>{r.url ? <Link to={r.url}>{r.titre}</Link> : r.titre}</li>
          ))}
        </ul>
      );
    case 'group':
      return <FieldList fields={field.value} now={now} />;
    case 'items':
      return <Items items={field.value} now={now} />;
  }
}

export function FieldList({ fields, now }: { fields: readonly FieldView[]; now: number | null }): ReactNode {
  const simple = fields.filter((f) => f.kind !== 'items');
  const blocks = fields.filter((f) => f.kind === 'items');
  return (
    <>
      {simple.length > 0 && (
        <dl className={styles.fields}>
          {simple.map((f) => (
            <div key={f.label} className={styles.field}>
              <dt>{f.label}</dt>
              <dd>
                <Value field={f} now={now} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {blocks.map((f) => (
        <section key={f.label} className={styles.block}>
          <h2>{f.label}</h2>
          <Value field={f} now={now} />
        </section>
      ))}
    </>
  );
}

function Items({ items, now }: { items: readonly ItemView[]; now: number | null }): ReactNode {
  // Calls are linked to by their anchor (/financements/<financeur>#appel-<id>).
  const brokenLinks = useBrokenLinks();
  for (const item of items) if (item.anchor) brokenLinks.collectAnchor(item.anchor);
  return (
    <ul className={styles.items}>
      {items.map((item, i) => (
        <li key={item.anchor ?? i} id={item.anchor} className={styles.item}>
          {item.title && <h3>{item.title}</h3>}
          {item.status && (
            <p>
              <StatusBadge kind={item.status} window={item.window} now={now} recurrence={item.recurrence} />
            </p>
          )}
          <FieldList fields={item.fields} now={now} />
        </li>
      ))}
    </ul>
  );
}
