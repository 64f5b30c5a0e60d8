/**
 * French administrative geography. The territory vocabulary of `defs.schema.json` holds « national »,
 * the régions (`reg-<INSEE>`) and the départements (`dep-<INSEE>`). An entry may also be tagged with
 * a commune (`com-<INSEE>`) or an intercommunality (`epci-<SIREN>`), checked against the official
 * geography (COG, package `@etalab/decoupage-administratif`, read only when such a code is met):
 * this module says whether such a code exists and which départements and régions it lies in, so that
 * the entry is found from those territories too.
 */
import { createRequire } from 'node:module';
import { territoryParents, vocabularies } from './schemas.js';

export type TerritoryKind = 'national' | 'region' | 'departement' | 'epci' | 'commune';

export interface Territory {
  code: string;
  /** French name, with the département number for a commune: « Montpellier (34) ». */
  label: string;
  kind: TerritoryKind;
  /** The départements (`dep-…`) and régions (`reg-…`) it lies in; empty for « national » and a région. */
  within: string[];
}

export const COMMUNE = /^com-(\d[\dAB]\d{3})$/;
export const EPCI = /^epci-(\d{9})$/;

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
}
interface CogEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface LocalGeography {
  communes: Map<string, Territory>;
  epcis: Map<string, Territory>;
  /** Postal codes of each commune code (`com-…`), for search. */
  postalCodes: Map<string, string[]>;
}

let local: LocalGeography | undefined;

function localGeography(): LocalGeography {
  if (local) return local;
  const require = createRequire(import.meta.url);
  const cogCommunes = require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  const cogEpcis = require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[];
  const communes = new Map<string, Territory>();
  const postalCodes = new Map<string, string[]>();
  for (const c of cogCommunes) {
    if (c.type !== 'commune-actuelle' || !c.departement || !c.region) continue;
    const code = `com-${c.code}`;
    communes.set(code, {
      code,
      label: `${c.nom} (${c.departement})`,
      kind: 'commune',
      within: [`dep-${c.departement}`, `reg-${c.region}`],
    });
    postalCodes.set(code, c.codesPostaux ?? []);
  }
  const epcis = new Map<string, Territory>();
  for (const e of cogEpcis) {
    const within = new Set<string>();
    for (const m of e.membres) for (const w of communes.get(`com-${m.code}`)?.within ?? []) within.add(w);
    const code = `epci-${e.code}`;
    epcis.set(code, { code, label: e.nom, kind: 'epci', within: [...within].sort() });
  }
  local = { communes, epcis, postalCodes };
  return local;
}

/** « national », the régions and the départements of the vocabulary. */
export function vocabularyTerritories(): Territory[] {
  const labels = vocabularies().territoire?.labels ?? {};
  const parents = territoryParents();
  return Object.entries(labels).map(([code, label]) => {
    const kind: TerritoryKind = code === 'national' ? 'national' : code.startsWith('reg-') ? 'region' : 'departement';
    const parent = parents[code];
    return { code, label, kind, within: parent ? [parent] : [] };
  });
}

/** The territory of a code of the vocabulary, a commune or an EPCI; undefined when it does not exist. */
export function territoryOf(code: string): Territory | undefined {
  if (COMMUNE.test(code)) return localGeography().communes.get(code);
  if (EPCI.test(code)) return localGeography().epcis.get(code);
  return vocabularyTerritories().find((t) => t.code === code);
}

/**
 * The tags of an entry plus the départements and régions its communes and EPCI lie in (in the order
 * met, without duplicates). Tags of the vocabulary are kept as they are: the département → région
 * hierarchy of the filters applies to them as before. With `departements`, only the départements
 * are added: the filters' hierarchy finds them from their région, and a commune is then not shown
 * in every département of its région as a région-wide entry would be.
 */
export function expandTerritories(tags: readonly string[], levels: 'all' | 'departements' = 'all'): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    out.add(tag);
    if (COMMUNE.test(tag) || EPCI.test(tag))
      for (const w of territoryOf(tag)?.within ?? []) if (levels === 'all' || w.startsWith('dep-')) out.add(w);
  }
  return [...out];
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Territories whose name starts with (or, after those, contains) `query`, or whose code or postal
 * code is `query`: régions and départements first, then communes, then EPCI; at most `limit`.
 */
export function searchTerritories(query: string, limit = 20): Territory[] {
  const q = fold(query);
  if (!q) return [];
  const geo = localGeography();
  const all = [...vocabularyTerritories(), ...geo.communes.values(), ...geo.epcis.values()];
  const starts: Territory[] = [];
  const contains: Territory[] = [];
  for (const t of all) {
    const name = fold(t.label);
    const number = t.code.replace(/^[a-z]+-/, '').toLowerCase();
    if (number === q || (geo.postalCodes.get(t.code) ?? []).includes(q) || name.startsWith(q)) starts.push(t);
    else if (name.includes(` ${q}`)) contains.push(t);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}
