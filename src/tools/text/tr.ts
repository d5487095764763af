import type { Command } from '../process.js';

const CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  space: '\t\n\v\f\r ',
  blank: '\t ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
  cntrl: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\x7f',
};

function unescape(s: string, i: number): [string, number] {
  const n = s[i + 1];
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
  };
  if (n === undefined) return ['\\', 1];
  if (n in simple) return [simple[n], 2];
  const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
  if (oct) return [String.fromCharCode(parseInt(oct[0], 8)), 1 + oct[0].length];
  return [n, 2];
}

/** Expands a tr SET: ranges, [:class:], escapes, [c*n]. */
function expand(set: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < set.length;) {
    const cls = /^\[:(\w+):\]/.exec(set.slice(i));
    if (cls && CLASSES[cls[1]] !== undefined) {
      out.push(...CLASSES[cls[1]]);
      i += cls[0].length;
      continue;
    }
    const rep = /^\[(.)\*(\d*)\]/.exec(set.slice(i));
    if (rep) {
      out.push(...Array(Number(rep[2] || 0) || 1).fill(rep[1]));
      i += rep[0].length;
      continue;
    }
    let c: string;
    let len: number;
    if (set[i] === '\\') [c, len] = unescape(set, i);
    else [c, len] = [set[i], 1];
    if (set[i + len] === '-' && i + len + 1 < set.length) {
      let [d, len2] = [set[i + len + 1], 1];
      if (d === '\\') [d, len2] = unescape(set, i + len + 1);
      for (let x = c.charCodeAt(0); x <= d.charCodeAt(0); x++) out.push(String.fromCharCode(x));
      i += len + 1 + len2;
      continue;
    }
    out.push(c);
    i += len;
  }
  return out;
}

/** coreutils tr SET1 [SET2] with -d, -s, -c. */
export const tr: Command = async (proc) => {
  let del = false;
  let squeeze = false;
  let complement = false;
  const sets: string[] = [];
  for (const a of proc.argv.slice(1)) {
    if (/^-[dscC]+$/.test(a) && sets.length === 0) {
      if (a.includes('d')) del = true;
      if (a.includes('s')) squeeze = true;
      if (/[cC]/.test(a)) complement = true;
    } else sets.push(a);
  }
  if (sets.length === 0) {
    proc.stderr.write("tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  if (!del && !squeeze && sets.length < 2) {
    proc.stderr.write(
      `tr: missing operand after '${sets[0]}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`,
    );
    return 1;
  }
  const set1 = new Set(expand(sets[0]));
  const inSet1 = (c: string) => set1.has(c) !== complement;
  const list1 = expand(sets[0]);
  const list2 = sets[1] !== undefined ? expand(sets[1]) : [];
  // Chunk by chunk, so `tr ... < /dev/zero | head -c N` ends by SIGPIPE; `last` spans chunks.
  let last = '';
  const sq = new Set(list2);
  const map = new Map<string, string>();
  if (list2.length && !complement) list1.forEach((c, i) => map.set(c, list2[Math.min(i, list2.length - 1)]));
  const sqSet = new Set(list2.length ? list2 : list1);
  const translate = (text: string): string => {
    let out = '';
    if (del) {
      for (const c of text) {
        if (inSet1(c)) continue;
        if (squeeze && sq.has(c) && c === last) continue;
        out += c;
        last = c;
      }
      return out;
    }
    for (const ch of text) {
      let c = ch;
      if (list2.length) {
        if (complement) {
          if (inSet1(c)) c = list2[list2.length - 1];
        } else c = map.get(c) ?? c;
      }
      const squeezable = list2.length ? sqSet.has(c) : inSet1(c);
      if (squeeze && squeezable && c === last) continue;
      out += c;
      last = c;
    }
    return out;
  };
  for (let chunk = await proc.stdin.read(); chunk !== null; chunk = await proc.stdin.read())
    proc.stdout.write(translate(chunk));
  return 0;
};
