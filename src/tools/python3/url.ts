const encoder = new TextEncoder();
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~/]/;

/** urllib.parse.quote(s) (safe='/'): UTF-8 bytes outside the unreserved set as %XX. */
export function quote(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ALWAYS_SAFE.test(ch)) out += ch;
    else for (const b of encoder.encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** urllib.parse.unquote: %XX sequences decoded as UTF-8; malformed escapes are kept. */
export function unquote(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    return new TextDecoder().decode(bytes);
  });
}

/** html.escape(s, quote=False). */
export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** posixpath.normpath for an absolute URL path. */
export function normpath(path: string): string {
  const parts: string[] = [];
  for (const word of path.split('/')) {
    if (word === '' || word === '.') continue;
    if (word === '..') parts.pop();
    else parts.push(word);
  }
  return '/' + parts.join('/');
}
