/** Docusaurus' JSON-LD of the news list, with the JSON escaped for a script element (see DocBreadcrumbs/StructuredData). */
import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import { useBlogListPageStructuredData } from '@docusaurus/plugin-content-blog/client';
import type { Props } from '@theme/BlogListPage/StructuredData';
import { scriptJson } from '../../../plugins/content/shared/escape.js';

export default function BlogListPageStructuredData(props: Props): ReactNode {
  const data = useBlogListPageStructuredData(props);
  return (
    <Head>
      <script type="application/ld+json">{scriptJson(data)}</script>
    </Head>
  );
}
