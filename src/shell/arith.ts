/** Shell arithmetic (`$((...))`, `((...))`, `let`): 64-bit signed integers, C operators, as bash evaluates them. */

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A bash arithmetic error; the message is what bash prints after `NAME: line N: `. */
export class ArithError extends Error {}

const wrap = (v: bigint) => BigInt.asIntN(64, v);

type Tok = { k: 'num'; v: bigint } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '~',
  '&',
  '|',
  '^',
  '?',
  ':',
  '=',
  '(',
  ')',
  ',',
];

function parseNumber(text: string, expr: string): bigint {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(text))) return wrap(BigInt('0x' + m[1]));
  if ((m = /^(\d+)#([0-9a-zA-Z@_]+)$/.exec(text))) {
    const base = Number(m[1]);
    let v = 0n;
    for (const ch of m[2]) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= base)
        throw new ArithError(`${expr}: value too great for base (error token is "${text}")`);
      v = v * BigInt(base) + BigInt(d);
    }
    return wrap(v);
  }
  if (/^0[0-7]+$/.test(text)) return wrap(BigInt('0o' + text.slice(1)));
  if (/^\d+$/.test(text)) return wrap(BigInt(text));
  throw new ArithError(`${text}: value too great for base (error token is "${text}")`);
}

function tokenize(expr: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^[0-9][0-9a-zA-Z#@_]*/.exec(expr.slice(i));
    if (num) {
      toks.push({ k: 'num', v: parseNumber(num[0], expr) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name) {
      toks.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) {
      const rest = expr.slice(i);
      throw new ArithError(`${expr}: syntax error: invalid arithmetic operator (error token is "${rest}")`);
    }
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  return toks;
}

const BINARY: [string[], boolean][] = [
  [['||'], false],
  [['&&'], false],
  [['|'], false],
  [['^'], false],
  [['&'], false],
  [['==', '!='], false],
  [['<', '>', '<=', '>='], false],
  [['<<', '>>'], false],
  [['+', '-'], false],
  [['*', '/', '%'], false],
];

/** Evaluates an expression; an empty expression is 0. */
export function evalArith(expr: string, vars: ArithVars): bigint {
  const toks = tokenize(expr);
  let i = 0;
  // When skipping (short-circuit, ternary), names are not read or assigned.
  let skip = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => toks[i]?.k === 'op' && toks[i].v === v;
  const rest = () => {
    // bash names the rest of the expression starting at the bad token
    let text = '';
    for (let j = i; j < toks.length; j++) text += (j > i ? ' ' : '') + String(toks[j].v);
    return text;
  };
  const syntaxError = (): never => {
    if (i >= toks.length)
      throw new ArithError(
        `${expr}: syntax error: operand expected (error token is "${expr.trim().slice(-1)}")`,
      );
    throw new ArithError(`${expr}: syntax error in expression (error token is "${rest()}")`);
  };

  const valueOf = (name: string, depth = 0): bigint => {
    if (skip) return 0n;
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0n;
    const t = raw.trim();
    if (/^-?\d+$/.test(t)) return wrap(BigInt(t));
    if (depth > 10) throw new ArithError(`${name}: expression recursion level exceeded`);
    return evalArith(t, vars);
  };
  const assign = (name: string, v: bigint): bigint => {
    if (!skip) vars.set(name, String(v));
    return v;
  };

  const primary = (): bigint => {
    const t = peek();
    if (!t) return syntaxError();
    if (t.k === 'num') {
      i++;
      return t.v;
    }
    if (t.k === 'name') {
      i++;
      if (isOp('++') || isOp('--')) {
        const op = toks[i++].v;
        const v = valueOf(t.v);
        assign(t.v, wrap(op === '++' ? v + 1n : v - 1n));
        return v;
      }
      return valueOf(t.v);
    }
    if (t.v === '(') {
      i++;
      const v = comma();
      if (!isOp(')')) syntaxError();
      i++;
      return v;
    }
    return syntaxError();
  };

  const unary = (): bigint => {
    const t = peek();
    if (t?.k === 'op') {
      if ((t.v === '++' || t.v === '--') && toks[i + 1]?.k === 'name') {
        i++;
        const name = toks[i++].v as string;
        return assign(name, wrap(valueOf(name) + (t.v === '++' ? 1n : -1n)));
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary();
        if (t.v === '-') return wrap(-v);
        if (t.v === '+') return v;
        if (t.v === '!') return v === 0n ? 1n : 0n;
        return wrap(~v);
      }
    }
    return power();
  };

  const power = (): bigint => {
    const base = primary();
    if (isOp('**')) {
      i++;
      const exp = unary();
      if (exp < 0n) throw new ArithError(`${expr}: exponent less than 0 (error token is "${rest()}")`);
      return wrap(base ** exp);
    }
    return base;
  };

  const binary = (level: number): bigint => {
    if (level >= BINARY.length) return unary();
    const [ops] = BINARY[level];
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t?.k !== 'op' || !ops.includes(t.v)) return left;
      i++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? left === 0n : left !== 0n;
        if (short) skip++;
        const right = binary(level + 1);
        if (short) skip--;
        left = short ? (t.v === '||' ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = binary(level + 1);
      left = apply(t.v, left, right);
    }
  };

  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (skip) return 0n;
          throw new ArithError(`${expr}: division by 0 (error token is "${rest()}")`);
        }
        return wrap(op === '/' ? a / b : a % b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return wrap(a >> (b & 63n));
      case '&':
        return wrap(a & b);
      case '|':
        return wrap(a | b);
      case '^':
        return wrap(a ^ b);
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
    }
    throw new ArithError(`${expr}: syntax error`);
  };

  const ternary = (): bigint => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    i++;
    if (cond === 0n) skip++;
    const a = assignment();
    if (cond === 0n) skip--;
    if (!isOp(':')) syntaxError();
    i++;
    if (cond !== 0n) skip++;
    const b = assignment();
    if (cond !== 0n) skip--;
    return cond !== 0n ? a : b;
  };

  const assignment = (): bigint => {
    const t = peek();
    const n = toks[i + 1];
    if (t?.k === 'name' && n?.k === 'op' && /^(=|\+=|-=|\*=|\/=|%=|<<=|>>=|&=|\|=|\^=)$/.test(n.v)) {
      i += 2;
      const v = assignment();
      if (n.v === '=') return assign(t.v, v);
      return assign(t.v, apply(n.v.slice(0, -1), valueOf(t.v), v));
    }
    return ternary();
  };

  const comma = (): bigint => {
    let v = assignment();
    while (isOp(',')) {
      i++;
      v = assignment();
    }
    return v;
  };

  if (toks.length === 0) return 0n;
  const v = comma();
  if (i < toks.length) syntaxError();
  return v;
}
