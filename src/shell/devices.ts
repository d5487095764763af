import type { InStream } from '../tools/process.js';
import type { Rng } from '../kernel/rng.js';

/** Bytes per read, as a pipe would hand them over (one char per byte, latin1). */
const CHUNK = 4096;

/**
 * The endless character devices a script reads from: /dev/zero (and
 * /dev/full, which reads as zeros) gives NUL bytes, /dev/urandom and
 * /dev/random bytes from the world's seeded generator (7-bit, see below). They never reach
 * end of file: a reader stops by itself (`head -c N`) or by SIGPIPE.
 */
export function openDevice(abs: string, rng: Rng): InStream | null {
  if (abs === '/dev/zero' || abs === '/dev/full') {
    const zeros = '\0'.repeat(CHUNK);
    return { read: async () => zeros };
  }
  if (abs === '/dev/urandom' || abs === '/dev/random')
    return {
      read: async () => {
        let s = '';
        // 7-bit bytes: a pipe here carries text, where a byte above 0x7f
        // would count twice for byte counters (`wc -c`); the usual
        // `tr -dc a-z0-9 < /dev/urandom | head -c 8` picks from these alike.
        for (let i = 0; i < CHUNK; i++) s += String.fromCharCode(rng.byte() & 0x7f);
        return s;
      },
    };
  return null;
}
