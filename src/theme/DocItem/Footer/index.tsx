/** Practice sheets end with how to cite them (with their edition), and repeat their edit, history and update links. */
import Footer from '@theme-original/DocItem/Footer';
import { useActivePlugin } from '@docusaurus/plugin-content-docs/client';
import SheetLinks, { SheetCitation } from '@site/src/components/site/SheetLinks.tsx';

// Docusaurus' sheet footer takes no props.
export default function FooterWrapper() {
  const plugin = useActivePlugin();
  if (plugin?.pluginId !== 'practices') return <Footer />;
  return (
    <footer className="essaim-sheet-footer">
      <SheetCitation />
      <SheetLinks />
    </footer>
  );
}
