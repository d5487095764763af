/** The awk language (gawk's common subset): tokens and syntax tree. */

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'unary'; op: string; a: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target: Expr | null; file: Expr | null }
  | { k: 'group'; e: Expr };

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redirect: { op: string; target: Expr } | null }
  | { k: 'printf'; args: Expr[]; redirect: { op: string; target: Expr } | null }
  | { k: 'if'; test: Expr; yes: Stmt; no: Stmt | null }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init: Stmt | null; test: Expr | null; step: Stmt | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e: Expr | null }
  | { k: 'delete'; name: string; subs: Expr[] | null }
  | { k: 'getline'; e: Expr };

export interface Rule {
  pattern:
    | { k: 'begin' | 'end' }
    | { k: 'expr'; e: Expr }
    | { k: 'range'; a: Expr; b: Expr; active: boolean }
    | null;
  body: Stmt[] | null;
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, { params: string[]; body: Stmt[] }>;
}

export class AwkSyntaxError extends Error {}

type Tok = { t: string; v: string; nlBefore?: boolean };

const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'tolower',
  'toupper',
  'int',
  'sqrt',
  'exp',
  'log',
  'sin',
  'cos',
  'atan2',
  'rand',
  'srand',
  'system',
  'close',
  'fflush',
  'systime',
  'strftime',
  'gensub',
]);
const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'function',
  'func',
  'if',
  'else',
  'while',
  'for',
  'do',
  'break',
  'continue',
  'next',
  'nextfile',
  'exit',
  'return',
  'delete',
  'in',
  'getline',
  'print',
  'printf',
]);
const PUNCT = [
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '**=',
  '**',
  '==',
  '<=',
  '>=',
  '!=',
  '++',
  '--',
  '&&',
  '||',
  '>>',
  '!~',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let nl = false;
  const prevIsOperand = () => {
    const p = toks[toks.length - 1];
    if (!p) return false;
    return (
      p.t === 'num' ||
      p.t === 'str' ||
      p.t === 'name' ||
      p.t === 'builtin' ||
      p.t === 're' ||
      (p.t === 'p' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--'))
    );
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'nl', v: '\n' });
      i++;
      nl = true;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const push = (t: string, v: string) => {
      toks.push({ t, v, nlBefore: nl });
      nl = false;
    };
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const n = src[++i];
          const esc: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            '/': '/',
            a: '\x07',
            b: '\b',
            f: '\f',
            v: '\v',
          };
          if (n in esc) s += esc[n];
          else if (/[0-7]/.test(n)) {
            const m = /^[0-7]{1,3}/.exec(src.slice(i))![0];
            s += String.fromCharCode(parseInt(m, 8));
            i += m.length - 1;
          } else if (n === '\n') {
            /* continuation */
          } else s += '\\' + n;
          i++;
        } else s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError('unterminated string');
      i++;
      push('str', s);
      continue;
    }
    if (c === '/' && !prevIsOperand()) {
      let s = '';
      i++;
      let inBracket = false;
      while (i < src.length && (src[i] !== '/' || inBracket)) {
        if (src[i] === '\n') throw new AwkSyntaxError('unterminated regexp');
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i] + src[i + 1];
          i += 2;
          continue;
        }
        if (src[i] === '[') inBracket = true;
        else if (src[i] === ']') inBracket = false;
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError('unterminated regexp');
      i++;
      push('re', s);
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num && /[\d.]/.test(c)) {
      push('num', num[0]);
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      const w = name[0];
      if (KEYWORDS.has(w)) push('kw', w);
      else if (BUILTINS.has(w)) push('builtin', w);
      else if (src[i] === '(') push('funcname', w);
      else push('name', w);
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new AwkSyntaxError(`invalid char '${c}' in expression`);
    push('p', p);
    i += p.length;
  }
  toks.push({ t: 'eof', v: '' });
  return toks;
}

export function parseAwk(src: string): Program {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (o = 0) => toks[pos + o];
  const is = (t: string, v?: string) => peek().t === t && (v === undefined || peek().v === v);
  const isP = (v: string) => is('p', v);
  const next = () => toks[pos++];
  const err = (): never => {
    const t = peek();
    throw new AwkSyntaxError(`syntax error at ${t.t === 'eof' ? 'end of input' : `'${t.v}'`}`);
  };
  const expectP = (v: string) => {
    if (!isP(v)) err();
    next();
  };
  const skipNl = () => {
    while (is('nl')) next();
  };
  const skipTerms = () => {
    while (is('nl') || isP(';')) next();
  };
  const funcs: Program['funcs'] = new Map();
  const rules: Rule[] = [];

  // ---- expressions ----
  let noIn = false;
  let noGt = false;

  const isLvalue = (e: Expr) => e.k === 'var' || e.k === 'field' || e.k === 'index';

  const expr = (): Expr => {
    const left = ternary();
    if (isLvalue(left) && is('p') && ['=', '+=', '-=', '*=', '/=', '%=', '^=', '**='].includes(peek().v)) {
      const op = next().v;
      skipNl();
      return { k: 'assign', op: op === '**=' ? '^=' : op, target: left, value: expr() };
    }
    return left;
  };

  const ternary = (): Expr => {
    const test = orExpr();
    if (isP('?')) {
      next();
      skipNl();
      const yes = expr();
      skipNl();
      expectP(':');
      skipNl();
      const no = expr();
      return { k: 'cond', test, yes, no };
    }
    return test;
  };

  const orExpr = (): Expr => {
    let a = andExpr();
    while (isP('||')) {
      next();
      skipNl();
      a = { k: 'or', a, b: andExpr() };
    }
    return a;
  };

  const andExpr = (): Expr => {
    let a = inExpr();
    while (isP('&&')) {
      next();
      skipNl();
      a = { k: 'and', a, b: inExpr() };
    }
    return a;
  };

  const inExpr = (): Expr => {
    let a = matchExpr();
    while (!noIn && is('kw', 'in')) {
      next();
      const name = next();
      if (name.t !== 'name') err();
      a = { k: 'in', subs: [a], name: name.v };
    }
    return a;
  };

  const matchExpr = (): Expr => {
    let a = compare();
    while (isP('~') || isP('!~')) {
      const neg = next().v === '!~';
      a = { k: 'match', neg, a, re: compare() };
    }
    return a;
  };

  const compare = (): Expr => {
    const a = concat();
    if (is('p') && ['<', '<=', '!=', '==', '>=', '>'].includes(peek().v) && !(noGt && peek().v === '>')) {
      const op = next().v;
      return { k: 'bin', op, a, b: concat() };
    }
    return a;
  };

  const startsOperand = () => {
    const t = peek();
    if (
      t.t === 'num' ||
      t.t === 'str' ||
      t.t === 're' ||
      t.t === 'name' ||
      t.t === 'funcname' ||
      t.t === 'builtin'
    )
      return true;
    if (t.t === 'p' && ['$', '(', '!', '++', '--', '-', '+'].includes(t.v))
      return t.v !== '-' && t.v !== '+' && t.v !== '!';
    return false;
  };

  const concat = (): Expr => {
    let a = additive();
    while (startsOperand() && !is('kw', 'in')) a = { k: 'concat', a, b: additive() };
    return a;
  };

  const additive = (): Expr => {
    let a = mult();
    while (isP('+') || isP('-')) {
      const op = next().v;
      a = { k: 'bin', op, a, b: mult() };
    }
    return a;
  };

  const mult = (): Expr => {
    let a = unary();
    while (isP('*') || isP('/') || isP('%')) {
      const op = next().v;
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  };

  const unary = (): Expr => {
    if (isP('!')) {
      next();
      return { k: 'unary', op: '!', a: unary() };
    }
    if (isP('-') || isP('+')) {
      const op = next().v;
      return { k: 'unary', op, a: unary() };
    }
    return power();
  };

  const power = (): Expr => {
    const a = incdec();
    if (isP('^') || isP('**')) {
      next();
      return { k: 'bin', op: '^', a, b: unaryForPower() };
    }
    return a;
  };

  const unaryForPower = (): Expr => {
    if (isP('-') || isP('+') || isP('!')) {
      const op = next().v;
      return { k: 'unary', op, a: unaryForPower() };
    }
    return power();
  };

  const incdec = (): Expr => {
    if (isP('++') || isP('--')) {
      const op = next().v as '++' | '--';
      const target = incdec();
      if (!isLvalue(target)) err();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = primary();
    if (isLvalue(e) && (isP('++') || isP('--'))) {
      const op = next().v as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };

  const args = (): Expr[] => {
    expectP('(');
    skipNl();
    const list: Expr[] = [];
    const saved = [noIn, noGt];
    noIn = false;
    noGt = false;
    while (!isP(')')) {
      list.push(expr());
      skipNl();
      if (isP(',')) {
        next();
        skipNl();
      } else if (!isP(')')) err();
    }
    [noIn, noGt] = saved;
    next();
    return list;
  };

  const primary = (): Expr => {
    const t = peek();
    switch (t.t) {
      case 'num':
        next();
        return { k: 'num', v: Number(t.v) };
      case 'str':
        next();
        return { k: 'str', v: t.v };
      case 're':
        next();
        return { k: 're', src: t.v };
      case 'funcname':
        next();
        return { k: 'call', name: t.v, args: args() };
      case 'builtin': {
        next();
        if (isP('(')) return { k: 'builtin', name: t.v, args: args() };
        if (t.v === 'length') return { k: 'builtin', name: 'length', args: [] };
        return err();
      }
      case 'name': {
        next();
        if (isP('[')) {
          next();
          const subs: Expr[] = [];
          for (;;) {
            subs.push(expr());
            if (isP(',')) {
              next();
              continue;
            }
            break;
          }
          expectP(']');
          return { k: 'index', name: t.v, subs };
        }
        return { k: 'var', name: t.v };
      }
      case 'kw':
        if (t.v === 'getline') {
          next();
          let target: Expr | null = null;
          if (is('name') || isP('$')) target = incdecNoGetline();
          let file: Expr | null = null;
          if (isP('<')) {
            next();
            file = primary();
          }
          return { k: 'getline', target, file };
        }
        return err();
      case 'p':
        if (t.v === '$') {
          next();
          return { k: 'field', index: incdecForField() };
        }
        if (t.v === '(') {
          next();
          const saved = [noIn, noGt];
          noIn = false;
          noGt = false;
          const first = expr();
          if (isP(',')) {
            // (a, b) in arr
            const list = [first];
            while (isP(',')) {
              next();
              list.push(expr());
            }
            expectP(')');
            [noIn, noGt] = saved;
            if (!is('kw', 'in')) err();
            next();
            const name = next();
            return { k: 'in', subs: list, name: name.v };
          }
          expectP(')');
          [noIn, noGt] = saved;
          return { k: 'group', e: first };
        }
    }
    return err();
  };

  const incdecForField = (): Expr => {
    if (isP('++') || isP('--') || isP('-')) return unary();
    return primary();
  };
  const incdecNoGetline = (): Expr => primary();

  // ---- statements ----
  const simpleOrBlock = (): Stmt => {
    skipNl();
    if (isP(';')) {
      next();
      return { k: 'block', body: [] };
    }
    return stmt();
  };

  const endSimple = () => {
    if (isP(';') || is('nl')) {
      next();
      return;
    }
    if (isP('}') || is('eof')) return;
    err();
  };

  const outputArgs = (): Expr[] => {
    const list: Expr[] = [];
    if (isP(';') || is('nl') || isP('}') || isP('>') || isP('>>') || isP('|') || is('eof')) return list;
    noGt = true;
    // `print (a, b)` is a parenthesized list.
    if (isP('(')) {
      const save = pos;
      next();
      const items: Expr[] = [];
      const savedGt = noGt;
      noGt = false;
      try {
        items.push(expr());
        while (isP(',')) {
          next();
          skipNl();
          items.push(expr());
        }
        if (
          (isP(')') && [';', '}', '>', '>>', '|'].includes(peek(1).v)) ||
          (isP(')') && (peek(1).t === 'nl' || peek(1).t === 'eof'))
        ) {
          next();
          noGt = savedGt;
          noGt = false;
          return items;
        }
      } catch {
        /* not a list */
      }
      pos = save;
      noGt = true;
    }
    list.push(expr());
    while (isP(',')) {
      next();
      skipNl();
      list.push(expr());
    }
    noGt = false;
    return list;
  };

  const redirect = () => {
    if (isP('>') || isP('>>') || isP('|')) {
      const op = next().v;
      return { op, target: concat() };
    }
    return null;
  };

  const stmt = (): Stmt => {
    const t = peek();
    if (isP('{')) {
      next();
      const body = stmts();
      expectP('}');
      return { k: 'block', body };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          next();
          expectP('(');
          const test = expr();
          expectP(')');
          const yes = simpleOrBlock();
          const save = pos;
          skipTerms();
          if (is('kw', 'else')) {
            next();
            return { k: 'if', test, yes, no: simpleOrBlock() };
          }
          pos = save;
          return { k: 'if', test, yes, no: null };
        }
        case 'while': {
          next();
          expectP('(');
          const test = expr();
          expectP(')');
          if (isP(';')) {
            next();
            return { k: 'while', test, body: { k: 'block', body: [] } };
          }
          return { k: 'while', test, body: simpleOrBlock() };
        }
        case 'do': {
          next();
          const body = simpleOrBlock();
          skipTerms();
          if (!is('kw', 'while')) err();
          next();
          expectP('(');
          const test = expr();
          expectP(')');
          endSimple();
          return { k: 'do', body, test };
        }
        case 'for': {
          next();
          expectP('(');
          if (
            is('name') &&
            peek(1).t === 'kw' &&
            peek(1).v === 'in' &&
            peek(2).t === 'name' &&
            peek(3).v === ')'
          ) {
            const v = next().v;
            next();
            const arr = next().v;
            next();
            return { k: 'forin', v, arr, body: simpleOrBlock() };
          }
          const init = isP(';') ? null : simple();
          expectP(';');
          skipNl();
          const test = isP(';') ? null : expr();
          expectP(';');
          skipNl();
          const step = isP(')') ? null : simple();
          expectP(')');
          if (isP(';')) {
            next();
            return { k: 'for', init, test, step, body: { k: 'block', body: [] } };
          }
          return { k: 'for', init, test, step, body: simpleOrBlock() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          next();
          endSimple();
          return { k: t.v };
        case 'exit':
        case 'return': {
          next();
          const e = isP(';') || is('nl') || isP('}') || is('eof') ? null : expr();
          endSimple();
          return { k: t.v, e };
        }
        case 'delete': {
          next();
          const name = next();
          if (name.t !== 'name') err();
          let subs: Expr[] | null = null;
          if (isP('[')) {
            next();
            subs = [expr()];
            while (isP(',')) {
              next();
              subs.push(expr());
            }
            expectP(']');
          }
          endSimple();
          return { k: 'delete', name: name.v, subs };
        }
      }
    }
    const s = simple();
    endSimple();
    return s;
  };

  const simple = (): Stmt => {
    if (is('kw', 'print') || is('kw', 'printf')) {
      const kind = next().v as 'print' | 'printf';
      const list = outputArgs();
      const r = redirect();
      if (kind === 'printf' && list.length === 0) err();
      return { k: kind, args: list, redirect: r };
    }
    return { k: 'expr', e: expr() };
  };

  const stmts = (): Stmt[] => {
    const body: Stmt[] = [];
    skipTerms();
    while (!isP('}') && !is('eof')) {
      body.push(stmt());
      skipTerms();
    }
    return body;
  };

  const block = (): Stmt[] => {
    expectP('{');
    const body = stmts();
    expectP('}');
    return body;
  };

  skipTerms();
  while (!is('eof')) {
    if (is('kw', 'function') || is('kw', 'func')) {
      next();
      const name = next();
      if (name.t !== 'funcname' && name.t !== 'name') err();
      expectP('(');
      const params: string[] = [];
      while (!isP(')')) {
        const p = next();
        if (p.t !== 'name') err();
        params.push(p.v);
        if (isP(',')) {
          next();
          skipNl();
        }
      }
      next();
      skipNl();
      funcs.set(name.v, { params, body: block() });
    } else if (is('kw', 'BEGIN') || is('kw', 'END')) {
      const k = next().v === 'BEGIN' ? 'begin' : 'end';
      skipNl();
      rules.push({ pattern: { k }, body: block() });
    } else {
      let pattern: Rule['pattern'] = null;
      if (!isP('{')) {
        const a = expr();
        if (isP(',')) {
          next();
          skipNl();
          pattern = { k: 'range', a, b: expr(), active: false };
        } else pattern = { k: 'expr', e: a };
      }
      const body = isP('{') ? block() : null;
      rules.push({ pattern, body });
    }
    skipTerms();
  }
  return { rules, funcs };
}
