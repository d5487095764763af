import type { IPv4 } from '../ipv4.js';
import { parseIPv4 } from '../ipv4.js';

/**
 * Domain names in text form without the trailing dot (`api.example.test`,
 * the root is ``), labels kept in their case. On the wire (RFC 1035 4.1.4)
 * a name is length-prefixed labels ending in a zero byte, or ending in a
 * 2-byte pointer to an earlier name in the message.
 */

export const MAX_LABEL = 63;
export const MAX_NAME_WIRE = 255;

export function labelsOf(name: string): string[] {
  return name === '' ? [] : name.split('.');
}

/** Text for dig and the log: `api.example.test.`, the root as `.`. */
export function absoluteName(name: string): string {
  return `${name}.`;
}

/** `api.example.test.` or `api.example.test` to the internal form; null when a label is empty or too long. */
export function parseName(text: string): string | null {
  if (text === '.' || text === '') return '';
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  const labels = name.split('.');
  if (labels.some((l) => l.length === 0 || l.length > MAX_LABEL)) return null;
  return name;
}

/** Case-insensitive equality, as DNS compares names (hostname_isequal). */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `name` is `domain` or below it (`x.wild.test` under `wild.test`). */
export function isSubdomain(name: string, domain: string): boolean {
  if (domain === '') return true;
  const n = name.toLowerCase();
  const d = domain.toLowerCase();
  return n === d || n.endsWith(`.${d}`);
}

/** How names are compressed when a message is written. */
export type Compression =
  /** RFC 1035 suffix compression of owner names and of the rdata names that may be compressed. */
  | 'suffix'
  /**
   * dnsmasq's way: an owner name becomes a pointer to an identical name
   * written before (the question, a CNAME or SRV target); names in rdata are
   * written in full.
   */
  | 'owners'
  | 'none';

/** Writes names into a growing message, remembering where each name (and suffix) starts. */
export class NameWriter {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly compression: Compression) {}

  /**
   * Appends `name` at `out.length`. `role` says where it stands: an owner
   * (or question) name, a compressible rdata name (CNAME, PTR, NS, MX), or
   * one that is never compressed (SRV target, RFC 2782).
   */
  write(out: number[], name: string, role: 'owner' | 'rdata' | 'uncompressed'): void {
    const labels = labelsOf(name);
    const mode = this.compression;
    const compress = role === 'owner' || (role === 'rdata' && mode === 'suffix');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.');
      const key = mode === 'suffix' ? suffix.toLowerCase() : suffix;
      const at = this.offsets.get(key);
      const usable = compress && at !== undefined && (mode === 'suffix' || (mode === 'owners' && i === 0));
      if (usable) {
        out.push(0xc0 | (at >> 8), at & 255);
        return;
      }
      if (out.length < 0x4000 && (mode === 'suffix' || i === 0) && !this.offsets.has(key))
        this.offsets.set(key, out.length);
      const bytes = latin1(labels[i]);
      out.push(bytes.length, ...bytes);
    }
    out.push(0);
  }
}

function latin1(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 255);
  return bytes;
}

export class DnsFormatError extends Error {}

/** Reads the name at `offset`; returns it and the offset just past it (pointers followed, loops refused). */
export function readName(buf: Uint8Array, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let pos = offset;
  let next = -1;
  let wireLength = 1;
  for (let hops = 0; ;) {
    if (pos >= buf.length) throw new DnsFormatError('name runs past the message');
    const len = buf[pos];
    if (len === 0) {
      if (next < 0) next = pos + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new DnsFormatError('truncated pointer');
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (next < 0) next = pos + 2;
      if (target >= pos || ++hops > 127) throw new DnsFormatError('bad compression pointer');
      pos = target;
      continue;
    }
    if (len > MAX_LABEL) throw new DnsFormatError('bad label type');
    if (pos + 1 + len > buf.length) throw new DnsFormatError('label runs past the message');
    wireLength += len + 1;
    if (wireLength > MAX_NAME_WIRE) throw new DnsFormatError('name too long');
    labels.push(String.fromCharCode(...buf.subarray(pos + 1, pos + 1 + len)));
    pos += 1 + len;
  }
  return { name: labels.join('.'), next };
}

/** `10.0.0.10` → `10.0.0.10.in-addr.arpa` (dig -x). */
export function reverseName4(addr: IPv4): string {
  return `${addr & 255}.${(addr >>> 8) & 255}.${(addr >>> 16) & 255}.${addr >>> 24}.in-addr.arpa`;
}

/** fd00::11 → `1.1.0.0....d.f.ip6.arpa`: one label per nibble, lowest first. */
export function reverseName6(bytes: Uint8Array): string {
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) nibbles.push((bytes[i] & 15).toString(16), (bytes[i] >> 4).toString(16));
  return `${nibbles.join('.')}.ip6.arpa`;
}

/** The address a reverse name stands for, or null when it is not a full in-addr.arpa / ip6.arpa name. */
export function addressOfReverseName(
  name: string,
): { family: 4; addr: IPv4 } | { family: 6; bytes: Uint8Array } | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.in-addr.arpa')) {
    const parts = lower.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4) return null;
    const addr = parseIPv4(parts.reverse().join('.'));
    return addr === null ? null : { family: 4, addr };
  }
  if (lower.endsWith('.ip6.arpa')) {
    const parts = lower.slice(0, -'.ip6.arpa'.length).split('.');
    if (parts.length !== 32 || parts.some((p) => !/^[0-9a-f]$/.test(p))) return null;
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++)
      bytes[i] = (parseInt(parts[31 - 2 * i], 16) << 4) | parseInt(parts[30 - 2 * i], 16);
    return { family: 6, bytes };
  }
  return null;
}
