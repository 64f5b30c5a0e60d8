/** The portal's own search bar (the site's theme component). */
export { default } from '../../../../../src/theme/SearchBar.tsx';
