/**
 * The text of a sheet, in Markdown, with a preview. The preview is built from the Markdown syntax
 * tree as React elements: raw HTML is shown as text, links only when they are http(s), so the
 * preview can never run anything.
 */
import { useId, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import type { Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

function render(node: Nodes, key: number | string = 0): ReactNode {
  const kids = 'children' in node ? (node.children as Nodes[]).map((c, i) => render(c, i)) : null;
  switch (node.type) {
    case 'root':
      return <>{kids}</>;
    case 'paragraph':
      return <p key={key}>{kids}</p>;
    case 'heading': {
      const H = `h${Math.min(6, Math.max(3, node.depth + 1))}` as 'h3';
      return <H key={key}>{kids}</H>;
    }
    case 'text':
      return node.value;
    case 'emphasis':
      return <em key={key}>{kids}</em>;
    case 'strong':
      return <strong key={key}>{kids}</strong>;
    case 'delete':
      return <del key={key}>{kids}</del>;
    case 'inlineCode':
      return <code key={key}>{node.value}</code>;
    case 'code':
      return (
        <pre key={key}>
          <code>{node.value}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{kids}</blockquote>;
    case 'list':
      return node.ordered ? <ol key={key}>{kids}</ol> : <ul key={key}>{kids}</ul>;
    case 'listItem':
      return <li key={key}>{kids}</li>;
    case 'thematicBreak':
      return <hr key={key} />;
    case 'break':
      return <br key={key} />;
    case 'link':
      return /^https?:\/\//i.test(node.url) ? (
        <a key={key} href={node.url} rel="noopener noreferrer nofollow" target="_blank">
          {kids}
        </a>
      ) : (
        <span key={key}>{kids}</span>
      );
    case 'image':
      return <span key={key}>[image : {node.alt ?? node.url}]</span>;
    case 'html':
      return <code key={key}>{node.value}</code>;
    default:
      return kids ? <span key={key}>{kids}</span> : null;
  }
}

/** The text as it will be published (the same safe rendering as the preview). */
export function MarkdownPreview({ value }: { value: string }): ReactElement {
  const tree = useMemo(() => unified().use(remarkParse).parse(value), [value]);
  return <>{tree.children.length > 0 ? render(tree) : <p>(Le texte est vide.)</p>}</>;
}

export interface MarkdownFieldProps {
  id: string;
  label: string;
  help: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[];
}

export default function MarkdownField({ id, label, help, value, onChange, errors }: MarkdownFieldProps): ReactElement {
  const [preview, setPreview] = useState(false);
  const helpId = useId();
  const errorId = `${id}__error`;
  const tree = useMemo(() => (preview ? unified().use(remarkParse).parse(value) : undefined), [preview, value]);
  return (
    <div className={`form-group essaim-markdown${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id} className="control-label">
        {label}
      </label>
      <p id={helpId} className="field-description">
        {help}
      </p>
      <div className="essaim-markdown__onglets">
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary"
          aria-pressed={!preview}
          onClick={() => setPreview(false)}
        >
          Écrire
        </button>
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary"
          aria-pressed={preview}
          onClick={() => setPreview(true)}
        >
          Aperçu
        </button>
      </div>
      {preview ? (
        <div className="essaim-markdown__apercu" role="region" aria-label="Aperçu du texte">
          {tree && tree.children.length > 0 ? render(tree) : <p>(Le texte est vide.)</p>}
        </div>
      ) : (
        <textarea
          id={id}
          className="form-control"
          rows={16}
          value={value}
          aria-describedby={errors.length ? `${helpId} ${errorId}` : helpId}
          aria-invalid={errors.length > 0}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {errors.length > 0 && (
        <ul id={errorId} className="error-detail">
          {errors.map((e) => (
            <li key={e} className="text-danger">
              {e}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
