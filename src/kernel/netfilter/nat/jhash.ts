/** rol32. */
const rol = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** __jhash_mix on a triple, in place. */
function mix(v: [number, number, number]): void {
  let [a, b, c] = v;
  a = (a - c) >>> 0;
  a = (a ^ rol(c, 4)) >>> 0;
  c = (c + b) >>> 0;
  b = (b - a) >>> 0;
  b = (b ^ rol(a, 6)) >>> 0;
  a = (a + c) >>> 0;
  c = (c - b) >>> 0;
  c = (c ^ rol(b, 8)) >>> 0;
  b = (b + a) >>> 0;
  a = (a - c) >>> 0;
  a = (a ^ rol(c, 16)) >>> 0;
  c = (c + b) >>> 0;
  b = (b - a) >>> 0;
  b = (b ^ rol(a, 19)) >>> 0;
  a = (a + c) >>> 0;
  c = (c - b) >>> 0;
  c = (c ^ rol(b, 4)) >>> 0;
  b = (b + a) >>> 0;
  v[0] = a;
  v[1] = b;
  v[2] = c;
}

/** __jhash_final. */
function final(v: [number, number, number]): number {
  let [a, b, c] = v;
  c = (c ^ b) >>> 0;
  c = (c - rol(b, 14)) >>> 0;
  a = (a ^ c) >>> 0;
  a = (a - rol(c, 11)) >>> 0;
  b = (b ^ a) >>> 0;
  b = (b - rol(a, 25)) >>> 0;
  c = (c ^ b) >>> 0;
  c = (c - rol(b, 16)) >>> 0;
  a = (a ^ c) >>> 0;
  a = (a - rol(c, 4)) >>> 0;
  b = (b ^ a) >>> 0;
  b = (b - rol(a, 14)) >>> 0;
  c = (c ^ b) >>> 0;
  c = (c - rol(b, 24)) >>> 0;
  return c;
}

const JHASH_INITVAL = 0xdeadbeef;

/** jhash2 (include/linux/jhash.h): Bob Jenkins' lookup3 over 32-bit words. */
export function jhash2(words: readonly number[], initval: number): number {
  const init = (JHASH_INITVAL + (words.length << 2) + initval) >>> 0;
  const v: [number, number, number] = [init, init, init];
  let i = 0;
  let n = words.length;
  while (n > 3) {
    v[0] = (v[0] + words[i]) >>> 0;
    v[1] = (v[1] + words[i + 1]) >>> 0;
    v[2] = (v[2] + words[i + 2]) >>> 0;
    mix(v);
    i += 3;
    n -= 3;
  }
  if (n === 0) return v[2];
  if (n >= 3) v[2] = (v[2] + words[i + 2]) >>> 0;
  if (n >= 2) v[1] = (v[1] + words[i + 1]) >>> 0;
  v[0] = (v[0] + words[i]) >>> 0;
  return final(v);
}

/** A big-endian IPv4 address as the u32 a little-endian CPU loads from memory. */
export const beWord = (addr: number): number =>
  (((addr & 0xff) << 24) | ((addr & 0xff00) << 8) | ((addr >>> 8) & 0xff00) | (addr >>> 24)) >>> 0;

/** reciprocal_scale: a 32-bit value mapped onto [0, range). */
export const reciprocalScale = (val: number, range: number): number =>
  Number((BigInt(val >>> 0) * BigInt(range >>> 0)) >> 32n);
