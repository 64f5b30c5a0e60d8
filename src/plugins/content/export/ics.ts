/** iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets, escaped text, DTSTAMP and UID. */

export interface IcsEvent {
  uid: string;
  summary: string;
  /** AAAA-MM-JJ (all-day) or an ISO date-time with offset. */
  start: string;
  /** Same forms; for all-day events, the last day (included). */
  end?: string | null;
  description?: string;
  location?: string;
  url?: string;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  description?: string;
  events: IcsEvent[];
  /** Build instant (DTSTAMP). */
  stamp: Date;
}

/** RFC 5545 forbids control characters (but tab) in a value: a line end there would start a new property. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** A TEXT value (RFC 5545, 3.3.11): `\ ; ,` and line ends escaped, so that no text can end its property. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

/** A value that is not TEXT (UID, URI): it has no escapes, so control characters are dropped. */
function plainValue(s: string): string {
  return s.replace(CONTROL, '');
}

/** UTF-8 size of the UTF-16 code unit `c` (a surrogate pair counts 4, on its high half). */
const octetsOf = (c: number): number =>
  c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xdc00 && c <= 0xdfff ? 0 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line) <= 75)) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; i++) {
    const size = octetsOf(line.charCodeAt(i));
    if (size > 0 && octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      // The continuation line starts with a space, which counts.
      octets = 1;
      limit = 75;
    }
    octets += size;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function isDateOnly(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

function dateProps(e: IcsEvent): string[] {
  if (isDateOnly(e.start)) {
    const last = e.end && isDateOnly(e.end) ? e.end : e.start;
    return [`DTSTART;VALUE=DATE:${e.start.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${dayAfter(last)}`];
  }
  const out = [`DTSTART:${utc(new Date(e.start))}`];
  if (e.end)
    out.push(
      isDateOnly(e.end)
        ? `DTEND:${utc(new Date(new Date(`${e.end}T00:00:00Z`).getTime() + 86_400_000))}`
        : `DTEND:${utc(new Date(e.end))}`,
    );
  return out;
}

export function toIcs(cal: IcsCalendar): string {
  return icsWriter(cal.stamp)(cal);
}

/**
 * Writes calendars stamped `stamp`, each event block written once: the calendars of the
 * territories share their national events (the same `IcsEvent` objects).
 */
export function icsWriter(stamp: Date): (cal: Omit<IcsCalendar, 'stamp'>) => string {
  const dtstamp = utc(stamp);
  const blocks = new Map<IcsEvent, string>();
  const block = (e: IcsEvent): string => {
    let text = blocks.get(e);
    if (text === undefined) {
      const lines = ['BEGIN:VEVENT', `UID:${plainValue(e.uid)}`, `DTSTAMP:${dtstamp}`, ...dateProps(e)];
      lines.push(`SUMMARY:${escapeText(e.summary)}`);
      if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
      if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
      if (e.url) lines.push(`URL:${plainValue(e.url)}`);
      if (e.categories && e.categories.length > 0) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
      lines.push('END:VEVENT');
      text = lines.map(foldLine).join('\r\n');
      blocks.set(e, text);
    }
    return text;
  };
  return (cal) => {
    const head = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Essaim//Portail de la lutte contre la précarité alimentaire//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(cal.name)}`,
      ...(cal.description ? [`X-WR-CALDESC:${escapeText(cal.description)}`] : []),
    ];
    return [...head.map(foldLine), ...cal.events.map(block), 'END:VCALENDAR'].join('\r\n') + '\r\n';
  };
}
