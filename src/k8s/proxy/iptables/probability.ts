/**
 * kube-proxy's `--probability` text: fmt.Sprintf("%0.10f", 1.0/float64(n))
 * (proxier.go computeProbability). Go prints the exact binary value rounded
 * half to even; JavaScript's toFixed rounds exact ties up, which differs for
 * 1/2048, 1/4096, ... so the digits are computed exactly here.
 */
const DIGITS = 10;

/** Decomposes a positive finite double into mantissa × 2^exponent. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  return { mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/** Go's %.{digits}f for a non-negative double: exact value, round half to even. */
export function formatFixedGo(x: number, digits = DIGITS): string {
  if (x === 0) return (0).toFixed(digits);
  const { mantissa, exponent } = decompose(x);
  const scale = 10n ** BigInt(digits);
  let num = mantissa * scale;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const probabilities = new Map<number, string>();

/** Memoized: a sync asks for 1/n .. 1/1 for every service, and the exact digits cost BigInt arithmetic. */
export function computeProbability(n: number): string {
  let text = probabilities.get(n);
  if (text === undefined) probabilities.set(n, (text = formatFixedGo(1 / n)));
  return text;
}
