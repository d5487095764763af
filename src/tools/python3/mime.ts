import { posix } from 'node:path';

/** SimpleHTTPRequestHandler.extensions_map: compression suffixes checked before mimetypes. */
const ENCODINGS: Readonly<Record<string, string>> = {
  '.gz': 'application/gzip',
  '.Z': 'application/octet-stream',
  '.bz2': 'application/x-bzip2',
  '.xz': 'application/x-xz',
};

/** mimetypes.guess_type for common suffixes, as Python 3.11 answers with Debian's /etc/mime.types. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/vnd.microsoft.icon',
  '.xml': 'application/xml',
  '.sh': 'text/x-sh',
  '.py': 'text/x-python',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
  '.pdf': 'application/pdf',
  '.tar': 'application/x-tar',
  '.zip': 'application/zip',
  '.wasm': 'application/wasm',
};

/** SimpleHTTPRequestHandler.guess_type: the Content-type of a file. */
export function guessType(path: string): string {
  const ext = posix.extname(path);
  const known = ENCODINGS[ext] ?? ENCODINGS[ext.toLowerCase()] ?? TYPES[ext] ?? TYPES[ext.toLowerCase()];
  return known ?? 'application/octet-stream';
}
