/** Atom 1.0 (RFC 4287) feed of new and updated entries. */

export interface AtomEntry {
  id: string;
  title: string;
  url: string;
  /** AAAA-MM-JJ or an ISO date-time. */
  updated: string;
  summary: string;
  category?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** Site home page. */
  url: string;
  /** Address of the feed itself. */
  self: string;
  author: string;
  entries: AtomEntry[];
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 forbids are dropped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function rfc3339(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : new Date(date).toISOString();
}

export function toAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce(
    (max, e) => (rfc3339(e.updated) > max ? rfc3339(e.updated) : max),
    '1970-01-01T00:00:00Z',
  );
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${updated}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.url)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
  ];
  for (const e of feed.entries) {
    out.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      `    <updated>${rfc3339(e.updated)}</updated>`,
      `    <summary>${escapeXml(e.summary)}</summary>`,
      ...(e.category ? [`    <category term="${escapeXml(e.category)}"/>`] : []),
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
