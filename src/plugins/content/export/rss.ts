/** RSS 2.0 of the same feed as the Atom one (readers that only know RSS). */
import { escapeXml, rfc3339, type AtomFeed } from './atom.js';

const rfc822 = (date: string): string => new Date(rfc3339(date)).toUTCString();

export function toRss(feed: AtomFeed): string {
  const latest = feed.entries.reduce((max, e) => (rfc3339(e.updated) > max ? rfc3339(e.updated) : max), '1970-01-01');
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(feed.title)}</title>`,
    `    <link>${escapeXml(feed.url)}</link>`,
    `    <description>${escapeXml(feed.subtitle ?? feed.title)}</description>`,
    '    <language>fr</language>',
    `    <lastBuildDate>${rfc822(latest)}</lastBuildDate>`,
    `    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const e of feed.entries)
    out.push(
      '    <item>',
      `      <title>${escapeXml(e.title)}</title>`,
      `      <link>${escapeXml(e.url)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(e.url)}</guid>`,
      `      <pubDate>${rfc822(e.updated)}</pubDate>`,
      `      <description>${escapeXml(e.summary)}</description>`,
      ...(e.category ? [`      <category>${escapeXml(e.category)}</category>`] : []),
      '    </item>',
    );
  out.push('  </channel>', '</rss>', '');
  return out.join('\n');
}
