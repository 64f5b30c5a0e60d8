/** The JSON-LD of a news entry's page (schema.org NewsArticle), escaped for a script element. */
import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import { scriptJson } from '../../plugins/content/shared/escape.js';

export default function NewsArticleData({
  headline,
  description,
  published,
  modified,
  url,
  publisher,
}: {
  headline: string;
  description: string;
  published: string;
  modified?: string | undefined;
  url: string;
  publisher: string;
}): ReactNode {
  return (
    <Head>
      <script type="application/ld+json">
        {scriptJson({
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline,
          description,
          datePublished: published,
          ...(modified ? { dateModified: modified } : {}),
          url,
          publisher: { '@type': 'Organization', name: publisher },
        })}
      </script>
    </Head>
  );
}
