// S3's XML bodies (SEMANTICS.md §17.12): the namespace, text escaping and the url encoding of
// `encoding-type=url`.

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as XML character data. Control characters are written as character references, as S3
 * does (keys may hold them; `encoding-type=url` is how clients avoid them).
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (char) => {
    return ESCAPES[char] ?? `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`;
  });
}

/** `<name>text</name>`, or `<name/>` for empty text. */
export function element(name: string, text: string): string {
  return text === '' ? `<${name}/>` : `<${name}>${escapeXml(text)}</${name}>`;
}

/**
 * A key, prefix or marker as `encoding-type=url` sends it: percent-encoded UTF-8, `/` kept and a
 * space as `+` (botocore decodes with unquote_plus).
 */
export function urlEncode(text: string): string {
  return encodeURIComponent(text).replaceAll('%2F', '/').replaceAll('%20', '+');
}
