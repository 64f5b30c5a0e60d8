/** Practice sheets end with how to cite them (with their edition), and repeat their edit, history and update links. */
import Footer from '@theme-original/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import type { WrapperProps } from '@docusaurus/types';
import { useActivePlugin } from '@docusaurus/plugin-content-docs/client';
import SheetLinks, { SheetCitation } from '@site/src/components/site/SheetLinks.tsx';

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props) {
  const plugin = useActivePlugin();
  if (plugin?.pluginId !== 'practices') return <Footer {...props} />;
  return (
    <footer className="essaim-sheet-footer">
      <SheetCitation />
      <SheetLinks />
    </footer>
  );
}
