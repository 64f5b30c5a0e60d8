/** The navbar's search (rendered by the classic theme for the `{ type: 'search' }` navbar item). */
import type { ReactNode } from 'react';
import SearchBox from '../components/search/SearchBox.tsx';

export default function SearchBar(): ReactNode {
  return <SearchBox />;
}
