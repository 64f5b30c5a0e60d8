import type { ReactElement } from 'react';

/** Trap for robots: a field hidden from people and from assistive technologies, that a robot fills. */
export function Honeypot({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}): ReactElement {
  return (
    <div className="essaim-piege" aria-hidden="true">
      <label htmlFor={id}>Ne pas remplir ce champ</label>
      <input
        id={id}
        name={id}
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
