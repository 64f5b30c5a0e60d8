/** The service's name and the bloc-marque are in the DSFR header above the navbar: no second logo. */
export default function NavbarLogo() {
  return null;
}
