/**
 * The one safe parser of entries. Every face (CLI, site build, submission service) reads entries
 * through `parseEntry`: only `---` YAML front matter (or a whole YAML file), no code evaluated,
 * positions kept for line:col errors.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Collection } from './collections.js';
import { problem, type Position, type Problem } from './problems.js';

export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 24;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedEntry {
  collection: Collection;
  /** Path relative to the repository root. */
  file: string;
  /** The entry's data (front matter or YAML document); undefined when it could not be read. */
  data: Record<string, unknown> | undefined;
  /** Markdown body (empty for YAML entries). */
  body: string;
  /** Line where the body starts (1-based). */
  bodyLine: number;
  /** The source text, BOM removed. */
  source: string;
  /** The YAML text: the front matter, or the whole file for YAML entries. */
  yaml: string;
  /** Problems found while reading (syntax, encoding, size…). */
  problems: Problem[];
  /** Locates a field of `data` by its path, for error messages. */
  locate(path: readonly (string | number)[], keyOnly?: boolean): Position;
}

const START: Position = { line: 1, col: 1 };

function failed(collection: Collection, file: string, source: string, problems: Problem[]): ParsedEntry {
  return { collection, file, data: undefined, body: '', bodyLine: 1, source, yaml: '', problems, locate: () => START };
}

function decode(bytes: Uint8Array, file: string): { text: string } | { error: Problem } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    return { error: problem(file, positionIn(loose, loose.indexOf('\uFFFD')), 'encodage', 'Le fichier n’est pas du texte UTF-8 valide.', 'Enregistrez le fichier en UTF-8 (c’est le choix par défaut de la plupart des éditeurs).') };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { error: problem(file, positionIn(text, nul), 'encodage', 'Le fichier contient des caractères nuls : ce n’est pas un fichier texte.', 'Remplacez-le par un fichier texte enregistré en UTF-8.') };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, col: Math.max(1, offset - last) };
}

interface FrontMatter { yaml: string; yamlLine: number; body: string; bodyLine: number }

function splitFrontMatter(text: string, file: string): FrontMatter | Problem {
  const firstEnd = text.indexOf('\n');
  const first = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  if (first.trim() === '' && text.trim() === '') {
    return problem(file, START, 'front-matter', 'Le fichier est vide.', 'Commencez le fichier par un bloc d’en-tête `---` en YAML, puis le texte (voir `essaim new`).');
  }
  if (first.startsWith('+++')) {
    return problem(file, START, 'front-matter', 'Le bloc d’en-tête TOML (`+++`) n’est pas accepté.', 'Écrivez l’en-tête en YAML entre deux lignes `---`.');
  }
  if (/^---\s*\S/.test(first)) {
    const lang = first.replace(/^---\s*/, '').trim();
    if (lang.toLowerCase() === 'yaml') return problem(file, START, 'front-matter', 'La première ligne doit être exactement `---`, sans nom de langage.', 'Remplacez la première ligne par `---`.');
    return problem(file, START, 'front-matter', `Le bloc d’en-tête « ${lang} » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.`, 'Remplacez la première ligne par `---` et écrivez les champs en YAML.');
  }
  if (first.trimEnd() !== '---') {
    return problem(file, START, 'front-matter', 'Le bloc d’en-tête est manquant : le fichier doit commencer par une ligne `---`.', 'Ajoutez en tête du fichier les champs en YAML, entre deux lignes `---`.');
  }
  const re = /^---[ \t]*\r?$/gm;
  re.lastIndex = firstEnd + 1;
  const close = re.exec(text);
  if (!close) {
    return problem(file, START, 'front-matter', 'Le bloc d’en-tête n’est pas fermé.', 'Ajoutez une ligne `---` après le dernier champ de l’en-tête.');
  }
  const yaml = text.slice(firstEnd + 1, close.index);
  const afterClose = text.indexOf('\n', close.index);
  const body = afterClose < 0 ? '' : text.slice(afterClose + 1);
  const closeLine = positionIn(text, close.index).line;
  return { yaml, yamlLine: 2, body, bodyLine: closeLine + 1 };
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const v of Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

/** Finds the YAML node at `path` (or the deepest existing parent), and the key node of the last step. */
function nodeAt(doc: Document, path: readonly (string | number)[]): { node: Node | null; key: Node | null } {
  let node = doc.contents as Node | null;
  let key: Node | null = null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return { node, key: null };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      key = null;
      node = node.items[step] as Node;
    } else {
      return { node, key: null };
    }
  }
  return { node, key };
}

const SYNTAX_HINT = 'Vérifiez l’indentation (des espaces, pas de tabulations) et mettez entre guillemets les textes qui contiennent « : » ou « # ».';

/** French messages for the YAML parser's error codes. */
const YAML_ERRORS: Partial<Record<YAMLError['code'], [string, string]>> = {
  DUPLICATE_KEY: ['Ce champ apparaît deux fois.', 'Gardez une seule occurrence du champ.'],
  TAB_AS_INDENT: ['Une tabulation sert d’indentation : le YAML n’accepte que des espaces.', 'Remplacez les tabulations du début de ligne par des espaces.'],
  BAD_INDENT: ['L’indentation est incorrecte ici, ou une liste entre crochets n’est pas fermée.', 'Alignez les champs d’un même niveau avec le même nombre d’espaces et fermez chaque « [ » par « ] ».'],
  MISSING_CHAR: ['Un caractère manque ici (guillemet, crochet ou accolade fermant).', 'Fermez les guillemets, crochets ou accolades ouverts plus haut.'],
  MULTILINE_IMPLICIT_KEY: ['Un nom de champ ne peut pas s’étendre sur plusieurs lignes.', SYNTAX_HINT],
  BLOCK_AS_IMPLICIT_KEY: ['Un « : » suivi d’une espace, dans une valeur sans guillemets, se lit comme un nouveau champ.', 'Mettez la valeur entre guillemets droits ("…").'],
  UNEXPECTED_TOKEN: ['Caractère inattendu à cet endroit.', SYNTAX_HINT],
  BAD_SCALAR_START: ['Une valeur ne peut pas commencer par ce caractère sans guillemets.', 'Mettez la valeur entre guillemets droits ("…").'],
  BAD_DQ_ESCAPE: ['Séquence d’échappement invalide entre guillemets.', 'Remplacez les barres obliques inverses (\\) par « / » ou doublez-les.'],
  KEY_OVER_1024_CHARS: ['Ce nom de champ est trop long.', SYNTAX_HINT],
  MULTIPLE_DOCS: ['Le fichier contient plusieurs documents YAML (séparés par ---).', 'Gardez une seule entrée par fichier.'],
  IMPOSSIBLE: ['Le YAML de cette ligne ne se lit pas.', SYNTAX_HINT],
};

const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core' } as const;

type Locate = ParsedEntry['locate'];

function positions(lineCounter: LineCounter, yamlLine: number): (offset: number) => Position {
  return (offset) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + yamlLine - 1, col: p.col };
  };
}

function locator(doc: Document, at: (offset: number) => Position, yamlLine: number): Locate {
  return (path, keyOnly = false) => {
    const { node, key } = nodeAt(doc, path);
    const target = keyOnly && key ? key : node;
    return target?.range ? at(target.range[0]) : { line: yamlLine, col: 1 };
  };
}

/**
 * A locator that reads the YAML text again the first time a problem has to be located: entries
 * keep their text, not their YAML tree, so validating thousands of entries stays light.
 */
function lazyLocator(yamlText: string, at: (offset: number) => Position, yamlLine: number): Locate {
  let locate: Locate | undefined;
  return (path, keyOnly) => (locate ??= locator(parseDocument(yamlText, YAML_OPTIONS), at, yamlLine))(path, keyOnly);
}

export function parseEntry(collection: Collection, file: string, input: Uint8Array | string): ParsedEntry {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_FILE_BYTES) {
    return failed(collection, file, '', [problem(file, START, 'taille-fichier', `Le fichier pèse ${(Math.ceil((size / 1024 / 1024) * 100) / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 })} Mo ; la limite est de 1 Mo.`, 'Raccourcissez le texte ou publiez les documents longs ailleurs et mettez-en le lien.')]);
  }
  const decoded = typeof input === 'string' ? decode(Buffer.from(input), file) : decode(input, file);
  if ('error' in decoded) return failed(collection, file, '', [decoded.error]);
  const text = decoded.text;

  let yamlText: string;
  let yamlLine = 1;
  let body = '';
  let bodyLine = 1;
  if (collection.format === 'md') {
    const fm = splitFrontMatter(text, file);
    if ('rule' in fm) return failed(collection, file, text, [fm]);
    ({ yaml: yamlText, yamlLine, body, bodyLine } = fm);
  } else {
    yamlText = text;
    if (text.trim() === '') return failed(collection, file, text, [problem(file, START, 'yaml', 'Le fichier est vide.', 'Créez l’entrée avec `essaim new` pour partir d’un modèle.')]);
  }

  const lineCounter = new LineCounter();
  const at = positions(lineCounter, yamlLine);
  let doc: Document;
  try {
    doc = parseDocument(yamlText, { lineCounter, ...YAML_OPTIONS });
  } catch (e) {
    if (e instanceof RangeError) return failed(collection, file, text, [problem(file, { line: yamlLine, col: 1 }, 'yaml', 'La structure YAML est trop profondément imbriquée.', `Gardez au plus ${MAX_DEPTH} niveaux d’imbrication.`)]);
    throw e;
  }
  // The YAML parser gives up on very deep nesting with one error per level (where it stops depends
  // on the stack size): say it once, in French, where the other depth checks do.
  if (doc.errors.some((err) => /call stack/i.test(err.message))) {
    return failed(collection, file, text, [problem(file, { line: yamlLine, col: 1 }, 'yaml', 'La structure YAML est trop profondément imbriquée.', `Gardez au plus ${MAX_DEPTH} niveaux d’imbrication.`)]);
  }
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const [message, hint] = YAML_ERRORS[err.code] ?? YAML_ERRORS.IMPOSSIBLE!;
    problems.push(problem(file, at(err.pos[0]), 'yaml', message, hint));
  }
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') continue;
    problems.push(problem(file, at(w.pos[0]), 'yaml', `L’étiquette YAML « ${yamlText.slice(w.pos[0], w.pos[1])} » n’est pas acceptée : le contenu est fait de données, pas de code.`, 'Supprimez l’étiquette et écrivez seulement la valeur.'));
  }
  visit(doc, {
    Alias(_, node) {
      problems.push(problem(file, at(node.range?.[0] ?? 0), 'yaml', 'Les alias YAML (`*nom`) ne sont pas acceptés.', 'Recopiez la valeur au lieu d’y faire référence.'));
      return visit.BREAK;
    },
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        problems.push(problem(file, at(pair.key.range?.[0] ?? 0), 'yaml', `Le nom de champ « ${String(pair.key.value)} » est interdit.`, 'Supprimez ce champ.'));
      }
    },
  });
  const locate = locator(doc, at, yamlLine);
  if (problems.length > 0) return { ...failed(collection, file, text, problems), locate };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    value = undefined;
  }
  if (value === undefined || depthOf(value) > MAX_DEPTH) {
    return { ...failed(collection, file, text, [problem(file, { line: yamlLine, col: 1 }, 'yaml', 'La structure YAML est trop profondément imbriquée.', `Gardez au plus ${MAX_DEPTH} niveaux d’imbrication.`)]), locate };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ...failed(collection, file, text, [problem(file, { line: yamlLine, col: 1 }, 'yaml', 'L’en-tête doit être une liste de champs `nom: valeur`.', 'Partez du modèle créé par `essaim new`.')]), locate };
  }
  return { collection, file, data: value as Record<string, unknown>, body, bodyLine, source: text, yaml: yamlText, problems, locate: lazyLocator(yamlText, at, yamlLine) };
}
