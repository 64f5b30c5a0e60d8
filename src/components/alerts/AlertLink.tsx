/**
 * « M'alerter pour cette recherche »: a link from a catalog to `/alertes`, with the catalog's
 * collection and its territory and maillon filters as the alert's criteria.
 */
import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { allCollections } from '../../content/collections.js';

export function alertSearch(route: string, values: Readonly<Record<string, readonly string[]>>): string {
  const params = new URLSearchParams();
  // The calls' catalog (`/financements/appels`) is the « appels à projets » content.
  const collection = allCollections().find((c) => c.route === route);
  if (route.endsWith('/appels')) params.append('contenus', 'appels');
  else if (collection) params.append('contenus', collection.name);
  for (const key of ['territoires', 'maillons']) for (const v of values[key] ?? []) if (v) params.append(key, v);
  return `?${params.toString()}`;
}

export default function AlertLink({
  route,
  values,
}: {
  route: string;
  values: Readonly<Record<string, readonly string[]>>;
}): ReactNode {
  return <Link to={`/alertes${alertSearch(route, values)}`}>M’alerter pour cette recherche</Link>;
}
