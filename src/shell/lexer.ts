import type { List, ParamOp, Subscript, Word, WordPart } from './ast.js';

/** A syntax error, printed the way bash prints it (`NAME: line N: MESSAGE`, plus the offending line for tokens). */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** The source line shown as bash's second line (`NAME: line N: `TEXT'`), if any. */
    readonly lineText: string | null,
  ) {
    super(message);
  }
}

export type Token =
  | { t: 'word'; word: Word; raw: string; line: number }
  | { t: 'op'; op: string; line: number }
  | { t: 'io'; fd: number; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const OPS = [
  '&&',
  '||',
  ';;&',
  ';;',
  ';&',
  '|&',
  '<<<',
  '<<-',
  '<<',
  '>>',
  '>&',
  '<&',
  '<>',
  '>|',
  '&>>',
  '&>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set([
  '@',
  '*',
  '#',
  '?',
  '$',
  '!',
  '-',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
]);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  strip: boolean;
  line: number;
  fill: (body: Word) => void;
}

/**
 * Turns script text into tokens on demand. Words keep their structure
 * (quotes, expansions); a `$(...)` is parsed by the parser re-entering at
 * the current position, as bash does.
 */
export abstract class Lexer {
  pos = 0;
  line = 1;
  private pending: PendingHeredoc[] = [];
  private peeked: Token | null = null;

  constructor(readonly src: string) {}

  /** Parses a command list up to `)` for `$(...)`; implemented by the parser. */
  protected abstract parseSubstitution(): List;

  peek(): Token {
    if (!this.peeked) this.peeked = this.scan();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  /** Characters right at the scan position (only meaningful when nothing is peeked). */
  protected lookingAt(text: string): boolean {
    return this.peeked === null && this.src.startsWith(text, this.skipBlankPos());
  }

  protected skipBlankPos(): number {
    let p = this.pos;
    for (;;) {
      const c = this.src[p];
      if (c === ' ' || c === '\t') p++;
      else if (c === '\\' && this.src[p + 1] === '\n') p += 2;
      else return p;
    }
  }

  addHeredoc(h: PendingHeredoc): void {
    this.pending.push(h);
  }

  sourceLine(line: number): string {
    return this.src.split('\n')[line - 1] ?? '';
  }

  eofError(): never {
    const lines = this.src.split('\n').length - (this.src.endsWith('\n') ? 0 : -1);
    throw new ShellSyntaxError('syntax error: unexpected end of file', lines, null);
  }

  private unterminated(what: string): never {
    throw new ShellSyntaxError(`unexpected EOF while looking for matching \`${what}'`, this.line, null);
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private scan(): Token {
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= this.src.length) return { t: 'eof', line };
    const c = this.src[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { t: 'nl', line };
    }
    // `<(LIST)` is a word (process substitution), not a redirection.
    const procsub = this.src.startsWith('<(', this.pos);
    for (const op of procsub ? [] : OPS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', op, line };
      }
    }
    const io = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io) {
      this.pos += io[0].length;
      return { t: 'io', fd: Number(io[0]), line };
    }
    const start = this.pos;
    const word = this.readWord();
    return { t: 'word', word, raw: this.src.slice(start, this.pos), line };
  }

  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let text = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        this.line++;
        if (h.strip) text = text.replace(/^\t+/, '');
        if (text === h.delimiter) {
          found = true;
          break;
        }
        lines.push(text + '\n');
      }
      if (!found) this.heredocWarning?.(h.line, this.line, h.delimiter);
      const body = lines.join('');
      h.fill(h.quoted ? { parts: [{ type: 'quoted', text: body }] } : this.parseHeredocBody(body));
    }
  }

  /** Called when a here-doc runs to end of file (bash warns and carries on). */
  heredocWarning?: (startLine: number, line: number, delimiter: string) => void;

  private parseHeredocBody(body: string): Word {
    // Re-lex the body as double-quoted text without the quote characters.
    const saved = { src: this.src, pos: this.pos, line: this.line };
    const sub = Object.create(this) as this;
    (sub as { src: string }).src = body;
    sub.pos = 0;
    const parts = sub.readDoubleQuoted(true);
    void saved;
    return { parts };
  }

  /** Reads one word at the current position (unquoted context). */
  readWord(): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'lit', text: lit });
      lit = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '<' && this.src[this.pos + 1] === '(' && parts.length === 0 && lit === '') {
        this.pos += 2;
        parts.push({ type: 'procsub', body: this.parseSubstitution() });
        continue;
      }
      if (META.has(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n === '\n') {
          this.line++;
          continue;
        }
        if (n === undefined) {
          lit += '\\';
          continue;
        }
        flush();
        parts.push({ type: 'quoted', text: n });
      } else if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.unterminated("'");
        const text = this.src.slice(this.pos + 1, end);
        this.countLines(text);
        parts.push({ type: 'quoted', text });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push({ type: 'dq', parts: this.readDoubleQuoted(false) });
      } else if (c === '$' && this.src[this.pos + 1] === "'") {
        flush();
        this.pos += 2;
        parts.push({ type: 'quoted', text: this.readAnsiC() });
      } else if (c === '$' && this.src[this.pos + 1] === '"') {
        flush();
        this.pos += 2;
        parts.push({ type: 'dq', parts: this.readDoubleQuoted(false) });
      } else if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
        } else lit += c;
      } else if (
        c === '=' &&
        this.src[this.pos + 1] === '(' &&
        parts.length === 0 &&
        /^[A-Za-z_][A-Za-z0-9_]*\+?$/.test(lit)
      ) {
        // NAME=( WORD... ): the words up to `)`, blanks, newlines and comments between them.
        lit += '=';
        this.pos += 2;
        flush();
        return { parts, array: this.readArrayWords() };
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }

  private readArrayWords(): Word[] {
    const words: Word[] = [];
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.unterminated('(');
      if (c === ')') {
        this.pos++;
        return words;
      }
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\n') {
        this.line++;
        this.pos++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else {
        const start = this.pos;
        const word = this.readWord();
        if (this.pos === start) throw new BadSubstitution(this.line);
        words.push(word);
      }
    }
  }

  private countLines(text: string): void {
    for (const ch of text) if (ch === '\n') this.line++;
  }

  /** Reads double-quoted text after the opening quote; `heredoc` reads to end of input instead of `"`. */
  protected readDoubleQuoted(heredoc: boolean): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'quoted', text: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (heredoc) break;
        this.unterminated('"');
      }
      const c = this.src[this.pos];
      if (c === '"' && !heredoc) {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (n === '"' && !heredoc)) {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += '\\';
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private readAnsiC(): string {
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) this.unterminated("'");
      const c = this.src[this.pos++];
      if (c === "'") return out;
      if (c === '\n') this.line++;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const n = this.src[this.pos++];
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        a: '\x07',
        b: '\b',
        e: '\x1b',
        E: '\x1b',
        f: '\f',
        v: '\v',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '?': '?',
      };
      if (n in simple) out += simple[n];
      else if (n === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          this.pos += m[0].length;
        } else out += '\\x';
      } else if (/[0-7]/.test(n)) {
        const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))!;
        out += String.fromCharCode(parseInt(n + m[0], 8));
        this.pos += m[0].length;
      } else out += '\\' + n;
    }
  }

  /** At `$` or a backquote: the expansion, or null when `$` is literal. */
  private readDollar(): WordPart | null {
    const s = this.src;
    if (s[this.pos] === '`') return this.readBackquote();
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const save = { pos: this.pos, line: this.line };
      this.pos += 3;
      const expr = this.readArith();
      if (expr) return { type: 'arith', expr };
      // Not arithmetic after all: `$( (...) )`.
      this.pos = save.pos;
      this.line = save.line;
    }
    if (n === '(') {
      this.pos += 2;
      return { type: 'cmdsub', body: this.parseSubstitution() };
    }
    if (n === '{') {
      this.pos += 2;
      return this.readBraceParam();
    }
    if (n !== undefined && SPECIAL_PARAMS.has(n)) {
      this.pos += 2;
      return { type: 'param', name: n };
    }
    if (n !== undefined && NAME_START.test(n)) {
      let end = this.pos + 1;
      while (end < s.length && NAME_CHAR.test(s[end])) end++;
      const name = s.slice(this.pos + 1, end);
      this.pos = end;
      return { type: 'param', name, bare: true };
    }
    this.pos++;
    return { type: 'quoted', text: '$' };
  }

  private readBackquote(): WordPart {
    let text = '';
    this.pos++;
    for (;;) {
      if (this.pos >= this.src.length) this.unterminated('`');
      const c = this.src[this.pos++];
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.src[this.pos])) {
        text += this.src[this.pos++];
        continue;
      }
      text += c;
    }
    const body = this.parseNested(text);
    this.countLines(text);
    return { type: 'cmdsub', body };
  }

  /** Parses a separate piece of source (backquotes); implemented by the parser. */
  protected abstract parseNested(text: string): List;

  /** After `$((`: the expression up to the matching `))`, or null if the parens do not close that way. */
  private readArith(): Word | null {
    let depth = 0;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'quoted', text: lit });
      lit = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) {
          if (this.src[this.pos + 1] !== ')') return null;
          this.pos += 2;
          flush();
          return { parts };
        }
        depth--;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
        }
        continue;
      }
      if (c === '"') {
        this.pos++;
        flush();
        parts.push({ type: 'dq', parts: this.readDoubleQuoted(false) });
        continue;
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    this.unterminated('(');
  }

  /** After `${`. */
  private readBraceParam(): WordPart {
    const s = this.src;
    let name: string;
    let op: ParamOp | undefined;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && !/[:#%/]/.test(s[this.pos + 1] ?? '')) {
      this.pos++;
      name = this.readParamName();
      const index = this.readSubscript();
      op = { kind: 'length' };
      this.expect('}');
      return { type: 'param', name, op, ...(index ? { index } : {}) };
    }
    if (s[this.pos] === '!' && s[this.pos + 1] !== '}') {
      this.pos++;
      name = this.readParamName();
      const index = this.readSubscript();
      this.expect('}');
      return { type: 'param', name, op: { kind: 'indirect' }, ...(index ? { index } : {}) };
    }
    name = this.readParamName();
    const index = this.readSubscript();
    if (index) {
      const part = this.readParamOp(name);
      return { ...part, index };
    }
    return this.readParamOp(name);
  }

  /** `[@]`, `[*]` or `[EXPR]` after a name in `${...}`, if there is one. */
  private readSubscript(): Subscript | undefined {
    const s = this.src;
    if (s[this.pos] !== '[') return undefined;
    if ((s[this.pos + 1] === '@' || s[this.pos + 1] === '*') && s[this.pos + 2] === ']') {
      this.pos += 3;
      return s[this.pos - 2] as '@' | '*';
    }
    this.pos++;
    return this.readBraceWord(']');
  }

  /** The rest of `${NAME...}` after the name (and subscript). */
  private readParamOp(name: string): WordPart & { type: 'param' } {
    const s = this.src;
    let op: ParamOp | undefined;
    const c = s[this.pos];
    if (c === '}') {
      this.pos++;
      return { type: 'param', name };
    }
    const rest = s.slice(this.pos, this.pos + 2);
    if (/^:[-=+?]/.test(rest) || /^[-=+?]/.test(rest)) {
      const colon = rest[0] === ':';
      const sym = colon ? rest[1] : rest[0];
      this.pos += colon ? 2 : 1;
      const kinds = { '-': 'default', '=': 'assign', '+': 'alt', '?': 'error' } as const;
      op = { kind: kinds[sym as '-'], colon, word: this.readBraceWord('}') };
    } else if (c === '#' || c === '%') {
      const longest = s[this.pos + 1] === c;
      this.pos += longest ? 2 : 1;
      op = { kind: 'trim', side: c === '#' ? 'prefix' : 'suffix', longest, pattern: this.readBraceWord('}') };
    } else if (c === '/') {
      this.pos++;
      let all = false;
      let anchor: '' | '#' | '%' = '';
      if (s[this.pos] === '/') {
        all = true;
        this.pos++;
      } else if (s[this.pos] === '#' || s[this.pos] === '%') anchor = s[this.pos++] as '#' | '%';
      const pattern = this.readBraceWord('/}');
      let replacement: Word = { parts: [] };
      if (s[this.pos - 1] === '/') replacement = this.readBraceWord('}');
      op = { kind: 'replace', all, anchor, pattern, replacement };
    } else if (c === ':') {
      this.pos++;
      const offset = this.readBraceWord(':}');
      let length: Word | null = null;
      if (s[this.pos - 1] === ':') length = this.readBraceWord('}');
      op = { kind: 'substr', offset, length };
    } else if (c === '^' || c === ',') {
      const all = s[this.pos + 1] === c;
      this.pos += all ? 2 : 1;
      this.expect('}');
      op = { kind: 'case', upper: c === '^', all };
    } else {
      if (this.pos >= s.length) this.unterminated('}');
      throw new BadSubstitution(this.line);
    }
    return { type: 'param', name, op };
  }

  private readParamName(): string {
    const s = this.src;
    if (SPECIAL_PARAMS.has(s[this.pos])) {
      if (/\d/.test(s[this.pos])) {
        let end = this.pos;
        while (/\d/.test(s[end] ?? '')) end++;
        const name = s.slice(this.pos, end);
        this.pos = end;
        return name;
      }
      return s[this.pos++];
    }
    let end = this.pos;
    while (end < s.length && NAME_CHAR.test(s[end])) end++;
    if (end === this.pos) {
      if (this.pos >= s.length) this.unterminated('}');
      throw new BadSubstitution(this.line);
    }
    const name = s.slice(this.pos, end);
    this.pos = end;
    return name;
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) {
      if (this.pos >= this.src.length) this.unterminated('}');
      throw new BadSubstitution(this.line);
    }
    this.pos++;
  }

  /** A word inside `${...}` up to one of `stops` (consumed); quotes and expansions allowed. */
  private readBraceWord(stops: string): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'lit', text: lit });
      lit = '';
    };
    let depth = 0;
    for (;;) {
      if (this.pos >= this.src.length) this.unterminated('}');
      const c = this.src[this.pos];
      if (depth === 0 && stops.includes(c)) {
        this.pos++;
        break;
      }
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (c === '\\') {
        flush();
        parts.push({ type: 'quoted', text: this.src[this.pos + 1] ?? '' });
        this.pos += 2;
      } else if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.unterminated("'");
        parts.push({ type: 'quoted', text: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push({ type: 'dq', parts: this.readDoubleQuoted(false) });
      } else if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
        }
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }
}

/** `${...}` that bash rejects at expansion time ("bad substitution"). */
export class BadSubstitution extends Error {
  constructor(readonly line: number) {
    super('bad substitution');
  }
}

/** A construct bash accepts but podpath does not implement: reported, never skipped. */
export class UnsupportedError extends Error {
  constructor(
    readonly what: string,
    readonly line: number,
  ) {
    super(`podpath: unsupported: ${what}`);
  }
}
