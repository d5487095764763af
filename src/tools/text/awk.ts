import { formatCFloat } from './cfloat.js';
import type { Command, Proc } from '../process.js';
import { readAll } from '../process.js';
import { AwkSyntaxError, parseAwk, type Expr, type Program, type Stmt } from './awk-parse.js';
import { posixRegex, RegexError } from './regex.js';

/** An awk value: a number, a string, or a string from input that looks numeric (strnum). */
type Value = number | string | { strnum: string; n: number };

const NUMERIC = /^[ \t\n]*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)[ \t\n]*$/;

function strnum(s: string): Value {
  return NUMERIC.test(s) ? { strnum: s, n: Number(s.trim()) } : s;
}

function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object') return v.n;
  const m = /^[ \t\n]*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(v);
  return m ? Number(m[0].trim()) : 0;
}

class Next {}
class NextFile {}
class Exit {
  constructor(readonly code: number) {}
}
class Break {}
class Continue {}
class Return {
  constructor(readonly value: Value) {}
}
class AwkRuntimeError extends Error {}

type AwkArray = Map<string, Value>;

interface Frame {
  locals: Map<string, Value | AwkArray>;
}

/** Formats like C printf for one conversion (awk's printf/sprintf). */
function formatOne(spec: string, conv: string, v: Value | undefined): string {
  const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?$/.exec(spec)!;
  const flags = m[1];
  const width = m[2] ? Number(m[2]) : 0;
  const prec = m[3] !== undefined ? Number(m[3] || '0') : null;
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left;
  const pad = (s: string, numeric: boolean) => {
    if (s.length >= width) return s;
    if (left) return s + ' '.repeat(width - s.length);
    if (zero && numeric) {
      const sign = /^[+\- ]/.test(s) ? s[0] : '';
      return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
    }
    return ' '.repeat(width - s.length) + s;
  };
  const val = v ?? '';
  switch (conv) {
    case 's': {
      let s = toStr(val, '%.6g');
      if (prec !== null) s = s.slice(0, prec);
      return pad(s, false);
    }
    case 'c': {
      const s =
        typeof val === 'number' ? String.fromCodePoint(Math.trunc(val)) : toStr(val, '%.6g').slice(0, 1);
      return pad(s, false);
    }
    case 'd':
    case 'i': {
      const n = Math.trunc(toNum(val));
      let digits = Math.abs(n).toString();
      if (!Number.isFinite(n)) digits = n > 0 ? 'inf' : n < 0 ? 'inf' : 'nan';
      if (prec !== null) digits = digits.padStart(prec, '0');
      const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return pad(sign + digits, prec === null);
    }
    case 'o':
    case 'x':
    case 'X':
    case 'u': {
      let n = Math.trunc(toNum(val));
      if (n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
      let digits = conv === 'o' ? n.toString(8) : conv === 'u' ? n.toString() : n.toString(16);
      if (conv === 'X') digits = digits.toUpperCase();
      if (prec !== null) digits = digits.padStart(prec, '0');
      if (flags.includes('#') && n !== 0)
        digits = (conv === 'x' ? '0x' : conv === 'X' ? '0X' : conv === 'o' ? '0' : '') + digits;
      return pad(digits, prec === null);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = toNum(val);
      let s = formatCFloat(n, conv, prec ?? 6, flags.includes('#'));
      if (n >= 0 && !s.startsWith('-')) s = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
      return pad(s, true);
    }
  }
  return spec + conv;
}

function toStr(v: Value, fmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return v.strnum;
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US', { useGrouping: false });
  const m = /^%(\.\d+)?([gfe])$/.exec(fmt);
  return formatCFloat(v, m ? m[2] : 'g', m && m[1] ? Number(m[1].slice(1)) : 6, false);
}

export function sprintf(format: string, args: Value[]): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([a-zA-Z])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    let width = m[2];
    let prec = m[3];
    if (width === '*') width = String(Math.trunc(toNum(args[ai++] ?? 0)));
    if (prec === '*') prec = String(Math.trunc(toNum(args[ai++] ?? 0)));
    let flags = m[1];
    if (width.startsWith('-')) {
      flags += '-';
      width = width.slice(1);
    }
    const spec = `%${flags}${width}${prec !== undefined ? '.' + prec : ''}`;
    if (!'cdiouxXeEfFgGs'.includes(m[4])) {
      out += m[0];
      i += m[0].length - 1;
      continue;
    }
    out += formatOne(spec, m[4], args[ai++]);
    i += m[0].length - 1;
  }
  return out;
}

class Interp {
  globals = new Map<string, Value | AwkArray>();
  frames: Frame[] = [];
  fields: string[] = [];
  record = '';
  fieldsValid = true;
  nf = 0;
  out = '';
  regexCache = new Map<string, RegExp>();
  input: string[] = [];
  inputPos = 0;
  rngState = 0;
  rangeActive: boolean[] = [];

  constructor(
    readonly prog: Program,
    readonly proc: Proc,
  ) {
    const g = this.globals;
    g.set('FS', ' ');
    g.set('OFS', ' ');
    g.set('ORS', '\n');
    g.set('RS', '\n');
    g.set('NR', 0);
    g.set('NF', 0);
    g.set('FNR', 0);
    g.set('SUBSEP', '\x1c');
    g.set('CONVFMT', '%.6g');
    g.set('OFMT', '%.6g');
    g.set('RSTART', 0);
    g.set('RLENGTH', -1);
    g.set('FILENAME', '');
    const env: AwkArray = new Map();
    for (const [k, v] of proc.env) env.set(k, strnum(v));
    g.set('ENVIRON', env);
  }

  regex(src: string): RegExp {
    let re = this.regexCache.get(src);
    if (!re) {
      re = posixRegex(src, true);
      this.regexCache.set(src, re);
    }
    return re;
  }

  str(v: Value): string {
    return toStr(v, toStr(this.getVar('CONVFMT') as Value, '%.6g'));
  }

  outStr(v: Value): string {
    return toStr(v, toStr(this.getVar('OFMT') as Value, '%.6g'));
  }

  // ---- variables ----
  private scopeOf(name: string): Map<string, Value | AwkArray> {
    const f = this.frames[this.frames.length - 1];
    if (f && f.locals.has(name)) return f.locals;
    return this.globals;
  }

  getVar(name: string): Value | AwkArray {
    if (name === 'NF') {
      this.splitIfNeeded();
      return this.nf;
    }
    return this.scopeOf(name).get(name) ?? '';
  }

  setVar(name: string, v: Value): void {
    if (name === 'NF') {
      this.splitIfNeeded();
      const n = Math.max(0, Math.trunc(toNum(v)));
      this.fields.length = n;
      for (let i = 0; i < n; i++) this.fields[i] ??= '';
      this.nf = n;
      this.rebuild();
      return;
    }
    const scope = this.scopeOf(name);
    if (scope.get(name) instanceof Map)
      throw new AwkRuntimeError(`attempt to use array \`${name}' in a scalar context`);
    scope.set(name, v);
  }

  array(name: string): AwkArray {
    const scope = this.scopeOf(name);
    let a = scope.get(name);
    if (!(a instanceof Map)) {
      if (a !== undefined && a !== '' && !(scope === this.frames[this.frames.length - 1]?.locals))
        throw new AwkRuntimeError(`attempt to use scalar \`${name}' as an array`);
      a = new Map();
      scope.set(name, a);
    }
    return a;
  }

  // ---- fields ----
  setRecord(text: string): void {
    this.record = text;
    this.fieldsValid = false;
  }

  splitIfNeeded(): void {
    if (this.fieldsValid) return;
    this.fields = this.split(this.record, this.str(this.getVarRaw('FS')));
    this.nf = this.fields.length;
    this.fieldsValid = true;
  }

  private getVarRaw(name: string): Value {
    const v = this.globals.get(name);
    return v instanceof Map ? '' : (v ?? '');
  }

  split(text: string, fs: string): string[] {
    if (fs === ' ') {
      const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (text === '') return [];
    if (fs.length === 1 && fs !== '\\') return text.split(fs === '\t' ? '\t' : fs);
    return text.split(this.regex(fs));
  }

  getField(i: number): Value {
    if (i === 0) return strnum(this.record);
    this.splitIfNeeded();
    const f = this.fields[i - 1];
    return f === undefined ? '' : strnum(f);
  }

  setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    this.splitIfNeeded();
    while (this.fields.length < i) this.fields.push('');
    this.fields[i - 1] = v;
    this.nf = this.fields.length;
    this.rebuild();
  }

  rebuild(): void {
    this.record = this.fields.join(this.str(this.getVarRaw('OFS')));
    this.fieldsValid = true;
  }

  // ---- expressions ----
  subscript(subs: Expr[]): string {
    return subs.map((s) => this.str(this.eval(s))).join(this.str(this.getVarRaw('SUBSEP')));
  }

  assignTo(target: Expr, v: Value): Value {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') {
      const i = Math.trunc(toNum(this.eval(target.index)));
      if (i < 0) throw new AwkRuntimeError(`attempt to access field ${i}`);
      this.setField(i, this.str(v));
    } else if (target.k === 'index') this.array(target.name).set(this.subscript(target.subs), v);
    return v;
  }

  matchRe(e: Expr): RegExp {
    if (e.k === 're') return this.regex(e.src);
    return this.regex(this.str(this.eval(e)));
  }

  compare(a: Value, b: Value, op: string): boolean {
    const numA = typeof a === 'number' || typeof a === 'object';
    const numB = typeof b === 'number' || typeof b === 'object';
    let c: number;
    if (numA && numB) {
      const x = toNum(a);
      const y = toNum(b);
      c = x < y ? -1 : x > y ? 1 : 0;
    } else {
      const x = this.str(a);
      const y = this.str(b);
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    switch (op) {
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '==':
        return c === 0;
      default:
        return c !== 0;
    }
  }

  truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'object') return v.n !== 0;
    return v !== '';
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var': {
        const v = this.getVar(e.name);
        if (v instanceof Map)
          throw new AwkRuntimeError(`attempt to use array \`${e.name}' in a scalar context`);
        return v;
      }
      case 'field': {
        const i = Math.trunc(toNum(this.eval(e.index)));
        if (i < 0) throw new AwkRuntimeError(`attempt to access field ${i}`);
        return this.getField(i);
      }
      case 'index': {
        const arr = this.array(e.name);
        const key = this.subscript(e.subs);
        let v = arr.get(key);
        if (v === undefined) {
          v = '';
          arr.set(key, v);
        }
        return v;
      }
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, this.copy(this.eval(e.value)));
        const cur = toNum(this.eval(e.target));
        const rhs = toNum(this.eval(e.value));
        return this.assignTo(e.target, this.arith(e.op.slice(0, -1), cur, rhs));
      }
      case 'cond':
        return this.truthy(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return this.truthy(this.eval(e.a)) && this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return this.truthy(this.eval(e.a)) || this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const r = this.matchRe(e.re).test(this.str(this.eval(e.a)));
        return r !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (['<', '<=', '>', '>=', '==', '!='].includes(e.op))
          return this.compare(this.eval(e.a), this.eval(e.b), e.op) ? 1 : 0;
        return this.arith(e.op, toNum(this.eval(e.a)), toNum(this.eval(e.b)));
      }
      case 'concat':
        return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case 'unary': {
        const v = this.eval(e.a);
        if (e.op === '!') return this.truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, nv);
        return e.prefix ? nv : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e.target, e.file);
    }
  }

  copy(v: Value): Value {
    return v;
  }

  arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new AwkRuntimeError('division by zero attempted');
        return a / b;
      case '%':
        if (b === 0) throw new AwkRuntimeError("division by zero attempted in `%'");
        return a % b;
      case '^':
        return a ** b;
    }
    throw new AwkRuntimeError(`bad operator ${op}`);
  }

  getline(target: Expr | null, file: Expr | null): Value {
    if (file) {
      const name = this.str(this.eval(file));
      const text = this.proc.readFile(name);
      if (text === null) return -1;
      // Files are read whole on first use.
      const key = `\0file:${name}`;
      let state = this.globals.get(key) as AwkArray | undefined;
      if (!state) {
        state = new Map();
        state.set('pos', 0);
        this.globals.set(key, state);
      }
      const lines = text.split('\n');
      if (text.endsWith('\n')) lines.pop();
      const pos = toNum(state.get('pos')!);
      if (pos >= lines.length) return 0;
      state.set('pos', pos + 1);
      if (target) this.assignTo(target, strnum(lines[pos]));
      else {
        this.setRecord(lines[pos]);
      }
      return 1;
    }
    if (this.inputPos >= this.input.length) return 0;
    const line = this.input[this.inputPos++];
    this.setVar('NR', toNum(this.getVar('NR') as Value) + 1);
    this.setVar('FNR', toNum(this.getVar('FNR') as Value) + 1);
    if (target) this.assignTo(target, strnum(line));
    else this.setRecord(line);
    return 1;
  }

  call(name: string, args: Expr[]): Value {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function \`${name}' not defined`);
    const locals = new Map<string, Value | AwkArray>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (!a) return;
      if (a.k === 'var') {
        const v = this.getVar(a.name);
        // Arrays are passed by reference; an untouched name may become one.
        if (v instanceof Map) locals.set(p, v);
        else if (v === '' && !this.scopeOf(a.name).has(a.name) && this.usesAsArray(name, p)) {
          const arr: AwkArray = new Map();
          this.scopeOf(a.name).set(a.name, arr);
          locals.set(p, arr);
        } else locals.set(p, v);
      } else locals.set(p, this.eval(a));
    });
    for (const p of f.params) if (!locals.has(p)) locals.set(p, '');
    this.frames.push({ locals });
    try {
      this.execAll(f.body);
      return '';
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private arrayParams = new Map<string, string>();

  /** Whether a function uses a parameter as an array (an untouched argument then becomes one, by reference). */
  usesAsArray(func: string, param: string): boolean {
    let text = this.arrayParams.get(func);
    if (text === undefined) {
      text = JSON.stringify(this.prog.funcs.get(func)!.body);
      this.arrayParams.set(func, text);
    }
    const q = JSON.stringify(param);
    return (
      text.includes(`"k":"index","name":${q}`) ||
      text.includes(`"name":${q},"subs"`) ||
      text.includes(`"arr":${q}`) ||
      text.includes(`{"k":"var","name":${q}}]`)
    );
  }

  builtin(name: string, args: Expr[]): Value {
    const s = (i: number) => this.str(this.eval(args[i]));
    const n = (i: number) => toNum(this.eval(args[i]));
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...this.record].length;
        const a = args[0];
        if (a.k === 'var') {
          const v = this.getVar(a.name);
          if (v instanceof Map) return v.size;
        }
        return [...s(0)].length;
      }
      case 'substr': {
        const str = [...s(0)];
        let start = Math.round(n(1));
        let len = args.length > 2 ? Math.round(n(2)) : Infinity;
        if (start < 1) {
          len += start - 1;
          start = 1;
        }
        if (len <= 0) return '';
        return str.slice(start - 1, start - 1 + len).join('');
      }
      case 'index': {
        const i = s(0).indexOf(s(1));
        return i + 1;
      }
      case 'split': {
        const text = s(0);
        const target = args[1];
        if (target.k !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        const arr = this.array(target.name);
        arr.clear();
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2];
          if (sep.k === 're') parts = text === '' ? [] : text.split(this.regex(sep.src));
          else parts = this.split(text, this.str(this.eval(sep)));
        } else parts = this.split(text, this.str(this.getVarRaw('FS')));
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.matchRe(args[0]);
        const repl = s(1);
        const target = args[2] ?? ({ k: 'field', index: { k: 'num', v: 0 } } as Expr);
        const text = this.str(this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, name === 'gsub' ? 'g' : '');
        const result = text.replace(g, (m) => {
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) this.assignTo(target, result);
        return count;
      }
      case 'match': {
        const m = this.matchRe(args[1]).exec(s(0));
        const start = m ? [...s(0).slice(0, m.index)].length + 1 : 0;
        const len = m ? [...m[0]].length : -1;
        this.setVar('RSTART', start);
        this.setVar('RLENGTH', len);
        if (m && args[2]?.k === 'var') {
          const arr = this.array(args[2].name);
          arr.clear();
          m.forEach((g, i) => g !== undefined && arr.set(String(i), g));
        }
        return start;
      }
      case 'sprintf':
        return sprintf(
          s(0),
          args.slice(1).map((a) => this.eval(a)),
        );
      case 'tolower':
        return s(0).toLowerCase();
      case 'toupper':
        return s(0).toUpperCase();
      case 'int':
        return Math.trunc(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'rand':
        return this.proc.world.rng.u32() / 2 ** 32;
      case 'srand': {
        const prev = this.rngState;
        this.rngState = args.length ? n(0) : 0;
        return prev;
      }
      case 'close':
      case 'fflush':
        return 0;
      case 'systime':
        return Math.floor(this.proc.world.clock.now / 1000);
      case 'system':
        throw new AwkRuntimeError('podpath: unsupported: system()');
      case 'gensub': {
        const re = this.matchRe(args[0]);
        const repl = s(1);
        const how = s(2);
        const text = args.length > 3 ? s(3) : this.record;
        const global = /^[gG]/.test(how);
        const which = global ? 0 : Math.max(1, Math.trunc(toNum(how)) || 1);
        let count = 0;
        return text.replace(new RegExp(re.source, 'g'), (...m: unknown[]) => {
          count++;
          const match = m[0] as string;
          if (!global && count !== which) return match;
          return repl.replace(/\\(\d)|\\\\|&/g, (x, d: string | undefined) =>
            x === '&'
              ? match
              : d !== undefined
                ? ((d === '0' ? match : (m[Number(d)] as string)) ?? '')
                : '\\',
          );
        });
      }
    }
    throw new AwkRuntimeError(`function \`${name}' not defined`);
  }

  // ---- statements ----
  execAll(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        const text =
          s.args.length === 0
            ? this.record
            : s.args.map((a) => this.outStr(this.eval(a))).join(this.str(this.getVarRaw('OFS')));
        this.emit(text + this.str(this.getVarRaw('ORS')), s.redirect);
        return;
      }
      case 'printf': {
        const [fmt, ...rest] = s.args;
        this.emit(
          sprintf(
            this.str(this.eval(fmt)),
            rest.map((a) => this.eval(a)),
          ),
          s.redirect,
        );
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.test))) this.exec(s.yes);
        else if (s.no) this.exec(s.no);
        return;
      case 'while':
        while (this.truthy(this.eval(s.test))) if (this.loopBody(s.body) === 'break') break;
        return;
      case 'do':
        do if (this.loopBody(s.body) === 'break') break;
        while (this.truthy(this.eval(s.test)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.test || this.truthy(this.eval(s.test))) {
          if (this.loopBody(s.body) === 'break') break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          this.setVar(s.v, strnum(key));
          if (this.loopBody(s.body) === 'break') break;
        }
        return;
      }
      case 'block':
        this.execAll(s.body);
        return;
      case 'next':
        throw new Next();
      case 'nextfile':
        throw new NextFile();
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(toNum(this.eval(s.e))) & 255 : -1);
      case 'return':
        throw new Return(s.e ? this.eval(s.e) : '');
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return;
      }
      case 'getline':
        this.eval(s.e);
        return;
    }
  }

  /** Runs one iteration of a loop body; `break` and `continue` end it early. */
  private loopBody(body: Stmt): 'break' | 'next' {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof Break) return 'break';
      if (!(e instanceof Continue)) throw e;
    }
    return 'next';
  }

  emit(text: string, redirect: { op: string; target: Expr } | null): void {
    if (redirect) {
      const target = this.str(this.eval(redirect.target));
      if (redirect.op === '|') throw new AwkRuntimeError('podpath: unsupported: print | command');
      if (target === '/dev/stderr') {
        this.flush();
        this.proc.stderr.write(text);
        return;
      }
      if (target === '/dev/stdout' || target === '-') {
        this.out += text;
        return;
      }
      throw new AwkRuntimeError(`podpath: unsupported: print > ${target}`);
    }
    this.out += text;
    if (this.out.length > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.out) this.proc.stdout.write(this.out);
    this.out = '';
  }
}

function unescapeAssign(v: string): string {
  return v.replace(/\\(n|t|r|\\|"|\/|[0-7]{1,3})/g, (_, c: string) => {
    const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' };
    return m[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}

/** gawk subset: patterns, BEGIN/END, fields, arrays, functions, printf, the string builtins. */
export const awk: Command = async (proc) => {
  const argv = proc.argv;
  let fs: string | null = null;
  const assigns: [string, string][] = [];
  let source: string | null = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-F') fs = argv[++i] ?? '';
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') {
      const m = /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(argv[++i] ?? '');
      if (!m) {
        proc.stderr.write(`awk: fatal: \`${argv[i]}' is not a legal variable name\n`);
        return 2;
      }
      assigns.push([m[1], m[2]]);
    } else if (a.startsWith('-v')) {
      const m = /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(a.slice(2));
      if (m) assigns.push([m[1], m[2]]);
    } else if (a === '-f') {
      const t = proc.readFile(argv[++i] ?? '');
      if (t === null) {
        proc.stderr.write(
          `awk: fatal: can't open source file \`${argv[i]}' for reading: No such file or directory\n`,
        );
        return 2;
      }
      source = (source ?? '') + t + '\n';
    } else if (a.startsWith('-') && a.length > 1 && source === null) {
      proc.stderr.write(`awk: not an option: ${a}\n`);
      return 2;
    } else break;
  }
  if (source === null) {
    if (i >= argv.length) {
      proc.stderr.write(
        "Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] 'program' file ...\n",
      );
      return 2;
    }
    source = argv[i++];
  }
  let prog: Program;
  try {
    prog = parseAwk(source);
  } catch (e) {
    if (e instanceof AwkSyntaxError || e instanceof RegexError) {
      proc.stderr.write(`awk: cmd. line:1: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const it = new Interp(prog, proc);
  if (fs !== null) it.globals.set('FS', fs === 't' ? '\t' : unescapeAssign(fs));
  for (const [k, v] of assigns) it.globals.set(k, strnum(unescapeAssign(v)));
  const operands = argv.slice(i);
  let exitCode = 0;
  const runRules = (kind: 'begin' | 'end') => {
    for (const r of prog.rules) if (r.pattern && r.pattern.k === kind) it.execAll(r.body ?? []);
  };
  try {
    try {
      runRules('begin');
      const mainRules = prog.rules.filter(
        (r) => !r.pattern || (r.pattern.k !== 'begin' && r.pattern.k !== 'end'),
      );
      const needInput = mainRules.length > 0 || prog.rules.some((r) => r.pattern?.k === 'end');
      if (needInput) {
        const files = operands.filter((o) => {
          const m = /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(o);
          return !m;
        });
        let text = '';
        if (files.length === 0) text = await readAll(proc.stdin);
        else
          for (const f of files) {
            const t = f === '-' ? await readAll(proc.stdin) : proc.readFile(f);
            if (t === null) {
              proc.stderr.write(
                `awk: fatal: cannot open file \`${f}' for reading: No such file or directory\n`,
              );
              it.flush();
              return 2;
            }
            it.globals.set('FILENAME', f);
            text += t;
          }
        const rs = it.str(it.globals.get('RS') as Value);
        let records: string[];
        if (rs === '\n') {
          records = text.split('\n');
          if (records[records.length - 1] === '') records.pop();
        } else if (rs === '')
          records = text
            .replace(/^\n+|\n+$/g, '')
            .split(/\n\n+/)
            .filter((r) => r !== '');
        else {
          records = text.split(rs.length === 1 ? rs : it.regex(rs));
          if (records[records.length - 1] === '' || records[records.length - 1] === '\n') records.pop();
        }
        it.input = records;
        while (it.inputPos < it.input.length) {
          const rec = it.input[it.inputPos++];
          it.globals.set('NR', toNum(it.globals.get('NR') as Value) + 1);
          it.globals.set('FNR', toNum(it.globals.get('FNR') as Value) + 1);
          it.setRecord(rec);
          try {
            for (const r of mainRules) {
              let match: boolean;
              const p = r.pattern;
              if (!p) match = true;
              else if (p.k === 'expr') match = it.truthy(it.eval(p.e));
              else if (p.k === 'range') {
                if (!p.active) {
                  match = it.truthy(it.eval(p.a));
                  if (match) p.active = !it.truthy(it.eval(p.b));
                } else {
                  match = true;
                  if (it.truthy(it.eval(p.b))) p.active = false;
                }
              } else match = false;
              if (!match) continue;
              if (r.body) it.execAll(r.body);
              else it.emit(it.record + it.str(it.globals.get('ORS') as Value), null);
            }
          } catch (e) {
            if (e instanceof Next) continue;
            if (e instanceof NextFile) continue;
            throw e;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      if (e.code >= 0) exitCode = e.code;
    }
    try {
      runRules('end');
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      if (e.code >= 0) exitCode = e.code;
    }
  } catch (e) {
    if (e instanceof AwkRuntimeError || e instanceof RegexError) {
      it.flush();
      proc.stderr.write(`awk: cmd. line:1: fatal: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  it.flush();
  return exitCode;
};
