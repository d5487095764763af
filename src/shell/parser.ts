import type {
  AndOr,
  Assign,
  Command,
  CondExpr,
  List,
  Pipeline,
  Redir,
  RedirOp,
  SimpleCommand,
  Word,
  WordPart,
} from './ast.js';
import { Lexer, ShellSyntaxError, UnsupportedError, type Token } from './lexer.js';
import { rememberSource } from './print-command.js';

const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'in',
  '{',
  '}',
  '!',
  '[[',
  ']]',
  'function',
  'select',
  'time',
  'coproc',
]);
/** Words that end a list (a compound command's body). */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<<', '<<-', '<<<', '>&', '<&', '&>', '&>>', '<>']);

/** The literal text of a word when it is a plain unquoted literal (keywords, names), else null. */
export function literal(word: Word): string | null {
  if (word.parts.length === 1 && word.parts[0].type === 'lit') return word.parts[0].text;
  return null;
}

/** The text of a word with quotes removed, for here-doc delimiters. */
function unquotedText(word: Word): { text: string; quoted: boolean } {
  let text = '';
  let quoted = false;
  for (const p of word.parts) {
    if (p.type === 'lit') text += p.text;
    else if (p.type === 'quoted') {
      text += p.text;
      quoted = true;
    } else if (p.type === 'dq') {
      quoted = true;
      for (const q of p.parts) if (q.type === 'quoted') text += q.text;
    } else if (p.type === 'param') text += '$' + p.name;
  }
  return { text, quoted };
}

/**
 * Recursive descent over bash's grammar. `parseNext` returns one complete
 * command (a line, with its here-docs) at a time, so earlier lines run
 * before a later syntax error is found, as in bash.
 */
export class Parser extends Lexer {
  private depth = 0;

  /** The next complete command, or null at end of input. */
  parseNext(): List | null {
    for (;;) {
      const t = this.peek();
      if (t.t === 'eof') return null;
      if (t.t === 'nl') {
        this.next();
        continue;
      }
      break;
    }
    const list = this.parseList(false);
    const t = this.peek();
    if (t.t === 'nl') this.next();
    else if (t.t !== 'eof') this.unexpected(t);
    return list;
  }

  /** Parses a whole text (e.g. `bash -c`, `eval`) into one list. */
  parseAll(): List {
    const items: List['items'] = [];
    let line = 1;
    for (let l = this.parseNext(); l; l = this.parseNext()) {
      if (items.length === 0) line = l.line;
      items.push(...l.items);
    }
    return { type: 'list', line, items };
  }

  protected parseSubstitution(): List {
    this.depth++;
    const list = this.parseCompoundList(true);
    const t = this.next();
    if (t.t === 'eof')
      throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", this.line, null);
    if (!(t.t === 'op' && t.op === ')')) this.unexpected(t);
    this.depth--;
    return list;
  }

  protected parseNested(text: string): List {
    const parser = new Parser(text);
    parser.line = this.line;
    return parser.parseAll();
  }

  unexpected(t: Token): never {
    if (t.t === 'eof') this.eofError();
    const text = t.t === 'nl' ? 'newline' : t.t === 'op' ? t.op : t.t === 'io' ? String(t.fd) : t.raw;
    throw new ShellSyntaxError(
      `syntax error near unexpected token \`${text}'`,
      t.line,
      this.sourceLine(t.line),
    );
  }

  private isWord(t: Token, text: string): boolean {
    return t.t === 'word' && literal(t.word) === text;
  }

  private isOp(t: Token, op: string): boolean {
    return t.t === 'op' && t.op === op;
  }

  /** A list on one line: and-or lists separated by `;` or `&`, ending before a newline. */
  private parseList(multiline: boolean): List {
    const line = this.peek().line;
    const items: List['items'] = [];
    for (;;) {
      if (multiline) this.skipNewlines();
      const t = this.peek();
      if (t.t === 'eof' || t.t === 'nl') break;
      if (t.t === 'op' && (t.op === ')' || t.op === ';;' || t.op === ';&' || t.op === ';;&')) break;
      if (t.t === 'word' && CLOSERS.has(literal(t.word) ?? '') && items.length > 0) break;
      if (multiline && t.t === 'word' && CLOSERS.has(literal(t.word) ?? '')) break;
      const command = this.parseAndOr();
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        items.push({ command, background: sep.op === '&' });
        continue;
      }
      items.push({ command, background: false });
      if (sep.t === 'nl' && multiline) continue;
      break;
    }
    if (items.length === 0) this.unexpected(this.peek());
    return { type: 'list', line, items };
  }

  /** A compound list (body of if/while/...): newlines separate commands. */
  private parseCompoundList(allowEmpty = false): List {
    this.skipNewlines();
    const t = this.peek();
    if (allowEmpty && t.t === 'op' && t.op === ')') return { type: 'list', line: t.line, items: [] };
    return this.parseList(true);
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.next();
  }

  private parseAndOr(): Command {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, command: this.parsePipeline() });
    }
    if (rest.length === 0) return first;
    return { type: 'andor', line: first.line, first, rest };
  }

  private parsePipeline(): Command {
    let bang = false;
    const line = this.peek().line;
    if (this.isWord(this.peek(), '!')) {
      this.next();
      bang = true;
    }
    const commands: Command[] = [this.parseCommand()];
    const stderrToo: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this.next();
      stderrToo.push(t.op === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    if (commands.length === 1 && !bang) return commands[0];
    const p: Pipeline = { type: 'pipeline', line, bang, commands, stderrToo };
    return p;
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.t === 'op' && t.op === '(') {
      this.next();
      if (this.src[this.pos] === '(') {
        const expr = this.readArithCommand();
        if (expr) return { type: 'arithcmd', expr, redirs: this.parseRedirs(), line: t.line };
      }
      const body = this.parseCompoundList();
      this.expectOp(')');
      return { type: 'subshell', body, redirs: this.parseRedirs(), line: t.line };
    }
    if (t.t === 'word') {
      const kw = literal(t.word);
      switch (kw) {
        case 'if':
          return this.parseIf();
        case 'for':
          return this.parseFor();
        case 'while':
        case 'until':
          return this.parseWhile(kw === 'until');
        case 'case':
          return this.parseCase();
        case '{': {
          this.next();
          const body = this.parseCompoundList();
          this.expectWord('}');
          return { type: 'group', body, redirs: this.parseRedirs(), line: t.line };
        }
        case '[[':
          return this.parseCond();
        case 'function':
          return this.parseFunctionKeyword();
        case 'select':
        case 'coproc':
        case 'time':
          throw new UnsupportedError(kw, t.line);
        case 'then':
        case 'elif':
        case 'else':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
        case ']]':
          if (kw !== 'in' && kw !== ']]') this.unexpected(t);
      }
    }
    return this.parseSimple();
  }

  /** After `((` consumed as `(` then peeking: reads up to `))` as an arithmetic expression. */
  private readArithCommand(): Word | null {
    // The lexer consumed one `(`; the next char is the second `(`.
    const start = this.pos + 1;
    let depth = 0;
    for (let p = start; p < this.src.length; p++) {
      const c = this.src[p];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (this.src[p + 1] !== ')') return null;
          const text = this.src.slice(start, p);
          this.pos = p + 2;
          const sub = new Parser(`"${text.replace(/["\\]/g, (m) => (m === '"' ? '\\"' : '\\\\'))}"`);
          const w = sub.readWord();
          return w;
        }
        depth--;
      } else if (c === '\n') return null;
    }
    return null;
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (!this.isOp(t, op)) this.unexpected(t);
  }

  private expectWord(text: string): void {
    const t = this.next();
    if (!this.isWord(t, text)) this.unexpected(t);
  }

  private parseIf(): Command {
    const line = this.next().line;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | null = null;
    for (;;) {
      const cond = this.parseCompoundList();
      this.expectWord('then');
      const body = this.parseCompoundList();
      clauses.push({ cond, body });
      const t = this.next();
      if (this.isWord(t, 'elif')) continue;
      if (this.isWord(t, 'else')) {
        otherwise = this.parseCompoundList();
        this.expectWord('fi');
        break;
      }
      if (this.isWord(t, 'fi')) break;
      this.unexpected(t);
    }
    return { type: 'if', clauses, otherwise, redirs: this.parseRedirs(), line };
  }

  private parseFor(): Command {
    const line = this.next().line;
    if (this.lookingAt('((')) {
      this.next();
      const text = this.readUntil('))');
      const [init, cond, step] = text
        .split(';')
        .map((s) => new Parser(`"${s.replace(/["\\]/g, '\\$&')}"`).readWord());
      this.skipSeparator();
      this.expectWord('do');
      const body = this.parseCompoundList();
      this.expectWord('done');
      return {
        type: 'arithfor',
        init,
        cond: cond ?? { parts: [] },
        step: step ?? { parts: [] },
        body,
        redirs: this.parseRedirs(),
        line,
      };
    }
    const nameTok = this.next();
    const name = nameTok.t === 'word' ? literal(nameTok.word) : null;
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      if (nameTok.t === 'word')
        throw new ShellSyntaxError(`\`${nameTok.raw}': not a valid identifier`, nameTok.line, null);
      this.unexpected(nameTok);
    }
    let words: Word[] | null = null;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      words = [];
      for (;;) {
        const t = this.peek();
        if (t.t !== 'word') break;
        this.next();
        words.push(t.word);
      }
      this.skipSeparator();
    } else if (this.isOp(this.peek(), ';')) this.next();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseCompoundList();
    this.expectWord('done');
    return { type: 'for', name, words, body, redirs: this.parseRedirs(), line };
  }

  private readUntil(end: string): string {
    const stop = this.src.indexOf(end, this.pos);
    if (stop < 0) this.eofError();
    const text = this.src.slice(this.pos + 1, stop);
    this.pos = stop + end.length;
    return text;
  }

  private skipSeparator(): void {
    const t = this.peek();
    if (t.t === 'nl' || this.isOp(t, ';')) this.next();
    this.skipNewlines();
  }

  private parseWhile(until: boolean): Command {
    const line = this.next().line;
    const cond = this.parseCompoundList();
    this.expectWord('do');
    const body = this.parseCompoundList();
    this.expectWord('done');
    return { type: 'while', until, cond, body, redirs: this.parseRedirs(), line };
  }

  private parseCase(): Command {
    const line = this.next().line;
    const wt = this.next();
    if (wt.t !== 'word') this.unexpected(wt);
    this.skipNewlines();
    this.expectWord('in');
    const items: { patterns: Word[]; body: List; fallthrough: ';;' | ';&' | ';;&' }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.next();
      if (this.isWord(t, 'esac')) break;
      if (this.isOp(t, '(')) t = this.next();
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== 'word') this.unexpected(t);
        patterns.push(t.word);
        t = this.next();
        if (this.isOp(t, '|')) {
          t = this.next();
          continue;
        }
        if (this.isOp(t, ')')) break;
        this.unexpected(t);
      }
      this.skipNewlines();
      const p = this.peek();
      let body: List = { type: 'list', line: p.line, items: [] };
      if (!this.isWord(p, 'esac') && !(p.t === 'op' && (p.op === ';;' || p.op === ';&' || p.op === ';;&')))
        body = this.parseList(true);
      const end = this.next();
      if (this.isWord(end, 'esac')) {
        items.push({ patterns, body, fallthrough: ';;' });
        break;
      }
      if (end.t === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        items.push({ patterns, body, fallthrough: end.op });
        continue;
      }
      this.unexpected(end);
    }
    return { type: 'case', word: wt.word, items, redirs: this.parseRedirs(), line };
  }

  private parseCond(): Command {
    const line = this.next().line;
    const expr = this.parseCondOr();
    const t = this.next();
    if (!this.isWord(t, ']]')) this.unexpected(t);
    return { type: 'cond', expr, redirs: this.parseRedirs(), line };
  }

  private parseCondOr(): CondExpr {
    let left = this.parseCondAnd();
    while (this.isOp(this.peek(), '||')) {
      this.next();
      left = { kind: 'or', left, right: this.parseCondAnd() };
    }
    return left;
  }

  private parseCondAnd(): CondExpr {
    let left = this.parseCondNot();
    while (this.isOp(this.peek(), '&&')) {
      this.next();
      left = { kind: 'and', left, right: this.parseCondNot() };
    }
    return left;
  }

  private parseCondNot(): CondExpr {
    const t = this.peek();
    if (this.isWord(t, '!')) {
      this.next();
      return { kind: 'not', expr: this.parseCondNot() };
    }
    if (this.isOp(t, '(')) {
      this.next();
      const e = this.parseCondOr();
      this.expectOp(')');
      return e;
    }
    const a = this.next();
    if (a.t !== 'word') this.unexpected(a);
    const aText = literal(a.word);
    if (aText && /^-[a-zA-Z]$/.test(aText)) {
      const b = this.peek();
      if (b.t === 'word' && !this.isWord(b, ']]')) {
        this.next();
        return { kind: 'unary', op: aText, arg: b.word };
      }
    }
    const opTok = this.peek();
    let op: string | null = null;
    if (opTok.t === 'word') {
      const o = literal(opTok.word);
      if (o && /^(==?|!=|=~|-eq|-ne|-lt|-le|-gt|-ge|-nt|-ot|-ef)$/.test(o)) op = o;
    } else if (opTok.t === 'op' && (opTok.op === '<' || opTok.op === '>')) op = opTok.op;
    if (!op) return { kind: 'word', word: a.word };
    this.next();
    const r = op === '=~' ? this.readRegexWord() : this.next();
    if (r.t !== 'word') this.unexpected(r);
    return { kind: 'binary', op, left: a.word, right: r.word };
  }

  /** The right side of `=~`, which may contain `(`, `|` and other operator characters. */
  private readRegexWord(): Token {
    const p = this.skipBlankPos();
    this.pos = p;
    const line = this.line;
    let depth = 0;
    let end = p;
    while (end < this.src.length) {
      const c = this.src[end];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ' ' || c === '\t' || c === '\n') && depth === 0) break;
      else if (c === '\\') end++;
      end++;
    }
    const raw = this.src.slice(p, end);
    const sub = new Parser(raw.replace(/[|&;<>()]/g, '\\$&'));
    const word = sub.readWord();
    this.pos = end;
    return { t: 'word', word, raw, line };
  }

  private parseFunctionKeyword(): Command {
    const line = this.next().line;
    const nameTok = this.next();
    const name = nameTok.t === 'word' ? (literal(nameTok.word) ?? nameTok.raw) : null;
    if (!name) this.unexpected(nameTok);
    if (this.isOp(this.peek(), '(')) {
      this.next();
      this.expectOp(')');
    }
    this.skipNewlines();
    return { type: 'function', line, name, body: this.parseCommand() };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (!r) return redirs;
      redirs.push(r);
    }
  }

  private tryRedir(): Redir | null {
    const t = this.peek();
    let fd: number | null = null;
    if (t.t === 'io') {
      this.next();
      fd = t.fd;
      const op = this.peek();
      if (op.t !== 'op' || !REDIR_OPS.has(op.op)) this.unexpected(op);
    } else if (!(t.t === 'op' && REDIR_OPS.has(t.op))) return null;
    const opTok = this.next() as { t: 'op'; op: string; line: number };
    const target = this.next();
    if (target.t === 'eof') this.unexpected({ t: 'nl', line: target.line });
    if (target.t !== 'word') this.unexpected(target);
    rememberSource(target.word, target.raw);
    const redir: Redir = { fd, op: opTok.op as RedirOp, target: target.word };
    if (opTok.op === '<<' || opTok.op === '<<-') {
      const { text, quoted } = unquotedText(target.word);
      this.addHeredoc({
        delimiter: text,
        quoted,
        strip: opTok.op === '<<-',
        line: opTok.line,
        fill: (body) => (redir.heredoc = { body, quoted }),
      });
      redir.heredoc = { body: { parts: [] }, quoted };
    }
    return redir;
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const cmd: SimpleCommand = { type: 'simple', line, assigns: [], words: [], redirs: [] };
    for (;;) {
      const redir = this.tryRedir();
      if (redir) {
        cmd.redirs.push(redir);
        continue;
      }
      const t = this.peek();
      if (t.t !== 'word') break;
      if (cmd.words.length === 0) {
        const assign = asAssignment(t.word);
        if (assign) {
          rememberSource(assign, t.raw);
          this.next();
          cmd.assigns.push(assign);
          continue;
        }
      }
      // NAME=(...) is an assignment only before the command's first word, or a declaration builtin's argument.
      if (t.word.array) {
        const decl = asAssignment(t.word);
        const builtin = cmd.words.length > 0 ? literal(cmd.words[0]) : null;
        if (!decl || builtin === null || !DECLARATIONS.has(builtin))
          throw new ShellSyntaxError(
            "syntax error near unexpected token `('",
            t.line,
            this.sourceLine(t.line),
          );
        this.next();
        cmd.words.push({ parts: [{ type: 'lit', text: decl.name }] });
        (cmd.declArrays ??= []).push(decl);
        continue;
      }
      this.next();
      rememberSource(t.word, t.raw);
      cmd.words.push(t.word);
      if (
        cmd.words.length === 1 &&
        cmd.assigns.length === 0 &&
        cmd.redirs.length === 0 &&
        this.isOp(this.peek(), '(')
      ) {
        return this.parseFunctionDef(t);
      }
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0)
      this.unexpected(this.peek());
    return cmd;
  }

  private parseFunctionDef(nameTok: Token & { t: 'word' }): Command {
    this.next();
    const close = this.next();
    if (!this.isOp(close, ')')) this.unexpected(close);
    this.skipNewlines();
    const name = literal(nameTok.word) ?? nameTok.raw;
    if (RESERVED.has(name)) this.unexpected(nameTok);
    return { type: 'function', line: nameTok.line, name, body: this.parseCommand() };
  }
}

/** The builtins whose arguments may be compound assignments. */
const DECLARATIONS = new Set(['local', 'declare', 'typeset', 'readonly', 'export']);

function asAssignment(word: Word): Assign | null {
  const first = word.parts[0];
  if (!first || first.type !== 'lit') return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
  if (!m) return asElementAssignment(word);
  if (word.array) return { name: m[1], append: m[2] === '+', value: { parts: [] }, array: word.array };
  const rest = first.text.slice(m[0].length);
  const parts = [...(rest ? [{ type: 'lit' as const, text: rest }] : []), ...word.parts.slice(1)];
  return { name: m[1], append: m[2] === '+', value: { parts } };
}

/** `NAME[SUB]=value` (SUB may hold expansions: the parts up to the `]=` in a literal part). */
function asElementAssignment(word: Word): Assign | null {
  const first = word.parts[0] as WordPart & { type: 'lit' };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(first.text);
  if (!m) return null;
  const head: WordPart[] = [{ type: 'lit', text: first.text.slice(m[0].length) }];
  const parts = [...head, ...word.parts.slice(1)];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.type !== 'lit') continue;
    const close = /\](\+?)=/.exec(p.text);
    if (!close) continue;
    const index: WordPart[] = [...parts.slice(0, k), { type: 'lit', text: p.text.slice(0, close.index) }];
    const rest = p.text.slice(close.index + close[0].length);
    const value: WordPart[] = [
      ...(rest ? [{ type: 'lit' as const, text: rest }] : []),
      ...parts.slice(k + 1),
    ];
    return {
      name: m[1],
      append: close[1] === '+',
      index: { parts: index.filter((q) => q.type !== 'lit' || q.text !== '') },
      value: { parts: value },
    };
  }
  return null;
}
