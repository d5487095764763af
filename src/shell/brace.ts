/**
 * Brace expansion, bash's first expansion: `pre{a,b}post` is `preapost
 * prebpost` and `{x..y[..step]}` a sequence of integers (zero-padded when
 * an end is) or of single letters. It reads the word as written: only
 * unquoted literal text holds braces and commas (a quoted `{`, `${...}`
 * or `$(...)` is no part of one); other parts ride along whole. A brace
 * that opens no valid expression (`{a}`, `{}`, `{1..}`) stays as it is.
 */
import type { Word, WordPart } from './ast.js';

/** A word as brace expansion reads it: unquoted literal characters and opaque parts. */
type Token = string | WordPart;

const isChar = (t: Token, c: string): boolean => t === c;

const NAME_CHAR = /^[A-Za-z0-9_]$/;

function tokens(word: Word): Token[] {
  const out: Token[] = [];
  for (const p of word.parts) {
    if (p.type === 'lit') out.push(...p.text);
    else out.push(p);
  }
  return out;
}

/**
 * The parts again. The expansion is textual: a `$NAME` written bare, now
 * followed by name characters (`{$v,w}1` gives `$v1`), takes them into
 * its name, as the shell reading `$v1` would.
 */
function toWord(ts: readonly Token[]): Word {
  const parts: WordPart[] = [];
  let lit = '';
  for (const t of ts) {
    if (typeof t === 'string') {
      const last = parts[parts.length - 1];
      if (lit === '' && last?.type === 'param' && last.bare && NAME_CHAR.test(t)) {
        parts[parts.length - 1] = { ...last, name: last.name + t };
        continue;
      }
      lit += t;
      continue;
    }
    if (lit) parts.push({ type: 'lit', text: lit });
    lit = '';
    parts.push(t);
  }
  if (lit) parts.push({ type: 'lit', text: lit });
  return { parts };
}

/** The words a word brace-expands to (itself alone when it holds no brace expression). */
export function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.type === 'lit' && p.text.includes('{'))) return [word];
  return expand(tokens(word)).map(toWord);
}

function expand(ts: readonly Token[]): Token[][] {
  for (let open = 0; open < ts.length; open++) {
    if (!isChar(ts[open], '{')) continue;
    const found = braceBody(ts, open);
    if (found === null) continue;
    const pre = ts.slice(0, open);
    const post = ts.slice(found.close + 1);
    const out: Token[][] = [];
    for (const alt of found.alternatives)
      for (const rest of expand([...alt, ...post])) out.push([...pre, ...rest]);
    return out;
  }
  return [ts.slice()];
}

/**
 * The expression opened at `open`: its closing brace and alternatives (each
 * still to be expanded), or null when it is not one.
 */
function braceBody(ts: readonly Token[], open: number): { close: number; alternatives: Token[][] } | null {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < ts.length; i++) {
    const t = ts[i];
    if (isChar(t, '{')) depth++;
    else if (isChar(t, '}')) {
      if (depth > 0) {
        depth--;
        continue;
      }
      const body = ts.slice(open + 1, i);
      if (commas.length > 0) {
        const alternatives: Token[][] = [];
        let from = open + 1;
        for (const c of [...commas, i]) {
          alternatives.push(ts.slice(from, c));
          from = c + 1;
        }
        return { close: i, alternatives };
      }
      const seq = sequence(body);
      return seq === null ? null : { close: i, alternatives: seq.map((s) => [...s]) };
    } else if (depth === 0 && isChar(t, ',')) commas.push(i);
  }
  return null;
}

/** `x..y[..step]` of integers or of single letters, as bash spells each element; null when not one. */
function sequence(body: readonly Token[]): string[] | null {
  if (!body.every((t) => typeof t === 'string')) return null;
  const text = body.join('');
  const num = /^([-+]?\d+)\.\.([-+]?\d+)(?:\.\.([-+]?\d+))?$/.exec(text);
  if (num) {
    const [from, to] = [Number(num[1]), Number(num[2])];
    const step = Math.abs(Number(num[3] ?? 1)) || 1;
    // A leading zero on either end pads every element to the longer end's width.
    const padded = /^[-+]?0\d/.test(num[1]) || /^[-+]?0\d/.test(num[2]);
    const width = padded ? Math.max(num[1].length, num[2].length) : 0;
    const out: string[] = [];
    const dir = from <= to ? 1 : -1;
    for (let n = from; dir > 0 ? n <= to : n >= to; n += dir * step) {
      const digits = String(Math.abs(n));
      out.push((n < 0 ? '-' : '') + digits.padStart(width - (n < 0 ? 1 : 0), '0'));
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([-+]?\d+))?$/.exec(text);
  if (chr) {
    const [from, to] = [chr[1].charCodeAt(0), chr[2].charCodeAt(0)];
    const step = Math.abs(Number(chr[3] ?? 1)) || 1;
    const dir = from <= to ? 1 : -1;
    const out: string[] = [];
    for (let c = from; dir > 0 ? c <= to : c >= to; c += dir * step) out.push(String.fromCharCode(c));
    return out;
  }
  return null;
}
