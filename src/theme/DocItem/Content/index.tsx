/**
 * Practice sheets: the title, the summary and the sheet's structured fields above its text.
 * Other docs (none today) keep Docusaurus' rendering.
 */
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';
import type { WrapperProps } from '@docusaurus/types';
import Heading from '@theme/Heading';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { useActivePlugin } from '@docusaurus/plugin-content-docs/client';
import SheetFields from '@site/src/components/site/SheetFields.tsx';
import SheetLinks from '@site/src/components/site/SheetLinks.tsx';

type Props = WrapperProps<typeof ContentType>;

export default function ContentWrapper(props: Props) {
  const plugin = useActivePlugin();
  const { metadata, frontMatter, contentTitle } = useDoc();
  if (plugin?.pluginId !== 'practices') return <Content {...props} />;
  const fm = frontMatter as Record<string, unknown>;
  const resume = typeof fm.resume === 'string' ? fm.resume : undefined;
  return (
    <div className="essaim-sheet">
      {contentTitle === undefined && (
        <header className="essaim-sheet-header">
          <p className="fr-badge fr-badge--sm fr-badge--green-emeraude fr-badge--no-icon">Fiche pratique</p>
          <Heading as="h1">{metadata.title}</Heading>
          {resume && <p className="fr-text--lead">{resume}</p>}
        </header>
      )}
      <SheetFields frontMatter={fm} />
      <SheetLinks />
      <Content {...props} />
    </div>
  );
}
