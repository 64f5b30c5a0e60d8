import { expect } from 'vitest';

/** Checks the structure RFC 5545 requires; returns the unfolded content lines. */
export function checkIcs(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) {
    expect(l.includes('\n') || l.includes('\r')).toBe(false);
    expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  }
  const lines = text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  expect(lines).toContain('VERSION:2.0');
  expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
  const stack: string[] = [];
  let props: string[] = [];
  for (const l of lines) {
    if (l.startsWith('BEGIN:')) {
      stack.push(l.slice(6));
      props = [];
      continue;
    }
    if (l.startsWith('END:')) {
      expect(stack.pop()).toBe(l.slice(4));
      if (l === 'END:VEVENT')
        for (const p of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY'])
          expect(
            props.some((x) => x.startsWith(`${p}:`) || x.startsWith(`${p};`)),
            `${p} manquant`,
          ).toBe(true);
      continue;
    }
    props.push(l);
  }
  expect(stack).toEqual([]);
  return lines;
}
