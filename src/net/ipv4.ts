/** IPv4 addresses as unsigned 32-bit integers, the way the kernel compares them. */
export type IPv4 = number;

export function parseIPv4(text: string): IPv4 | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

export function formatIPv4(addr: IPv4): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** Netmask for a prefix length: maskOf(24) = 255.255.255.0. */
export function maskOf(len: number): IPv4 {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export interface Prefix {
  readonly addr: IPv4;
  readonly len: number;
}

/** Parses `a.b.c.d[/len]`; without a length the prefix is a host (/32). */
export function parsePrefix(text: string): Prefix | null {
  const slash = text.indexOf('/');
  const addr = parseIPv4(slash < 0 ? text : text.slice(0, slash));
  if (addr === null) return null;
  if (slash < 0) return { addr, len: 32 };
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText)) return null;
  const len = Number(lenText);
  if (len > 32) return null;
  return { addr, len };
}

export function networkOf(addr: IPv4, len: number): IPv4 {
  return (addr & maskOf(len)) >>> 0;
}

export function broadcastOf(addr: IPv4, len: number): IPv4 {
  return (networkOf(addr, len) | (~maskOf(len) >>> 0)) >>> 0;
}

export function prefixContains(prefix: Prefix, addr: IPv4): boolean {
  return networkOf(addr, prefix.len) === networkOf(prefix.addr, prefix.len);
}

export function formatPrefix(prefix: Prefix): string {
  return `${formatIPv4(prefix.addr)}/${prefix.len}`;
}

export const isMulticast = (a: IPv4): boolean => a >>> 28 === 0xe;
export const isLoopback = (a: IPv4): boolean => a >>> 24 === 127;
export const isZeronet = (a: IPv4): boolean => a >>> 24 === 0;
export const LIMITED_BROADCAST: IPv4 = 0xffffffff;
