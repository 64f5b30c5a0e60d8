/** The DSFR header above Docusaurus' navbar (main navigation, search, edition menu). */
import Navbar from '@theme-original/Navbar';
import type NavbarType from '@theme/Navbar';
import type { WrapperProps } from '@docusaurus/types';
import Header from '@site/src/components/site/Header.tsx';

type Props = WrapperProps<typeof NavbarType>;

export default function NavbarWrapper(props: Props) {
  return (
    <>
      <Header />
      <Navbar {...props} />
    </>
  );
}
