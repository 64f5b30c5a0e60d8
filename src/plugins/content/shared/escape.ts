/**
 * JSON for the inside of a `<script>` element (JSON-LD, data blocks). The HTML parser ends a script
 * element at `</script` and changes state on `<!--`, whatever the JSON says, so `<` and `>` are
 * written as JSON escapes; `&` too (an XHTML reader would decode entities), and U+2028/U+2029,
 * which a script of an older engine reads as line ends. The result is the same value for JSON.parse.
 */
const UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values (quoted), in pages and e-mails written as strings. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}
