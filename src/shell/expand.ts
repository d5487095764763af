import type { List, ParamOp, Subscript, Word, WordPart } from './ast.js';
import { evalArith, type ArithVars } from './arith.js';
import { matchPattern, replacePattern, trimPattern, type PatternSegment } from './pattern.js';
import { glob, hasGlob, type GlobFs } from './glob.js';
import { braceExpand } from './brace.js';

/** What expansion needs from the shell. */
export interface ExpandHost extends ArithVars {
  /** A parameter's value ($1, $?, X...), or undefined when unset. */
  param(name: string): string | undefined;
  positional(): string[];
  /** Runs `$(...)` and returns its output (trailing newlines kept). */
  substitute(body: List): Promise<string>;
  /** Runs `<(...)` and returns the path its output is read from. */
  processSubstitute(body: List): Promise<string>;
  readonly nounset: boolean;
  /** The file system pathname expansion reads; null when it is off (`set -f`). */
  globFs(): GlobFs | null;
  /** Says what is wrong on stderr, as the shell does for an error that does not stop the command. */
  warn(message: string): void;
  /** An array's elements in index order (a scalar is one at 0); undefined when unset. */
  elements(
    name: string,
  ): { readonly keys: readonly number[]; readonly values: readonly string[] } | undefined;
}

/** An expansion error that aborts the command (bad substitution, arithmetic) with status 1. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** Fatal errors (`${X:?}`, `set -u`) end a non-interactive shell. */
    readonly fatal = false,
    /** failglob's `no match`: the rest of the command line read with it is dropped too. */
    readonly abortsLine = false,
  ) {
    super(message);
  }
}

interface Piece {
  text: string;
  quoted: boolean;
  splittable: boolean;
  /** A field boundary from "$@". */
  split?: boolean;
}

const BREAK: Piece = { text: '', quoted: true, splittable: false, split: true };

/** The operators `$@` takes element by element (`${@:N}` slices it; `${#@}` counts it). */
const LIST_OPS: ReadonlySet<ParamOp['kind']> = new Set(['default', 'alt', 'trim', 'replace', 'case']);

export class Expander {
  constructor(readonly host: ExpandHost) {}

  /**
   * Expands words into fields: brace expansion, parameter/command/arithmetic
   * expansion, field splitting, pathname expansion, quote removal.
   */
  async fields(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words.flatMap(braceExpand))
      for (const field of this.toFields(await this.pieces(w.parts, false))) {
        const fs = hasGlob(field) ? this.host.globFs() : null;
        const paths = fs === null ? [] : glob(field, fs);
        const text = field.map((s) => s.text).join('');
        if (paths.length > 0) out.push(...paths);
        else if (fs?.unmatched === 'fail') throw new ExpansionError(`no match: ${text}`, false, true);
        else if (fs?.unmatched !== 'drop') out.push(text);
      }
    return out;
  }

  /** Expands one word without field splitting (assignments, redirection targets, `case` words). */
  async single(word: Word): Promise<string> {
    const pieces = await this.pieces(word.parts, false, true);
    return pieces.map((p) => (p.split ? ' ' : p.text)).join('');
  }

  /** Expands a word as a pattern: quoted parts match literally. */
  async pattern(word: Word): Promise<PatternSegment[]> {
    const pieces = await this.pieces(word.parts, false, true);
    return pieces.map((p) => ({ text: p.split ? ' ' : p.text, quoted: p.quoted }));
  }

  async arith(word: Word): Promise<bigint> {
    const text = await this.single(word);
    return evalArith(text, this.host);
  }

  private ifs(): string {
    return this.host.param('IFS') ?? ' \t\n';
  }

  /** Fields after splitting, each as its quoted and unquoted runs (what pathname expansion reads). */
  private toFields(pieces: Piece[]): PatternSegment[][] {
    const fields: PatternSegment[][] = [];
    let cur: PatternSegment[] = [];
    let has = false;
    const ifs = this.ifs();
    const push = () => {
      fields.push(cur);
      cur = [];
      has = false;
    };
    const add = (text: string, quoted: boolean) => {
      const end = cur[cur.length - 1];
      if (end !== undefined && end.quoted === quoted) end.text += text;
      else if (text !== '') cur.push({ text, quoted });
    };
    for (const p of pieces) {
      if (p.split) {
        push();
        continue;
      }
      if (!p.splittable || ifs === '') {
        add(p.text, p.quoted);
        if (p.quoted || p.text) has = true;
        continue;
      }
      for (const c of p.text) {
        if (ifs.includes(c)) {
          if (/\s/.test(c)) {
            if (has) push();
          } else push();
        } else {
          add(c, false);
          has = true;
        }
      }
    }
    if (has) push();
    return fields;
  }

  private async pieces(parts: WordPart[], inDq: boolean, noSplit = false): Promise<Piece[]> {
    const out: Piece[] = [];
    const splittable = !inDq && !noSplit;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      switch (part.type) {
        case 'lit': {
          let text = part.text;
          if (i === 0 && !inDq && (text === '~' || text.startsWith('~/')))
            text = (this.host.param('HOME') ?? '/root') + text.slice(1);
          out.push({ text, quoted: inDq, splittable: false });
          break;
        }
        case 'quoted':
          out.push({ text: part.text, quoted: true, splittable: false });
          break;
        case 'dq': {
          const inner = await this.pieces(part.parts, true, noSplit);
          // "$@", "${a[@]}" and their slices and per-element forms make no field of no element
          // (a default word, "${@:-}", is a word like any other).
          const onlyLists =
            part.parts.length > 0 &&
            part.parts.every(
              (p) =>
                p.type === 'param' &&
                (p.index === '@' || p.name === '@') &&
                (!p.op || p.op.kind === 'substr' || (LIST_OPS.has(p.op.kind) && p.op.kind !== 'default')),
            );
          if (inner.length === 0 && !onlyLists) out.push({ text: '', quoted: true, splittable: false });
          else out.push(...inner);
          break;
        }
        case 'param':
          out.push(...(await this.param(part.name, part.op, inDq, splittable, part.index)));
          break;
        case 'procsub':
          out.push({ text: await this.host.processSubstitute(part.body), quoted: true, splittable: false });
          break;
        case 'cmdsub': {
          const text = (await this.host.substitute(part.body)).replace(/\n+$/, '');
          out.push({ text, quoted: inDq, splittable });
          break;
        }
        case 'arith': {
          const text = await this.single(part.expr);
          let value: bigint;
          try {
            value = evalArith(text, this.host);
          } catch (e) {
            throw new ExpansionError((e as Error).message);
          }
          out.push({ text: String(value), quoted: inDq, splittable });
          break;
        }
      }
    }
    return out;
  }

  private async param(
    name: string,
    op: ParamOp | undefined,
    inDq: boolean,
    splittable: boolean,
    index?: Subscript,
  ): Promise<Piece[]> {
    const piece = (text: string): Piece[] => [{ text, quoted: inDq, splittable }];
    if (index === '@' || index === '*') {
      const list = this.host.elements(name);
      const values = list?.values ?? [];
      return this.listOp(values, list?.keys ?? [], index === '*', `${name}[${index}]`, op, inDq, splittable);
    }
    if (name === '@' || name === '*') {
      if (op?.kind === 'substr') return this.positionalSlice(op, name === '*', inDq, splittable);
      if (op === undefined || LIST_OPS.has(op.kind)) {
        const args = this.host.positional();
        return this.listOp(args, [], name === '*', name, op, inDq, splittable);
      }
    }
    let value = index === undefined ? this.host.param(name) : await this.element(name, index);
    if (!op) {
      if (value === undefined && this.host.nounset && name !== '@' && name !== '*')
        throw new ExpansionError(`${name}: unbound variable`, true);
      return piece(value ?? '');
    }
    switch (op.kind) {
      case 'length':
        if (value === undefined && this.host.nounset)
          throw new ExpansionError(`${name}: unbound variable`, true);
        return piece(
          String(name === '@' || name === '*' ? this.host.positional().length : [...(value ?? '')].length),
        );
      case 'indirect': {
        const target = value ?? '';
        if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])$/.test(target))
          throw new ExpansionError(`${target}: invalid indirect expansion`);
        return piece(this.host.param(target) ?? '');
      }
      case 'default':
      case 'assign':
      case 'alt':
      case 'error': {
        const set = value !== undefined && (!op.colon || value !== '');
        if (op.kind === 'alt') return set ? this.pieces(op.word.parts, inDq, !splittable) : [];
        if (set) return piece(value!);
        if (op.kind === 'default') return this.pieces(op.word.parts, inDq, !splittable);
        const text = await this.single(op.word);
        if (op.kind === 'assign') {
          this.host.set(name, text);
          return piece(text);
        }
        throw new ExpansionError(
          `${name}: ${text || (op.colon ? 'parameter null or not set' : 'parameter not set')}`,
          true,
        );
      }
    }
    if (value === undefined) {
      if (this.host.nounset) throw new ExpansionError(`${name}: unbound variable`, true);
      value = '';
    }
    switch (op.kind) {
      case 'trim':
        return piece(trimPattern(value, await this.pattern(op.pattern), op.side, op.longest));
      case 'replace':
        return piece(
          replacePattern(
            value,
            await this.pattern(op.pattern),
            await this.single(op.replacement),
            op.all,
            op.anchor,
          ),
        );
      case 'substr': {
        const chars = [...value];
        let off = Number(await this.arithOf(op.offset));
        if (off < 0) off = Math.max(0, chars.length + off);
        let end = chars.length;
        if (op.length) {
          const len = Number(await this.arithOf(op.length));
          end = len < 0 ? chars.length + len : off + len;
          if (end < off) throw new ExpansionError(`${len}: substring expression < 0`);
        }
        return piece(chars.slice(off, end).join(''));
      }
      case 'case': {
        const f = (s: string) => (op.upper ? s.toUpperCase() : s.toLowerCase());
        return piece(op.all ? f(value) : f(value.slice(0, 1)) + value.slice(1));
      }
    }
    return piece(value);
  }

  /** `${NAME[SUB]}`: the element at the arithmetic index (a negative one counts from the end). */
  private async element(name: string, index: Word): Promise<string | undefined> {
    const at = Number(await this.arithOf(index));
    const list = this.host.elements(name);
    if (list === undefined) return undefined;
    const key = at < 0 ? (list.keys.length > 0 ? list.keys[list.keys.length - 1]! + 1 : 0) + at : at;
    // Said, and the element is empty: the command still runs (bash).
    if (key < 0) {
      this.host.warn(`${name}: bad array subscript`);
      return undefined;
    }
    const k = list.keys.indexOf(key);
    return k < 0 ? undefined : list.values[k];
  }

  /**
   * A list (`$@`, `${NAME[@]}`, and their `*` forms) with the operators
   * that take one: each element a field of its own as "$@" makes them (`*`
   * joined by IFS's first character within quotes), `#` their count, `!`
   * their indexes, and the pattern and case operators applied to each.
   */
  private async listOp(
    list: readonly string[],
    keys: readonly number[],
    star: boolean,
    label: string,
    op: ParamOp | undefined,
    inDq: boolean,
    splittable: boolean,
  ): Promise<Piece[]> {
    let values = list;
    if (op?.kind === 'length') return [{ text: String(values.length), quoted: inDq, splittable }];
    if (op?.kind === 'indirect') values = keys.map(String);
    else if (op !== undefined) {
      switch (op.kind) {
        case 'default':
        case 'alt': {
          const set = values.length > 0 && (!op.colon || values.join('') !== '');
          if (op.kind === 'default' && !set) return this.pieces(op.word.parts, inDq);
          if (op.kind === 'alt') return set ? this.pieces(op.word.parts, inDq) : [];
          break;
        }
        case 'trim': {
          const pattern = await this.pattern(op.pattern);
          values = values.map((v) => trimPattern(v, pattern, op.side, op.longest));
          break;
        }
        case 'replace': {
          const pattern = await this.pattern(op.pattern);
          const replacement = await this.single(op.replacement);
          values = values.map((v) => replacePattern(v, pattern, replacement, op.all, op.anchor));
          break;
        }
        case 'case': {
          const f = (s: string) => (op.upper ? s.toUpperCase() : s.toLowerCase());
          values = values.map((v) => (op.all ? f(v) : f(v.slice(0, 1)) + v.slice(1)));
          break;
        }
        case 'substr': {
          let off = Number(await this.arithOf(op.offset));
          if (off < 0) off = Math.max(0, values.length + off);
          const end = op.length ? off + Number(await this.arithOf(op.length)) : values.length;
          values = values.slice(off, end);
          break;
        }
        default:
          throw new ExpansionError(`${label}: bad substitution`);
      }
    }
    return this.listPieces(values, star, inDq, splittable);
  }

  /** A list as `$@` expands (a field each) or, within quotes, `$*` (joined by IFS's first character). */
  private listPieces(values: readonly string[], star: boolean, inDq: boolean, splittable: boolean): Piece[] {
    if (star && inDq) return [{ text: values.join(this.ifs().slice(0, 1)), quoted: true, splittable: false }];
    if (!inDq && !splittable) return [{ text: values.join(' '), quoted: false, splittable: false }];
    const out: Piece[] = [];
    values.forEach((v, i) => {
      if (i > 0) out.push(BREAK);
      out.push({ text: v, quoted: inDq, splittable });
    });
    return out;
  }

  /** `${@:OFFSET[:LENGTH]}`: the positional parameters from OFFSET on, `$0` being number 0. */
  private async positionalSlice(
    op: ParamOp & { kind: 'substr' },
    star: boolean,
    inDq: boolean,
    splittable: boolean,
  ): Promise<Piece[]> {
    const all = [this.host.param('0') ?? '', ...this.host.positional()];
    let off = Number(await this.arithOf(op.offset));
    if (off < 0) off = Math.max(0, all.length + off);
    let end = all.length;
    if (op.length) {
      const len = Number(await this.arithOf(op.length));
      if (len < 0) throw new ExpansionError(`${len}: substring expression < 0`);
      end = off + len;
    }
    return this.listPieces(all.slice(off, end), star, inDq, splittable);
  }

  private async arithOf(word: Word): Promise<bigint> {
    try {
      return evalArith(await this.single(word), this.host);
    } catch (e) {
      throw new ExpansionError((e as Error).message);
    }
  }

  async matches(text: string, pattern: Word): Promise<boolean> {
    return matchPattern(text, await this.pattern(pattern));
  }
}
