/**
 * C's `%.Nf` rounding: the exact binary value, ties to even (glibc), where
 * JavaScript's toFixed rounds exact ties up (2.5 -> "3", C prints "2").
 */
export function toFixedC(v: number, prec: number): string {
  const s = v.toFixed(prec);
  if (!Number.isFinite(v) || Math.abs(v) >= 1e21) return s;
  const { mant, exp } = decompose(Math.abs(v));
  if (exp >= 0) return s;
  const n = mant * 10n ** BigInt(prec);
  const d = 1n << BigInt(-exp);
  const frac = n % d;
  if (frac * 2n !== d) return s;
  let q = n / d;
  if (q % 2n === 1n) q += 1n;
  const digits = q.toString().padStart(prec + 1, '0');
  const int = digits.slice(0, digits.length - prec);
  const out = prec > 0 ? `${int}.${digits.slice(-prec)}` : int;
  return v < 0 ? '-' + out : out;
}

/**
 * One C floating conversion (%f %e %g and upper-case forms) of a double;
 * %g picks its style from the exponent after rounding to `prec` digits.
 */
export function formatCFloat(v: number, conv: string, prec: number, alt: boolean): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  switch (conv) {
    case 'f':
    case 'F':
      return toFixedC(v, prec);
    case 'e':
    case 'E': {
      const s = v.toExponential(prec).replace(/e([+-])(\d)$/, 'e$10$2');
      return conv === 'E' ? s.toUpperCase() : s;
    }
  }
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  const rounded = Number(v.toExponential(p - 1));
  const exp2 = rounded === 0 ? 0 : Math.floor(Math.log10(Math.abs(rounded)));
  const e = Math.max(exp, exp2);
  if (e < -4 || e >= p) {
    s = v.toExponential(p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
    s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    s = toFixedC(v, Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return conv === 'G' ? s.toUpperCase() : s;
}

function decompose(v: number): { mant: bigint; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return { mant, exp: -1074 };
  mant |= 1n << 52n;
  return { mant, exp: e - 1075 };
}
