import type { LoadContext, Plugin } from '@docusaurus/types';

/** The content plugin: loads every collection through the core and publishes it (being written). */
export default function essaimContentPlugin(_context: LoadContext): Plugin<undefined> {
  return { name: 'essaim-content' };
}
