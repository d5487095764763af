import type { Command } from '../process.js';
import { readAll } from '../process.js';
import { posixRegex, RegexError } from './regex.js';

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number };

interface Cmd {
  a1: Addr | null;
  a2: Addr | null;
  negate: boolean;
  name: string;
  /** s: regex, replacement, flags; y: maps; a/i/c: text; b/t: label; q: exit code; `{`: index of matching `}`. */
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  print?: boolean;
  occurrence?: number;
  text?: string;
  label?: string;
  map?: Map<string, string>;
  code?: number;
  end?: number;
  /** Range state. */
  active?: boolean;
  rangeEnd?: number;
}

class SedError extends Error {}

class ScriptParser {
  i = 0;
  cmds: Cmd[] = [];
  constructor(
    readonly s: string,
    readonly extended: boolean,
  ) {}

  private err(msg: string): never {
    throw new SedError(`-e expression #1, char ${this.i}: ${msg}`);
  }

  private skipWs(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i])) this.i++;
  }

  private readDelimited(delim: string): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') {
        const n = this.s[this.i++];
        if (n === delim) out += delim === '/' || !'.*[]^$+?(){}|'.includes(delim) ? delim : '\\' + delim;
        else if (n === 'n') out += '\\n';
        else out += '\\' + (n ?? '');
        continue;
      }
      if (c === delim) return out;
      if (c === '[') {
        // A bracket expression may contain the delimiter.
        let j = this.i;
        if (this.s[j] === '^') j++;
        if (this.s[j] === ']') j++;
        while (j < this.s.length && this.s[j] !== ']') j++;
        out += this.s.slice(this.i - 1, j + 1);
        this.i = j + 1;
        continue;
      }
      out += c;
    }
    return this.err(`unterminated \`s' command`);
  }

  private regex(src: string, flags: string): RegExp | null {
    if (src === '') return null;
    try {
      return posixRegex(src, this.extended, flags);
    } catch (e) {
      if (e instanceof RegexError) throw new SedError(`-e expression #1, char ${this.i}: ${e.message}`);
      throw e;
    }
  }

  private addr(): Addr | null {
    const s = this.s;
    let m: RegExpExecArray | null;
    if ((m = /^(\d+)~(\d+)/.exec(s.slice(this.i)))) {
      this.i += m[0].length;
      return { kind: 'step', first: Number(m[1]), step: Number(m[2]) };
    }
    if ((m = /^\d+/.exec(s.slice(this.i)))) {
      this.i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (s[this.i] === '$') {
      this.i++;
      return { kind: 'last' };
    }
    if (s[this.i] === '/' || s[this.i] === '\\') {
      let delim = '/';
      if (s[this.i] === '\\') delim = s[++this.i];
      this.i++;
      const src = this.readDelimited(delim);
      let flags = '';
      while (s[this.i] === 'I' || s[this.i] === 'M') {
        if (s[this.i] === 'I') flags += 'i';
        else flags += 'm';
        this.i++;
      }
      return { kind: 're', re: this.regex(src, flags) };
    }
    return null;
  }

  private readText(): string {
    // GNU one-liner `a text` and classic `a\` newline text.
    this.skipWs();
    if (this.s[this.i] === '\\') {
      this.i++;
      if (this.s[this.i] === '\n') this.i++;
    }
    this.skipWs();
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '\n') {
      const c = this.s[this.i++];
      if (c === '\\' && this.i < this.s.length) {
        const n = this.s[this.i++];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      } else out += c;
    }
    return out;
  }

  private label(): string {
    this.skipWs();
    let out = '';
    while (this.i < this.s.length && !/[;\n]/.test(this.s[this.i])) out += this.s[this.i++];
    return out.trim();
  }

  parse(): Cmd[] {
    const s = this.s;
    const open: number[] = [];
    while (this.i < s.length) {
      while (this.i < s.length && /[ \t\n;]/.test(s[this.i])) this.i++;
      if (this.i >= s.length) break;
      if (s[this.i] === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
        continue;
      }
      const a1 = this.addr();
      let a2: Addr | null = null;
      if (a1 && s[this.i] === ',') {
        this.i++;
        const m = /^\+(\d+)/.exec(s.slice(this.i));
        if (m) {
          this.i += m[0].length;
          a2 = { kind: 'plus', n: Number(m[1]) };
        } else {
          a2 = this.addr();
          if (!a2) this.err("unexpected `,'");
        }
      }
      this.skipWs();
      let negate = false;
      while (s[this.i] === '!') {
        negate = true;
        this.i++;
        this.skipWs();
      }
      const name = s[this.i++];
      if (name === undefined) this.err('missing command');
      const cmd: Cmd = { a1, a2, negate, name };
      switch (name) {
        case '{':
          open.push(this.cmds.length);
          break;
        case '}': {
          const o = open.pop();
          if (o === undefined) this.err("unexpected `}'");
          this.cmds[o].end = this.cmds.length;
          break;
        }
        case 's': {
          const delim = s[this.i++];
          const src = this.readDelimited(delim);
          const rep = this.readDelimited(delim);
          let flags = '';
          cmd.global = false;
          for (;;) {
            const c = s[this.i];
            if (c === 'g') cmd.global = true;
            else if (c === 'p') cmd.print = true;
            else if (c === 'i' || c === 'I') flags += 'i';
            else if (c === 'm' || c === 'M') flags += 'm';
            else if (c !== undefined && /\d/.test(c)) {
              const m = /^\d+/.exec(s.slice(this.i))![0];
              cmd.occurrence = Number(m);
              this.i += m.length - 1;
            } else if (c === 'e' || c === 'w') this.err(`podpath: unsupported: s///${c}`);
            else break;
            this.i++;
          }
          cmd.re = this.regex(src, flags + 'g');
          cmd.replacement = rep;
          break;
        }
        case 'y': {
          const delim = s[this.i++];
          const from = [...this.readDelimited(delim).replace(/\\n/g, '\n').replace(/\\\\/g, '\\')];
          const to = [...this.readDelimited(delim).replace(/\\n/g, '\n').replace(/\\\\/g, '\\')];
          if (from.length !== to.length) this.err("strings for `y' command are different lengths");
          cmd.map = new Map(from.map((c, i) => [c, to[i]]));
          break;
        }
        case 'a':
        case 'i':
        case 'c':
          cmd.text = this.readText();
          break;
        case 'b':
        case 't':
        case 'T':
        case ':':
          cmd.label = this.label();
          if (name === ':' && !cmd.label) this.err('":" lacks a label');
          break;
        case 'q':
        case 'Q': {
          this.skipWs();
          const m = /^\d+/.exec(s.slice(this.i));
          cmd.code = m ? Number(m[0]) : 0;
          if (m) this.i += m[0].length;
          break;
        }
        case 'd':
        case 'D':
        case 'p':
        case 'P':
        case 'n':
        case 'N':
        case '=':
        case 'h':
        case 'H':
        case 'g':
        case 'G':
        case 'x':
        case 'l':
        case 'z':
          break;
        default:
          this.i--;
          this.err(`unknown command: \`${name}'`);
      }
      this.cmds.push(cmd);
    }
    if (open.length) throw new SedError(`-e expression #1, char 0: unmatched \`{'`);
    return this.cmds;
  }
}

function substitute(ps: string, cmd: Cmd, lastRe: RegExp): { text: string; done: boolean } {
  const re = cmd.re ?? lastRe;
  re.lastIndex = 0;
  let count = 0;
  let done = false;
  const text = ps.replace(re, (...args: unknown[]) => {
    const match = args[0] as string;
    const groups = args.slice(1, -2) as (string | undefined)[];
    count++;
    const want = cmd.occurrence ?? 1;
    if (count < want || (!cmd.global && count > want)) return match;
    done = true;
    return expandReplacement(cmd.replacement!, match, groups);
  });
  return { text, done };
}

function expandReplacement(rep: string, match: string, groups: (string | undefined)[]): string {
  let out = '';
  let mode: '' | 'U' | 'L' = '';
  let once: '' | 'u' | 'l' = '';
  const add = (s: string) => {
    for (const ch of s) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (once) {
        c = once === 'u' ? c.toUpperCase() : c.toLowerCase();
        once = '';
      }
      out += c;
    }
  };
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '&') add(match);
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (/[0-9]/.test(n)) add(n === '0' ? match : (groups[Number(n) - 1] ?? ''));
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else if (n === 'U' || n === 'L') mode = n;
      else if (n === 'E') mode = '';
      else if (n === 'u' || n === 'l') once = n;
      else add(n);
    } else add(c);
  }
  return out;
}

/** GNU sed subset: s y d D p P n N q Q = a i c h H g G x b t T : {} with line, $, /re/, ranges and `!`. */
export const sed: Command = async (proc) => {
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  const argv = proc.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-e' || a === '--expression') scripts.push(argv[++i] ?? '');
    else if (a.startsWith('-e') && a.length > 2) scripts.push(a.slice(2));
    else if (a === '-f') {
      const t = proc.readFile(argv[++i] ?? '');
      if (t === null) {
        proc.stderr.write(`sed: couldn't open file ${argv[i]}: No such file or directory\n`);
        return 1;
      }
      scripts.push(t.replace(/\n$/, ''));
    } else if (a === '-i' || a.startsWith('-i') || a === '--in-place') {
      proc.stderr.write('sed: podpath: unsupported: -i (files are read-only)\n');
      return 4;
    } else if (/^-[nErs]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (/[Er]/.test(a)) extended = true;
    } else if (a === '-s' || a === '-u' || a === '--posix') continue;
    else if (a.startsWith('-') && a !== '-') {
      proc.stderr.write(`sed: invalid option -- '${a[1]}'\n`);
      return 1;
    } else files.push(a);
  }
  if (scripts.length === 0) {
    if (files.length === 0) {
      proc.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let cmds: Cmd[];
  try {
    cmds = new ScriptParser(scripts.join('\n'), extended).parse();
  } catch (e) {
    if (e instanceof SedError) {
      proc.stderr.write(`sed: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  let input = '';
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    if (f === '-') input += await readAll(proc.stdin);
    else {
      const t = proc.readFile(f);
      if (t === null) {
        proc.stderr.write(`sed: can't read ${f}: No such file or directory\n`);
        status = 2;
        continue;
      }
      input += t;
    }
  }
  const endsWithNl = input.endsWith('\n');
  const lines = input === '' ? [] : (endsWithNl ? input.slice(0, -1) : input).split('\n');
  let out = '';
  let lineNo = 0;
  let idx = 0;
  let hold = '';
  let lastRe: RegExp | null = null;
  const emit = (text: string, isLastLine: boolean) => {
    out += text + (isLastLine && !endsWithNl ? '' : '\n');
  };
  const labels = new Map<string, number>();
  cmds.forEach((c, i) => c.name === ':' && labels.set(c.label!, i));
  for (const c of cmds)
    if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label && !labels.has(c.label)) {
      proc.stderr.write(`sed: -e expression #1, char 0: can't find label for jump to \`${c.label}'\n`);
      return 1;
    }
  const matchAddr = (a: Addr, ps: string): boolean => {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return idx >= lines.length;
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      case 're': {
        const re = a.re ?? lastRe;
        if (!re) return false;
        lastRe = re;
        re.lastIndex = 0;
        return re.test(ps);
      }
      case 'plus':
        return false;
    }
  };
  const selected = (c: Cmd, ps: string): boolean => {
    if (!c.a1) return true;
    let r: boolean;
    if (!c.a2) r = matchAddr(c.a1, ps);
    else if (c.active) {
      const a2 = c.a2;
      let end: boolean;
      if (a2.kind === 'line') end = lineNo >= a2.n;
      else if (a2.kind === 'plus') end = lineNo >= c.rangeEnd!;
      else end = matchAddr(a2, ps);
      if (end) c.active = false;
      r = true;
    } else if (matchAddr(c.a1, ps)) {
      r = true;
      const a2 = c.a2;
      if (a2.kind === 'line') c.active = a2.n > lineNo;
      else if (a2.kind === 'plus') {
        c.rangeEnd = lineNo + a2.n;
        c.active = a2.n > 0;
      } else c.active = !(a2.kind === 'last' && idx >= lines.length);
    } else r = false;
    return r !== c.negate;
  };
  let quitCode: number | null = null;
  cycle: while (idx < lines.length && quitCode === null) {
    let ps = lines[idx++];
    lineNo++;
    let append = '';
    let substituted = false;
    let autoprint = !quiet;
    let pc = 0;
    let restart = false;
    while (pc < cmds.length) {
      const c = cmds[pc];
      if (c.name === '}' || c.name === ':') {
        pc++;
        continue;
      }
      if (!selected(c, ps)) {
        pc = c.name === '{' ? c.end! + 1 : pc + 1;
        continue;
      }
      pc++;
      switch (c.name) {
        case '{':
          break;
        case 's': {
          const re = c.re ?? lastRe;
          if (!re) {
            proc.stderr.write('sed: no previous regular expression\n');
            return 1;
          }
          lastRe = c.re ?? lastRe;
          const r = substitute(ps, c, re);
          if (r.done) {
            ps = r.text;
            substituted = true;
            if (c.print) out += ps + '\n';
          }
          break;
        }
        case 'y':
          ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
          break;
        case 'd':
          autoprint = false;
          ps = '';
          break;
        case 'D': {
          const nl = ps.indexOf('\n');
          if (nl < 0) {
            autoprint = false;
            break;
          }
          ps = ps.slice(nl + 1);
          restart = true;
          break;
        }
        case 'p':
          out += ps + '\n';
          continue;
        case 'P':
          out += ps.split('\n')[0] + '\n';
          continue;
        case '=':
          out += lineNo + '\n';
          continue;
        case 'a':
          append += c.text + '\n';
          continue;
        case 'i':
          out += c.text + '\n';
          continue;
        case 'c':
          if (!c.a2 || !c.active) out += c.text + '\n';
          autoprint = false;
          ps = '';
          break;
        case 'n':
          if (idx >= lines.length) {
            if (!quiet) emit(ps, true);
            out += append;
            break cycle;
          }
          if (!quiet) emit(ps, false);
          out += append;
          append = '';
          ps = lines[idx++];
          lineNo++;
          continue;
        case 'N':
          if (idx >= lines.length) {
            if (!quiet) emit(ps, true);
            out += append;
            break cycle;
          }
          ps += '\n' + lines[idx++];
          lineNo++;
          continue;
        case 'h':
          hold = ps;
          continue;
        case 'H':
          hold += '\n' + ps;
          continue;
        case 'g':
          ps = hold;
          continue;
        case 'G':
          ps += '\n' + hold;
          continue;
        case 'x':
          [ps, hold] = [hold, ps];
          continue;
        case 'l':
          out += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '$\n';
          continue;
        case 'z':
          ps = '';
          continue;
        case 'b':
        case 't':
        case 'T': {
          const jump = c.name === 'b' || (c.name === 't' ? substituted : !substituted);
          if (c.name !== 'b') substituted = false;
          if (jump) pc = c.label ? labels.get(c.label)! : cmds.length;
          continue;
        }
        case 'q':
          quitCode = c.code!;
          pc = cmds.length;
          continue;
        case 'Q':
          quitCode = c.code!;
          autoprint = false;
          pc = cmds.length;
          continue;
      }
      if (c.name === 'd' || c.name === 'c' || (c.name === 'D' && !restart)) break;
      if (restart) break;
    }
    if (restart) {
      lines.splice(idx, 0, ps);
      lineNo--;
      out += append;
      continue;
    }
    if (autoprint) emit(ps, idx >= lines.length);
    out += append;
  }
  proc.stdout.write(out);
  return quitCode ?? status;
};
