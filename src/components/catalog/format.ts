/** French dates, identical on the server and in the browser (dates are calendar days, read as UTC). */
const long = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const withTime = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

export function formatDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : long.format(d);
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : withTime.format(d);
}

export function formatRange(start: string, end: string | null | undefined): string {
  if (!end || end === start) return formatDate(start);
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}

const numberFormat = new Intl.NumberFormat('fr-FR');

/**
 * `2000` → `2 000`, grouped by a no-break space (U+00A0): Intl's narrow one (U+202F) is not in
 * Marianne, and one such character makes the browser download a complete face of the DSFR.
 */
export const frenchNumber = (n: number): string => numberFormat.format(n).replace(/\u202f/g, '\u00a0');

export function plural(n: number, [one, many]: readonly [string, string]): string {
  return `${frenchNumber(n)} ${n > 1 ? many : one}`;
}
