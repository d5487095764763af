/**
 * POSIX regular expressions (BRE as grep/sed use by default, ERE with
 * -E and in awk) translated to JavaScript RegExp source.
 */
/** POSIX character classes as JavaScript class bodies (shared with shell patterns). */
export const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

export class RegexError extends Error {}

/** Translates a bracket expression starting at `[`; returns [source, index after `]`]. */
function bracket(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === ']' && !first) return [out + ']', i + 1];
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(i + 2, end);
      if (POSIX_CLASSES[name] === undefined) throw new RegexError('Invalid character class name');
      out += POSIX_CLASSES[name];
      i = end + 1;
      continue;
    }
    if (c === '\\' || c === ']' || c === '[' || c === '^' || c === '/') out += '\\' + c;
    else out += c;
  }
  throw new RegexError('Unmatched [, [^, [:, [., or [=');
}

/** JS regex source for a POSIX pattern. */
export function posixSource(p: string, extended: boolean): string {
  let out = '';
  let groups = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '[') {
      const [src, next] = bracket(p, i);
      out += src;
      i = next - 1;
      continue;
    }
    if (c === '\\') {
      const n = p[++i];
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && '(){}|+?'.includes(n)) {
        if (n === '(') groups++;
        out += n;
      } else if (n === '<' || n === '>') out += '\\b';
      else if (/[1-9]/.test(n)) out += '\\' + n;
      else if ('wWsSbB'.includes(n)) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else if (n === '`') out += '^';
      else if (n === "'") out += '$';
      else out += /[A-Za-z0-9]/.test(n) ? n : '\\' + n;
      continue;
    }
    if (extended) {
      if (c === '{' && !/^\{\d*(,\d*)?\}/.test(p.slice(i))) out += '\\{';
      else if (c === '(' && p[i + 1] === ')') {
        out += '(?:)';
        i++;
      } else {
        if (c === '(') groups++;
        if ((c === '*' || c === '+' || c === '?') && (out === '' || out.endsWith('(') || out.endsWith('|')))
          out += '\\' + c;
        else out += c;
      }
      continue;
    }
    // BRE: these are literal unless escaped; `*` at the start is literal.
    if ('(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '*' && (out === '' || out === '^' || out.endsWith('\\('))) out += '\\*';
    else if (c === '^' && out !== '' && !out.endsWith('(') && !out.endsWith('|')) out += '\\^';
    else if (
      c === '$' &&
      i !== p.length - 1 &&
      !(p[i + 1] === '\\' && (p[i + 2] === ')' || p[i + 2] === '|'))
    )
      out += '\\$';
    else if (c === '/') out += '\\/';
    else out += c;
  }
  void groups;
  return out;
}

export function posixRegex(p: string, extended: boolean, flags = ''): RegExp {
  const src = posixSource(p, extended);
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new RegexError((e as Error).message);
  }
}
