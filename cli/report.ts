/** Printing problems: text for people, JSON for tools, GitHub workflow annotations for CI. */
import { UsageError } from '../src/content/problems.js';

export type { ReportFormat } from '../src/content/report.js';

export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Format inconnu « ${value} » : choisissez parmi ${allowed.join(', ')}.`);
}

export { formatProblems } from '../src/content/report.js';

/** Commander’s own error messages (unknown option, missing argument…), in French. */
export function commanderErrorFr(message: string): string {
  return message
    .replace(/error: unknown option '(.+?)'/, 'Erreur : option inconnue « $1 »')
    .replace(/error: unknown command '(.+?)'/, 'Erreur : commande inconnue « $1 »')
    .replace(/error: missing required argument '(.+?)'/, 'Erreur : argument obligatoire manquant : « $1 »')
    .replace(/error: option '(.+?)' argument missing/, 'Erreur : l’option « $1 » attend une valeur')
    .replace(
      /error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (_, cmd: string | undefined, expected: string, got: string) =>
        `Erreur : trop d’arguments${cmd ? ` pour « ${cmd} »` : ''} (${expected} attendu${Number(expected) > 1 ? 's' : ''}, ${got} reçu${Number(got) > 1 ? 's' : ''}).`,
    )
    .replace(/\(Did you mean (?:one of )?(.+?)\?\)/, '(Vouliez-vous écrire $1 ?)')
    .replace(/^error: /, 'Erreur : ');
}
