/** The editions menu only makes sense next to the practice sheets: shown on /fiches pages only. */
import DocsVersionDropdownNavbarItem from '@theme-original/NavbarItem/DocsVersionDropdownNavbarItem';
import type DocsVersionDropdownNavbarItemType from '@theme/NavbarItem/DocsVersionDropdownNavbarItem';
import type { WrapperProps } from '@docusaurus/types';
import { useActivePlugin } from '@docusaurus/plugin-content-docs/client';

type Props = WrapperProps<typeof DocsVersionDropdownNavbarItemType>;

export default function EditionsMenu(props: Props) {
  const active = useActivePlugin();
  if (active?.pluginId !== props.docsPluginId) return null;
  return <DocsVersionDropdownNavbarItem {...props} />;
}
