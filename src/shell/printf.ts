import { formatCFloat } from '../tools/text/cfloat.js';
/** bash's `printf` builtin and `echo -e` escape handling. */

export interface PrintfResult {
  output: string;
  /** Messages for stderr (`printf: abc: invalid number`), without the `NAME: line N: ` prefix. */
  errors: string[];
  status: number;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** A printf format also takes the C string escapes for quotes and `?`. */
const FORMAT_ESCAPES: Readonly<Record<string, string>> = { ...SIMPLE_ESCAPES, '"': '"', "'": "'", '?': '?' };

/**
 * Backslash escapes. `echo -e` and `%b` take `\c` (stop) and octal as `\0NNN`
 * (and `\NNN` for `%b`); the format itself takes octal as `\NNN` only.
 */
function expandEscapes(s: string, format: boolean, octalNeedsZero: boolean): { text: string; stop: boolean } {
  const simple = format ? FORMAT_ESCAPES : SIMPLE_ESCAPES;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n in simple) out += simple[n];
    else if (n === 'c' && !format) return { text: out, stop: true };
    else if (n === '0' && !format) {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 255);
      i += m.length;
    } else if (/[0-7]/.test(n) && (format || !octalNeedsZero)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i))![0];
      out += String.fromCharCode(parseInt(m, 8) & 255);
      i += m.length - 1;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

/** Backslash escapes as `echo -e` and `%b` interpret them; `stop` when `\c` was seen. */
export function echoEscapes(s: string, octalNeedsZero = true): { text: string; stop: boolean } {
  return expandEscapes(s, false, octalNeedsZero);
}

/** Format-string escapes (printf's format itself). */
function formatEscapes(s: string): string {
  return expandEscapes(s, true, false).text;
}

function parseIntArg(arg: string, errors: string[]): bigint {
  const t = arg.trim();
  if (t === '') return 0n;
  if (/^['"]/.test(t)) return BigInt(t.codePointAt(1) ?? 0);
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(.*)$/.exec(t);
  if (!m) {
    errors.push(`printf: ${arg}: invalid number`);
    return 0n;
  }
  let v: bigint;
  const body = m[2];
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (m[3]) errors.push(`printf: ${arg}: invalid number`);
  return v;
}

function parseFloatArg(arg: string, errors: string[]): number {
  const t = arg.trim();
  if (t === '') return 0;
  if (/^['"]/.test(t)) return t.codePointAt(1) ?? 0;
  const v = Number(t);
  if (Number.isNaN(v)) {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(t);
    errors.push(`printf: ${arg}: invalid number`);
    return m ? Number(m[0]) : 0;
  }
  return v;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    const rest = sign ? s.slice(1) : s;
    const prefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
    return sign + prefix + '0'.repeat(width - s.length) + rest.slice(prefix.length);
  }
  return ' '.repeat(width - s.length) + s;
}

/** Formats like bash's printf: the format is reused until all arguments are consumed. */
export function printf(format: string, args: string[]): PrintfResult {
  const errors: string[] = [];
  let output = '';
  let argi = 0;
  const next = () => (argi < args.length ? args[argi++] : undefined);
  let stop = false;
  for (;;) {
    const startArg = argi;
    let consumed = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i));
        const esc = m ? m[0] : '\\';
        output += formatEscapes(esc);
        i += esc.length - 1;
        continue;
      }
      if (c !== '%') {
        output += c;
        continue;
      }
      if (format[i + 1] === '%') {
        output += '%';
        i++;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)([a-zA-Z])?/.exec(format.slice(i));
      if (!m || !m[5]) {
        errors.push(
          `printf: \`${format.slice(i + (m ? m[0].length : 1), i + (m ? m[0].length : 1) + 1) || '%'}': missing format character`,
        );
        return { output, errors, status: 1 };
      }
      i += m[0].length - 1;
      const flags = m[1];
      let width = 0;
      let left = flags.includes('-');
      if (m[2] === '*') {
        consumed = true;
        width = Number(parseIntArg(next() ?? '0', errors));
        if (width < 0) {
          left = true;
          width = -width;
        }
      } else if (m[2]) width = Number(m[2]);
      let prec: number | null = null;
      if (m[3] !== undefined) {
        if (m[3] === '*') {
          consumed = true;
          prec = Number(parseIntArg(next() ?? '0', errors));
        } else prec = Number(m[3] || '0');
      }
      const conv = m[5];
      const zero = flags.includes('0') && !left;
      const arg = next();
      if (arg !== undefined) consumed = true;
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== null) s = s.slice(0, prec);
          output += pad(s, width, left, false);
          break;
        case 'b': {
          const r = echoEscapes(arg ?? '', false);
          s = r.text;
          if (prec !== null) s = s.slice(0, prec);
          output += pad(s, width, left, false);
          if (r.stop) stop = true;
          break;
        }
        case 'q':
          s = arg === undefined ? "''" : shellQuote(arg);
          output += pad(s, width, left, false);
          break;
        case 'c':
          output += pad((arg ?? '').slice(0, 1), width, left, false);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
          let v = parseIntArg(arg ?? '0', errors);
          if (conv === 'u' || conv === 'x' || conv === 'X' || conv === 'o') v = BigInt.asUintN(64, v);
          let digits =
            conv === 'x' || conv === 'X'
              ? v.toString(16)
              : conv === 'o'
                ? v.toString(8)
                : (v < 0n ? -v : v).toString();
          if (conv === 'X') digits = digits.toUpperCase();
          if (prec !== null) digits = prec === 0 && v === 0n ? '' : digits.padStart(prec, '0');
          let sign = '';
          if (v < 0n && (conv === 'd' || conv === 'i')) sign = '-';
          else if (conv === 'd' || conv === 'i')
            sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('#') && v !== 0n) {
            if (conv === 'x') digits = '0x' + digits;
            if (conv === 'X') digits = '0X' + digits;
            if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
          }
          output += pad(sign + digits, width, left, zero && prec === null);
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const v = parseFloatArg(arg ?? '0', errors);
          let body = formatCFloat(v, conv, prec ?? 6, flags.includes('#'));
          if (v >= 0 && !body.startsWith('-'))
            body = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
          output += pad(body, width, left, zero);
          break;
        }
        default:
          errors.push(`printf: \`${conv}': invalid format character`);
          return { output, errors, status: 1 };
      }
    }
    if (stop || argi >= args.length || !consumed || argi === startArg) break;
  }
  return { output, errors, status: errors.length ? 1 : 0 };
}

/* eslint-disable no-control-regex -- %q quotes control characters */
/** `printf %q`: bash's shell quoting with backslashes. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/[\n\t\r\x00-\x1f\x7f]/.test(s)) {
    return (
      "$'" +
      s.replace(/[\\'\n\t\r\x00-\x1f\x7f]/g, (c) => {
        const m: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\t': '\\t', '\r': '\\r' };
        return m[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0');
      }) +
      "'"
    );
  }
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}
