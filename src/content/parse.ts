/**
 * The one safe parser of entries. Every face (CLI, site build, submission service) reads entries
 * through `parseEntry`: only `---` YAML front matter (or a whole YAML file), no code evaluated,
 * positions kept for line:col errors.
 */
import { CORE_SCHEMA, load, YAMLException, type LoadOptions, type State as JsYamlState } from 'js-yaml';
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { Collection } from './collections.js';
import { problem, type Position, type Problem } from './problems.js';

export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 24;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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
    return {
      error: problem(
        file,
        positionIn(loose, loose.indexOf('\uFFFD')),
        'encodage',
        'Le fichier n’est pas du texte UTF-8 valide.',
        'Enregistrez le fichier en UTF-8 (c’est le choix par défaut de la plupart des éditeurs).',
      ),
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      error: problem(
        file,
        positionIn(text, nul),
        'encodage',
        'Le fichier contient des caractères nuls : ce n’est pas un fichier texte.',
        'Remplacez-le par un fichier texte enregistré en UTF-8.',
      ),
    };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, col: Math.max(1, offset - last) };
}

interface FrontMatter {
  yaml: string;
  yamlLine: number;
  body: string;
  bodyLine: number;
}

function splitFrontMatter(text: string, file: string): FrontMatter | Problem {
  const firstEnd = text.indexOf('\n');
  const first = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  if (first.trim() === '' && text.trim() === '') {
    return problem(
      file,
      START,
      'front-matter',
      'Le fichier est vide.',
      'Commencez le fichier par un bloc d’en-tête `---` en YAML, puis le texte (voir `essaim new`).',
    );
  }
  if (first.startsWith('+++')) {
    return problem(
      file,
      START,
      'front-matter',
      'Le bloc d’en-tête TOML (`+++`) n’est pas accepté.',
      'Écrivez l’en-tête en YAML entre deux lignes `---`.',
    );
  }
  if (/^---\s*\S/.test(first)) {
    const lang = first.replace(/^---\s*/, '').trim();
    if (lang.toLowerCase() === 'yaml')
      return problem(
        file,
        START,
        'front-matter',
        'La première ligne doit être exactement `---`, sans nom de langage.',
        'Remplacez la première ligne par `---`.',
      );
    return problem(
      file,
      START,
      'front-matter',
      `Le bloc d’en-tête « ${lang} » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.`,
      'Remplacez la première ligne par `---` et écrivez les champs en YAML.',
    );
  }
  if (first.trimEnd() !== '---') {
    return problem(
      file,
      START,
      'front-matter',
      'Le bloc d’en-tête est manquant : le fichier doit commencer par une ligne `---`.',
      'Ajoutez en tête du fichier les champs en YAML, entre deux lignes `---`.',
    );
  }
  const re = /^---[ \t]*\r?$/gm;
  re.lastIndex = firstEnd + 1;
  const close = re.exec(text);
  if (!close) {
    return problem(
      file,
      START,
      'front-matter',
      'Le bloc d’en-tête n’est pas fermé.',
      'Ajoutez une ligne `---` après le dernier champ de l’en-tête.',
    );
  }
  const yaml = text.slice(firstEnd + 1, close.index);
  const afterClose = text.indexOf('\n', close.index);
  const body = afterClose < 0 ? '' : text.slice(afterClose + 1);
  const closeLine = positionIn(text, close.index).line;
  return { yaml, yamlLine: 2, body, bodyLine: closeLine + 1 };
}

/** The `yaml` library (syntax trees with positions) is loaded the first time a field is located. */
const require = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlLib ??= require('yaml') as typeof import('yaml'));

/** Finds the YAML node at `path` (or the deepest existing parent), and the key node of the last step. */
function nodeAt(doc: Document, path: readonly (string | number)[]): { node: Node | null; key: Node | null } {
  const { isMap, isScalar, isSeq } = yaml();
  let node: Node | null = doc.contents;
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

const SYNTAX_HINT =
  'Vérifiez l’indentation (des espaces, pas de tabulations) et mettez entre guillemets les textes qui contiennent « : » ou « # ».';
const QUOTE_HINT = 'Mettez la valeur entre guillemets droits ("…").';
const DEPTH: [string, string] = [
  'La structure YAML est trop profondément imbriquée.',
  `Gardez au plus ${MAX_DEPTH} niveaux d’imbrication.`,
];
const ANCHORS: [string, string] = [
  'Les ancres et alias YAML (`&nom`, `*nom`) ne sont pas acceptés.',
  'Recopiez la valeur au lieu d’y faire référence.',
];

/** French messages for the YAML reader's errors, by the start of its (English) reason. */
const YAML_ERRORS: [prefix: string, message: string, hint: string][] = [
  ['duplicated mapping key', 'Ce champ apparaît deux fois.', 'Gardez une seule occurrence du champ.'],
  [
    'tab characters',
    'Une tabulation sert d’indentation : le YAML n’accepte que des espaces.',
    'Remplacez les tabulations du début de ligne par des espaces.',
  ],
  [
    'bad indentation',
    'L’indentation est incorrecte ici.',
    'Alignez les champs d’un même niveau avec le même nombre d’espaces.',
  ],
  [
    'unexpected end of the stream within a double',
    'Des guillemets ouverts ne sont pas fermés.',
    'Ajoutez le guillemet fermant (") à la fin de la valeur.',
  ],
  [
    'unexpected end of the stream within a single',
    'Des guillemets ouverts ne sont pas fermés.',
    "Ajoutez le guillemet fermant (') à la fin de la valeur.",
  ],
  [
    'unexpected end of the stream within a flow',
    'Une liste entre crochets ou accolades n’est pas fermée.',
    'Fermez chaque « [ » par « ] » et chaque « { » par « } ».',
  ],
  [
    'missed comma',
    'Une liste entre crochets n’est pas fermée, ou une virgule manque entre deux éléments.',
    'Séparez les éléments par des virgules et fermez chaque « [ » par « ] ».',
  ],
  ['can not read a block mapping entry', 'Cette ligne n’est pas un champ `nom: valeur`.', SYNTAX_HINT],
  ['can not read an implicit mapping pair', 'Un « : » manque après le nom du champ.', SYNTAX_HINT],
  [
    'unknown escape sequence',
    'Séquence d’échappement invalide entre guillemets.',
    'Remplacez les barres obliques inverses (\\) par « / » ou doublez-les.',
  ],
  [
    'expected hexadecimal character',
    'Séquence d’échappement invalide entre guillemets.',
    'Remplacez les barres obliques inverses (\\) par « / » ou doublez-les.',
  ],
  [
    'expected a single document',
    'Le fichier contient plusieurs documents YAML (séparés par ---).',
    'Gardez une seule entrée par fichier.',
  ],
  ['nesting exceeded', ...DEPTH],
  ['unidentified alias', ...ANCHORS],
  [
    'expected valid JSON character',
    'Un caractère de contrôle invisible se trouve dans cette valeur.',
    'Supprimez-le (il vient souvent d’un copier-coller).',
  ],
  [
    'the stream contains non-printable',
    'Un caractère de contrôle invisible se trouve dans ce fichier.',
    'Supprimez-le (il vient souvent d’un copier-coller).',
  ],
];

/** The French message of a YAML error; `at` is the character where the reader stopped. */
function yamlMessage(reason: string, at: string): [string, string] {
  if (reason.startsWith('bad indentation') || reason.startsWith('end of the stream or a document separator')) {
    // The reader stops on the character that does not fit: say what it is when it is a common slip.
    if (at === ':')
      return [
        'Un « : » suivi d’une espace, dans une valeur sans guillemets, se lit comme un nouveau champ.',
        QUOTE_HINT,
      ];
    if (at === '@' || at === '`')
      return [`Une valeur ne peut pas commencer par « ${at} » sans guillemets.`, QUOTE_HINT];
  }
  const known = YAML_ERRORS.find(([prefix]) => reason.startsWith(prefix));
  return known ? [known[1], known[2]] : ['Le YAML de cette ligne ne se lit pas.', SYNTAX_HINT];
}

/** The YAML text as a syntax tree that keeps positions and comments (to locate a field, and to format). */
export function syntaxTree(yamlText: string): Document {
  return yaml().parseDocument(yamlText, { version: '1.2', schema: 'core' });
}

type Locate = ParsedEntry['locate'];

/** Line and column (1-based) of an offset of `text`, shifted by the line where `text` starts. */
function positions(text: string, firstLine: number): (offset: number) => Position {
  return (offset) => {
    const p = positionIn(text, offset);
    return { line: p.line + firstLine - 1, col: p.col };
  };
}

/**
 * Locating a field for an error message. Entries keep their text, not a tree with positions: the
 * first time a problem has to be located, the YAML text is read again into a syntax tree that
 * keeps them (the `yaml` library, also used to format); the data always comes from `readYaml`.
 */
function lazyLocator(yamlText: string, yamlLine: number): Locate {
  let doc: Document | undefined;
  const at = positions(yamlText, yamlLine);
  return (path, keyOnly = false) => {
    doc ??= syntaxTree(yamlText);
    const { node, key } = nodeAt(doc, path);
    const target = keyOnly && key ? key : node;
    return { ...(target?.range ? at(target.range[0]) : { line: yamlLine, col: 1 }), path: [...path] };
  };
}

/** Where `&name` is defined in the text (for the anchors error). */
function anchorOffset(yamlText: string, name: string): number {
  const m = new RegExp(`(^|[\\s\\[{,:-])&${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,\\]}]|$)`, 'm').exec(
    yamlText,
  );
  return m ? m.index + m[1]!.length : 0;
}

/** js-yaml 4.3 options and reader state, with what its type definitions leave out: the depth
 * limit and the map where the reader records anchors. */
type ReaderOptions = LoadOptions & { maxDepth: number };
type ReaderState = JsYamlState & { anchorMap?: Record<string, unknown> };

/**
 * Reads YAML data: YAML 1.2 core schema (no tags that build objects, no timestamps, no merge
 * keys), duplicate keys refused, depth bounded, anchors and aliases refused (no alias bomb).
 */
function readYaml(yamlText: string): { value: unknown } | { error: [string, string]; offset: number } {
  let state: ReaderState | undefined;
  let value: unknown;
  const options: ReaderOptions = {
    schema: CORE_SCHEMA,
    maxDepth: MAX_DEPTH + 1,
    // Anchors need a `&`: without one, no need to look at the reader's state.
    listener: yamlText.includes('&')
      ? (_event, s) => {
          state ??= s;
        }
      : undefined,
  };
  try {
    value = load(yamlText, options);
  } catch (e) {
    if (e instanceof YAMLException) {
      // js-yaml throws "expected a single document" without a mark, whatever its types say.
      const mark = e.mark as YAMLException['mark'] | undefined;
      let offset = mark?.position ?? secondDocument(yamlText);
      if (e.reason.startsWith('unknown tag')) return tagError(yamlText, offset);
      // An unclosed quote is found at the end of the text: point at the quote that opened it
      // (the last one, since any later quote would have closed it).
      const quote = /within a (double|single) quoted scalar/.exec(e.reason)?.[1];
      if (quote) offset = lastQuote(yamlText, quote === 'double' ? '"' : "'", offset);
      return { error: yamlMessage(e.reason, yamlText.charAt(offset)), offset };
    }
    if (e instanceof RangeError) return { error: DEPTH, offset: 0 };
    throw e;
  }
  const anchor = Object.keys(state?.anchorMap ?? {})[0];
  if (anchor !== undefined) return { error: ANCHORS, offset: anchorOffset(yamlText, anchor) };
  return { value };
}

/** The error for a tag (`!!js/function`, `!foo`…), at the tag as written before `offset`. */
function tagError(yamlText: string, offset: number): { error: [string, string]; offset: number } {
  const lineStart = yamlText.lastIndexOf('\n', offset - 1) + 1;
  const tags = [...yamlText.slice(lineStart, offset).matchAll(/(?<=^|[\s[{,])!(?:<[^>]*>|\S*)/g)];
  const tag = tags.at(-1);
  const at = tag ? lineStart + tag.index : offset;
  return {
    error: [
      `L’étiquette YAML « ${tag?.[0] ?? '!'} » n’est pas acceptée : le contenu est fait de données, pas de code.`,
      'Supprimez l’étiquette et écrivez seulement la valeur.',
    ],
    offset: at,
  };
}

function lastQuote(yamlText: string, quote: string, before: number): number {
  let i = yamlText.lastIndexOf(quote, before);
  while (i > 0 && quote === '"' && yamlText[i - 1] === '\\') i = yamlText.lastIndexOf(quote, i - 1);
  return Math.max(i, 0);
}

function secondDocument(yamlText: string): number {
  const markers = [...yamlText.matchAll(/^---/gm)].map((m) => m.index);
  return (yamlText.startsWith('---') ? markers[1] : markers[0]) ?? 0;
}

/** Paths of the keys that could reach an object's prototype (`__proto__`, `constructor`, `prototype`). */
function forbiddenKeys(
  value: object,
  out: (string | number)[][] = [],
  path: readonly (string | number)[] = [],
): (string | number)[][] {
  const isList = Array.isArray(value);
  for (const k in value) {
    if (!isList && FORBIDDEN_KEYS.has(k)) out.push([...path, k]);
    const v: unknown = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') forbiddenKeys(v, out, [...path, isList ? Number(k) : k]);
  }
  return out;
}

export interface DataBoundsProblem {
  /** Path of the field where the limit is crossed (its deepest existing part). */
  path: (string | number)[];
  message: string;
  hint: string;
}

/**
 * Checks data that does not come from a file (the submission service's JSON) against the limits a
 * file has: at most MAX_DEPTH levels of nesting, at most MAX_FILE_BYTES of text, no field name that
 * could reach a prototype, no invisible control character. One loop with its own stack, no
 * recursion: call it before anything walks, serialises or validates the data.
 */
export function checkDataBounds(data: unknown): DataBoundsProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  let size = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      size += value.length;
      if (CONTROL.test(value))
        return {
          path,
          message: 'Le texte contient des caractères de contrôle invisibles (caractère nul…).',
          hint: 'Retirez-les.',
        };
    } else size += 8;
    if (size > MAX_FILE_BYTES) {
      return {
        path,
        message: `Les données dépassent ${MAX_FILE_BYTES / 1024 / 1024} Mo.`,
        hint: 'Raccourcissez les textes ; publiez les documents longs ailleurs et mettez-en le lien.',
      };
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      return {
        path,
        message: `Les données sont imbriquées sur plus de ${MAX_DEPTH} niveaux.`,
        hint: `Gardez au plus ${MAX_DEPTH} niveaux d’imbrication.`,
      };
    }
    if (Array.isArray(value)) value.forEach((v: unknown, i) => stack.push({ value: v, path: [...path, i] }));
    else
      for (const k of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(k))
          return { path: [...path, k], message: `Le nom de champ « ${k} » est interdit.`, hint: 'Supprimez ce champ.' };
        size += k.length;
        stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
      }
  }
  return undefined;
}

export function parseEntry(collection: Collection, file: string, input: Uint8Array | string): ParsedEntry {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_FILE_BYTES) {
    return failed(collection, file, '', [
      problem(
        file,
        START,
        'taille-fichier',
        `Le fichier pèse ${(Math.ceil((size / 1024 / 1024) * 100) / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 })} Mo ; la limite est de 1 Mo.`,
        'Raccourcissez le texte ou publiez les documents longs ailleurs et mettez-en le lien.',
      ),
    ]);
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
    if (text.trim() === '')
      return failed(collection, file, text, [
        problem(
          file,
          START,
          'yaml',
          'Le fichier est vide.',
          'Créez l’entrée avec `essaim new` pour partir d’un modèle.',
        ),
      ]);
  }

  const read = readYaml(yamlText);
  const locate = lazyLocator(yamlText, yamlLine);
  if ('error' in read) {
    const [message, hint] = read.error;
    return {
      ...failed(collection, file, text, [
        problem(file, positions(yamlText, yamlLine)(read.offset), 'yaml', message, hint),
      ]),
      locate,
    };
  }
  const { value } = read;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ...failed(collection, file, text, [
        problem(
          file,
          { line: yamlLine, col: 1 },
          'yaml',
          'L’en-tête doit être une liste de champs `nom: valeur`.',
          'Partez du modèle créé par `essaim new`.',
        ),
      ]),
      locate,
    };
  }
  const forbidden = forbiddenKeys(value);
  if (forbidden.length > 0) {
    const problems = forbidden.map((p) =>
      problem(
        file,
        locate(p, true),
        'yaml',
        `Le nom de champ « ${String(p.at(-1))} » est interdit.`,
        'Supprimez ce champ.',
      ),
    );
    return { ...failed(collection, file, text, problems), locate };
  }
  return {
    collection,
    file,
    data: value as Record<string, unknown>,
    body,
    bodyLine,
    source: text,
    yaml: yamlText,
    problems: [],
    locate,
  };
}
