/**
 * « Votre territoire » on the home page: choose a région or a département and open its page.
 * Without JavaScript, the link to /territoires and its full list remain.
 */
import { useState, type SyntheticEvent, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { usePluginData } from '@docusaurus/useGlobalData';
import { PLUGIN_NAME, type EssaimGlobalData } from '../../plugins/content/shared/model.js';
import { childrenOf } from '../../plugins/content/shared/territory.js';

export default function TerritoryChooser(): ReactNode {
  const { vocabularies, territoryParents } = usePluginData(PLUGIN_NAME) as EssaimGlobalData;
  const labels = vocabularies.territoire ?? {};
  const children = childrenOf(territoryParents);
  const regions = Object.keys(labels)
    .filter((t) => t.startsWith('reg-'))
    .sort((a, b) => (labels[a] ?? a).localeCompare(labels[b] ?? b, 'fr'));
  const [code, setCode] = useState('');
  const history = useHistory();
  const base = useBaseUrl('/territoires/');
  const onSubmit = (e: SyntheticEvent): void => {
    e.preventDefault();
    if (code) history.push(`${base}${code}`);
  };
  return (
    <form className="essaim-territoire" onSubmit={onSubmit} aria-label="Votre territoire">
      <label htmlFor="votre-territoire" className="fr-label">
        Région ou département
      </label>
      <select
        id="votre-territoire"
        className="fr-select"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      >
        <option value="">Choisissez…</option>
        {regions.map((r) => (
          <optgroup key={r} label={labels[r] ?? r}>
            <option value={r}>{`${labels[r] ?? r} (toute la région)`}</option>
            {(children.get(r) ?? []).sort().map((d) => (
              <option key={d} value={d}>
                {`${labels[d] ?? d} (${d.slice(4)})`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="submit" className="fr-btn">
        Voir ce territoire
      </button>
      <p>
        <Link to="/territoires">Carte et liste de tous les territoires</Link>
      </p>
    </form>
  );
}
