/**
 * Docusaurus' breadcrumb JSON-LD, with the JSON escaped for a script element: sheet titles are
 * written by anonymous contributors (the original writes a bare JSON.stringify).
 */
import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import { useBreadcrumbsStructuredData } from '@docusaurus/plugin-content-docs/client';
import type { Props } from '@theme/DocBreadcrumbs/StructuredData';
import { scriptJson } from '../../../plugins/content/shared/escape.js';

export default function DocBreadcrumbsStructuredData({ breadcrumbs }: Props): ReactNode {
  const data = useBreadcrumbsStructuredData({ breadcrumbs });
  return (
    <Head>
      <script type="application/ld+json">{scriptJson(data)}</script>
    </Head>
  );
}
