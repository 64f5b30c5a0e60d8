/** The DSFR header above Docusaurus' navbar (main navigation, search, edition menu). */
import Navbar from '@theme-original/Navbar';
import Header from '@site/src/components/site/Header.tsx';

// Docusaurus' navbar takes no props.
export default function NavbarWrapper() {
  return (
    <>
      <Header />
      <Navbar />
    </>
  );
}
