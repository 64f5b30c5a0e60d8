/**
 * The plugin's global data (`useGlobalData()['essaim-content'].default`, or `usePluginData`):
 * small, since every page of the site ships it.
 *
 * - `refs`: `Record<'<collection>/<id>', { titre, url }>` for every entry some other entry links
 *   to (`ressources_liees`), so that sheets show their linked resources with titles and links.
 * - `vocabularies`: French labels of the shared vocabularies (maillon, critere, stade, public,
 *   type_structure, territoire), by code.
 * - `territoryParents`: département → région (`dep-34` → `reg-76`).
 * - `latest`: the 6 most recently updated entries across collections.
 * - `closingSoon`: calls not closed at build time, nearest deadline first (10 at most); the
 *   browser computes their status from its own clock.
 * - `upcomingEvents`: events not over at build time, soonest first (10 at most).
 */
import { vocabularies, territoryParents } from '../../content/schemas.js';
import type { LoadedEntry } from './load.js';
import type { EssaimGlobalData, Refs } from './shared/model.js';
import { callsOf, callUrl, entryUrl } from './views.js';

export type { EssaimGlobalData, LatestRef } from './shared/model.js';

export function allRefs(entries: readonly LoadedEntry[]): Refs {
  const refs: Refs = {};
  for (const e of entries) refs[`${e.collection.name}/${e.id}`] = { titre: e.data.titre, url: entryUrl(e) };
  return refs;
}

export function globalData(entries: readonly LoadedEntry[], today: string): EssaimGlobalData {
  const all = allRefs(entries);
  const refs: Refs = {};
  for (const e of entries) {
    for (const r of Array.isArray(e.data.ressources_liees) ? (e.data.ressources_liees as string[]) : [])
      if (all[r]) refs[r] = all[r];
  }
  const vocab: Record<string, Record<string, string>> = {};
  for (const [name, v] of Object.entries(vocabularies())) vocab[name] = v.labels;
  const latest = [...entries]
    .sort((a, b) => b.data.date_maj.localeCompare(a.data.date_maj) || a.file.localeCompare(b.file))
    .slice(0, 6)
    .map((e) => ({
      titre: e.data.titre,
      url: entryUrl(e),
      collection_label: e.collection.label,
      date_maj: e.data.date_maj,
    }));
  const closingSoon = callsOf(entries.filter((e) => e.collection.name === 'funders'))
    .filter(({ call }) => typeof call.cloture === 'string' && call.cloture >= today)
    .sort((a, b) => String(a.call.cloture).localeCompare(String(b.call.cloture)))
    .slice(0, 10)
    .map(({ funder, call }) => ({
      titre: String(call.titre),
      financeur: funder.data.titre,
      url: callUrl(funder, String(call.id)),
      ouverture: typeof call.ouverture === 'string' ? call.ouverture : null,
      cloture: String(call.cloture),
    }));
  const upcomingEvents = entries
    .filter(
      (e) =>
        e.collection.name === 'events' &&
        typeof e.data.debut === 'string' &&
        (typeof e.data.fin === 'string' ? e.data.fin : e.data.debut).slice(0, 10) >= today,
    )
    .sort((a, b) => String(a.data.debut).localeCompare(String(b.data.debut)))
    .slice(0, 10)
    .map((e) => ({
      titre: e.data.titre,
      url: entryUrl(e),
      debut: String(e.data.debut),
      fin: typeof e.data.fin === 'string' ? e.data.fin : null,
      lieu: typeof e.data.lieu === 'string' ? e.data.lieu : e.data.en_ligne === true ? 'En ligne' : null,
    }));
  return { refs, vocabularies: vocab, territoryParents: territoryParents(), latest, closingSoon, upcomingEvents };
}
