/** Sequence-number arithmetic modulo 2^32 (include/net/tcp.h before()/after()). */
export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;

/** before(a, b): `a` comes earlier than `b` in sequence space. */
export const seqBefore = (a: number, b: number): boolean => ((a - b) | 0) < 0;

/** after(a, b). */
export const seqAfter = (a: number, b: number): boolean => seqBefore(b, a);
