/** Docusaurus' JSON-LD of a news post, with the JSON escaped for a script element (see DocBreadcrumbs/StructuredData). */
import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import { useBlogPostStructuredData } from '@docusaurus/plugin-content-blog/client';
import { scriptJson } from '../../../plugins/content/shared/escape.js';

export default function BlogPostStructuredData(): ReactNode {
  const data = useBlogPostStructuredData();
  return (
    <Head>
      <script type="application/ld+json">{scriptJson(data)}</script>
    </Head>
  );
}
