/** Renders a Markdown body converted at build time (see src/plugins/content/markdown.ts), as React elements. */
import { createElement, type ReactNode } from 'react';
import type { HastLite } from '../../plugins/content/shared/model.js';

const VOID = new Set(['br', 'hr', 'img']);

function render(node: HastLite, key: number): ReactNode {
  if (typeof node === 'string') return node;
  const [tag, attrs, ...children] = node;
  const props: Record<string, unknown> = { key, ...(attrs ?? {}) };
  if (tag === 'a' && typeof attrs?.href === 'string' && /^https?:/i.test(attrs.href)) props.rel = 'noopener noreferrer';
  if (tag === 'img') props.loading = 'lazy';
  return VOID.has(tag) ? createElement(tag, props) : createElement(tag, props, ...children.map(render));
}

export default function Markdown({ nodes }: { nodes: readonly HastLite[] }): ReactNode {
  if (nodes.length === 0) return null;
  return <div className="essaim-markdown">{nodes.map(render)}</div>;
}
