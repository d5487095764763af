import { Killed } from '../tools/process.js';
import type { Ctx, Shell } from './interp.js';
import { ExitSignal, LoopSignal, ReturnSignal, sleepOn } from './interp.js';
import { WriteError } from './files.js';
import { echoEscapes, printf } from './printf.js';
import { testCommand } from './test.js';
import { evalArith, ArithError } from './arith.js';
import { ExpansionError } from './expand.js';
import { quoteForTrace } from './quote.js';
import type { Job } from './job.js';
import { deleteJob, findJobSpec, jobs } from './jobs.js';
import { runShellText } from './run-text.js';
import { shopt } from './shopt.js';
import { findCommand } from '../tools/registry.js';
import { parseSignal, SIGNALS } from '../tools/signals.js';

export type Builtin = (sh: Shell, argv: string[], ctx: Ctx) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function write(sh: Shell, ctx: Ctx, name: string, text: string): number {
  try {
    ctx.fds.stdout.write(text);
    return 0;
  } catch (e) {
    if (e instanceof WriteError) {
      sh.error(ctx, `${name}: write error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

const echo: Builtin = async (sh, argv, ctx) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  return write(sh, ctx, argv[0], newline ? text + '\n' : text);
};

const printfBuiltin: Builtin = async (sh, argv, ctx) => {
  let args = argv.slice(1);
  let target: string | null = null;
  if (args[0] === '-v') {
    target = args[1] ?? '';
    args = args.slice(2);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    sh.error(ctx, 'printf: usage: printf [-v var] format [arguments]');
    return 2;
  }
  const r = printf(args[0], args.slice(1));
  for (const e of r.errors) sh.error(ctx, e);
  if (target !== null) {
    sh.setVar(target, r.output);
    return r.status;
  }
  const w = write(sh, ctx, 'printf', r.output);
  return w || r.status;
};

function exitStatusArg(sh: Shell, ctx: Ctx, name: string, arg: string | undefined): number | null {
  if (arg === undefined) return sh.state.status;
  if (!/^\s*[+-]?\d+\s*$/.test(arg)) {
    sh.error(ctx, `${name}: ${arg}: numeric argument required`);
    return null;
  }
  return Number(BigInt(arg.trim()) & 255n);
}

const exit: Builtin = async (sh, argv, ctx) => {
  const s = exitStatusArg(sh, ctx, 'exit', argv[1]);
  if (s !== null && argv.length > 2) {
    sh.error(ctx, 'exit: too many arguments');
    return 1;
  }
  throw new ExitSignal(s ?? 2);
};

const ret: Builtin = async (sh, argv, ctx) => {
  const s = exitStatusArg(sh, ctx, 'return', argv[1]);
  if (sh.state.funcDepth === 0) {
    sh.error(ctx, "return: can only `return' from a function or sourced script");
    return 1;
  }
  throw new ReturnSignal(s ?? 2);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv, ctx) => {
    let n = 1;
    if (argv[1] !== undefined) {
      if (!/^\d+$/.test(argv[1])) {
        sh.error(ctx, `${kind}: ${argv[1]}: numeric argument required`);
        return 1;
      }
      n = Number(argv[1]);
      if (n < 1) {
        sh.error(ctx, `${kind}: ${argv[1]}: loop count out of range`);
        return 1;
      }
    }
    if (sh.state.loopDepth === 0) return 0;
    throw new LoopSignal(kind, Math.min(n, sh.state.loopDepth));
  };
}

function assignArg(
  sh: Shell,
  ctx: Ctx,
  name: string,
  arg: string,
  apply: (n: string, v: string | undefined) => void,
): boolean {
  const m = /^([^=+]*)(\+?=)?([\s\S]*)$/.exec(arg)!;
  if (!NAME_RE.test(m[1])) {
    sh.error(ctx, `${name}: \`${arg}': not a valid identifier`);
    return false;
  }
  let value = m[2] ? m[3] : undefined;
  if (m[2] === '+=') value = (sh.param(m[1]) ?? '') + m[3];
  apply(m[1], value);
  return true;
}

const exportB: Builtin = async (sh, argv, ctx) => {
  let status = 0;
  let unexport = false;
  const args = argv.slice(1).filter((a) => {
    if (a === '-n') unexport = true;
    return !/^-[nfp]+$/.test(a);
  });
  if (args.length === 0) {
    const names = [...sh.state.vars.entries()]
      .filter(([, v]) => v.exported)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [n, v] of names)
      ctx.fds.stdout.write(`declare -x ${n}="${v.value.replace(/(["\\$`])/g, '\\$1')}"\n`);
    return 0;
  }
  for (const a of args) {
    const ok = assignArg(sh, ctx, 'export', a, (n, v) => {
      if (v !== undefined) sh.setVar(n, v);
      const nv = sh.state.vars.get(n);
      if (nv) nv.exported = !unexport;
    });
    if (!ok) status = 1;
  }
  return status;
};

const local: Builtin = async (sh, argv, ctx) => {
  if (sh.state.funcDepth === 0) {
    sh.error(ctx, 'local: can only be used in a function');
    return 1;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (/^-/.test(a)) continue;
    const ok = assignArg(sh, ctx, 'local', a, (n, v) => {
      sh.declareLocal(n);
      if (v !== undefined) sh.setVar(n, v);
      else if (!sh.state.vars.has(n)) sh.state.vars.set(n, { value: '', exported: false });
    });
    if (!ok) status = 1;
  }
  return status;
};

const declare: Builtin = async (sh, argv, ctx) => {
  let status = 0;
  let exported = false;
  let readonly = false;
  /** -a: the names are (empty) indexed arrays unless they hold values already. */
  let indexed = false;
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('A')) {
        sh.error(ctx, `podpath: unsupported: ${argv[0]} ${a} (associative arrays)`);
        return 2;
      }
      if (a.includes('a')) indexed = a[0] === '-';
      if (a.includes('x')) exported = a[0] === '-';
      if (a.includes('r')) readonly = true;
      continue;
    }
    if (indexed && /^[A-Za-z_][A-Za-z0-9_]*\+?=\(/.test(a)) {
      sh.error(ctx, `podpath: unsupported: ${argv[0]} -a NAME=(...) (assign the array apart)`);
      return 2;
    }
    const ok = assignArg(sh, ctx, argv[0], a, (n, v) => {
      if (sh.state.funcDepth > 0) sh.declareLocal(n);
      if (v !== undefined) sh.setVar(n, v);
      else if (!sh.state.vars.has(n)) sh.state.vars.set(n, { value: '', exported: false });
      const nv = sh.state.vars.get(n)!;
      if (indexed && !nv.array)
        nv.array = v === undefined && nv.value === '' ? new Map() : new Map([[0, nv.value]]);
      if (exported) nv.exported = true;
      if (readonly) nv.readonly = true;
    });
    if (!ok) status = 1;
  }
  return status;
};

const readonlyB: Builtin = async (sh, argv, ctx) => {
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const ok = assignArg(sh, ctx, 'readonly', a, (n, v) => {
      if (v !== undefined) sh.setVar(n, v);
      else if (!sh.state.vars.has(n)) sh.state.vars.set(n, { value: '', exported: false });
      sh.state.vars.get(n)!.readonly = true;
    });
    if (!ok) status = 1;
  }
  return status;
};

/** `unset 'NAME[SUB]'`: the element goes (the rest keep their indexes). */
function unsetElement(sh: Shell, ctx: Ctx, name: string, subscript: string): boolean {
  const v = sh.state.vars.get(name);
  if (v?.readonly) {
    sh.error(ctx, `unset: ${name}: cannot unset: readonly variable`);
    return false;
  }
  let at: number;
  try {
    at = Number(evalArith(subscript, sh));
  } catch (e) {
    sh.error(ctx, `${subscript}: ${(e as Error).message}`);
    return false;
  }
  try {
    sh.unsetElement(name, at);
  } catch (e) {
    if (!(e instanceof ExpansionError)) throw e;
    sh.error(ctx, e.message);
    return false;
  }
  return true;
}

const unset: Builtin = async (sh, argv, ctx) => {
  let funcs = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f') funcs = true;
    else if (a === '-v') funcs = false;
    else if (funcs) sh.state.funcs.delete(a);
    else {
      const element = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s.exec(a);
      if (element) {
        if (!unsetElement(sh, ctx, element[1], element[2])) status = 1;
        continue;
      }
      if (!NAME_RE.test(a)) {
        sh.error(ctx, `unset: \`${a}': not a valid identifier`);
        status = 1;
        continue;
      }
      const v = sh.state.vars.get(a);
      if (v?.readonly) {
        sh.error(ctx, `unset: ${a}: cannot unset: readonly variable`);
        status = 1;
        continue;
      }
      sh.state.vars.delete(a);
      if (!v) sh.state.funcs.delete(a);
    }
  }
  return status;
};

const OPTION_LETTERS: Record<string, 'errexit' | 'xtrace' | 'nounset' | 'noglob'> = {
  e: 'errexit',
  x: 'xtrace',
  u: 'nounset',
  f: 'noglob',
};
const OPTION_NAMES = ['errexit', 'xtrace', 'nounset', 'pipefail', 'noglob'] as const;

const set: Builtin = async (sh, argv, ctx) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const names = [...sh.state.vars.keys()].sort();
    for (const n of names) ctx.fds.stdout.write(`${n}=${quoteForTrace(sh.state.vars.get(n)!.value)}\n`);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sh.state.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const name = args[++i];
      if (name === undefined) {
        for (const n of OPTION_NAMES)
          ctx.fds.stdout.write(`${n.padEnd(15)}\t${sh.state.opts[n] ? 'on' : 'off'}\n`);
        continue;
      }
      if (!(OPTION_NAMES as readonly string[]).includes(name)) {
        if (
          [
            'monitor',
            'noclobber',
            'allexport',
            'notify',
            'verbose',
            'posix',
            'vi',
            'emacs',
            'history',
            'ignoreeof',
            'braceexpand',
            'hashall',
            'interactive-comments',
            'physical',
            'privileged',
            'keyword',
            'noexec',
            'onecmd',
            'nolog',
            'functrace',
            'errtrace',
          ].includes(name)
        )
          continue;
        sh.error(ctx, `set: ${name}: invalid option name`);
        return 2;
      }
      sh.state.opts[name as (typeof OPTION_NAMES)[number]] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        const opt = OPTION_LETTERS[f];
        if (opt) sh.state.opts[opt] = a[0] === '-';
        else if (!'hBHmbnvaCkPT'.includes(f)) {
          sh.error(ctx, `set: ${a[0]}${f}: invalid option`);
          ctx.fds.stderr.write(
            'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n',
          );
          return 2;
        }
      }
      continue;
    }
    if (a === '-' || a === '+') continue;
    sh.state.positional = args.slice(i);
    return 0;
  }
  return 0;
};

const shift: Builtin = async (sh, argv, ctx) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    sh.error(ctx, `shift: ${argv[1]}: numeric argument required`);
    return 1;
  }
  if (n > sh.state.positional.length) return 1;
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};

const read: Builtin = async (sh, argv, ctx) => {
  let raw = false;
  /** -a NAME: the fields go to this array, from index 0. */
  let array: string | undefined;
  let delim = '\n';
  let prompt = '';
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (names.length === 0 && /^-[a-zA-Z]/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'r') raw = true;
        else if (f === 's') continue;
        else if ('dpt'.includes(f) || f === 'n' || f === 'N' || f === 'u' || f === 'a') {
          const val = a.slice(j + 1) || args[++i];
          if (f === 'd') delim = val ? val[0] : '\0';
          if (f === 'p') prompt = val ?? '';
          if (f === 'a') array = val;
          break;
        } else {
          sh.error(ctx, `read: -${f}: invalid option`);
          ctx.fds.stderr.write(
            'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n',
          );
          return 2;
        }
      }
      continue;
    }
    if (!NAME_RE.test(a)) {
      sh.error(ctx, `read: \`${a}': not a valid identifier`);
      return 1;
    }
    names.push(a);
  }
  void prompt;
  if (names.length === 0) names.push('REPLY');
  const input = ctx.fds.stdin;
  let text = '';
  let complete = false;
  let eof = false;
  for (;;) {
    const r = await ctx.job.guard(input.readLine(delim));
    if (!r) {
      eof = true;
      break;
    }
    complete = r.complete;
    if (!raw && r.line.endsWith('\\') && !/(^|[^\\])(\\\\)*\\\\$/.test(r.line) && r.complete) {
      text += r.line.slice(0, -1);
      continue;
    }
    text += r.line;
    break;
  }
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  const ifs = sh.param('IFS') ?? ' \t\n';
  if (array !== undefined) sh.setArray(array, readFields(text, ifs, Infinity));
  else if (names.length === 1 && names[0] === 'REPLY' && argv.every((a) => a !== 'REPLY')) {
    sh.setVar('REPLY', text);
  } else assignFields(sh, names, text, ifs);
  return eof || !complete ? 1 : 0;
};

function assignFields(sh: Shell, names: string[], text: string, ifs: string): void {
  readFields(text, ifs, names.length).forEach((field, n) => sh.setVar(names[n], field));
}

/**
 * read's field splitting: `count` fields (the last takes the rest of the
 * line, less trailing IFS whitespace; missing ones are empty), or with
 * Infinity every field (read -a).
 */
function readFields(text: string, ifs: string, count: number): string[] {
  const ws = [...ifs].filter((c) => /\s/.test(c)).join('');
  const isWs = (c: string) => ws.includes(c);
  const isDelim = (c: string) => ifs.includes(c);
  const fields: string[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < text.length && isWs(text[i])) i++;
  };
  skipWs();
  for (let n = 0; n < count; n++) {
    if (count === Infinity && i >= text.length) break;
    if (n === count - 1) {
      let end = text.length;
      while (end > i && isWs(text[end - 1])) end--;
      fields.push(text.slice(i, end));
      break;
    }
    let field = '';
    while (i < text.length && !isDelim(text[i])) field += text[i++];
    fields.push(field);
    skipWs();
    if (i < text.length && isDelim(text[i]) && !isWs(text[i])) {
      i++;
      skipWs();
    }
  }
  return fields;
}

const cd: Builtin = async (sh, argv, ctx) => {
  const target = argv[1] ?? sh.param('HOME') ?? '/';
  if (argv.length > 2) {
    sh.error(ctx, 'cd: too many arguments');
    return 1;
  }
  const dir = target === '-' ? (sh.param('OLDPWD') ?? sh.state.cwd) : target;
  if (!sh.rt.files.isDirectory(dir, sh.state.cwd, sh.netns)) {
    const exists = sh.rt.files.exists(dir, sh.state.cwd, sh.netns);
    sh.error(ctx, `cd: ${target}: ${exists ? 'Not a directory' : 'No such file or directory'}`);
    return 1;
  }
  const abs = sh.rt.files.resolve(dir, sh.state.cwd);
  sh.setVar('OLDPWD', sh.state.cwd);
  sh.state.cwd = abs;
  sh.setVar('PWD', abs);
  if (target === '-') ctx.fds.stdout.write(abs + '\n');
  return 0;
};

const test: Builtin = async (sh, argv, ctx) => {
  const r = testCommand(sh, argv[0], argv.slice(1));
  if (r.error) sh.error(ctx, r.error);
  return r.status;
};

function findJob(sh: Shell, spec: string): Job | undefined | null {
  if (spec.startsWith('%')) {
    const job = findJobSpec(sh.state, spec);
    return job === 'ambiguous' || job === null ? undefined : job;
  }
  if (!/^\d+$/.test(spec)) return null;
  return sh.rt.jobs.find((j) => j.pid === Number(spec));
}

const wait: Builtin = async (sh, argv, ctx) => {
  const specs = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (specs.length === 0) {
    for (const job of [...sh.state.jobs]) await ctx.job.guard(job.done);
    for (const job of [...sh.state.jobs]) if (job.finished) deleteJob(sh.state, job);
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    const job = findJob(sh, spec);
    if (job === null) {
      sh.error(ctx, `wait: \`${spec}': not a pid or valid job spec`);
      status = 2;
      continue;
    }
    if (!job) {
      if (spec.startsWith('%')) sh.error(ctx, `wait: ${spec}: no such job`);
      else sh.error(ctx, `wait: pid ${spec} is not a child of this shell`);
      status = 127;
      continue;
    }
    status = await ctx.job.guard(job.done);
    deleteJob(sh.state, job);
  }
  return status;
};

const kill: Builtin = async (sh, argv, ctx) => {
  let signal = 15;
  let args = argv.slice(1);
  if (args[0] === '-l' || args[0] === '-L') {
    ctx.fds.stdout.write(
      Object.entries(SIGNALS)
        .map(([n, v]) => `${v}) SIG${n}`)
        .join('\n') + '\n',
    );
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = parseSignal(args[1] ?? '');
    if (s === null) {
      sh.error(ctx, `kill: ${args[1]}: invalid signal specification`);
      return 1;
    }
    signal = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const s = parseSignal(args[0].slice(1));
    if (s === null) {
      sh.error(ctx, `kill: ${args[0].slice(1)}: invalid signal specification`);
      return 1;
    }
    signal = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    ctx.fds.stderr.write(
      `${sh.prefix()}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`,
    );
    return 2;
  }
  let status = 0;
  for (const spec of args) {
    const job = findJob(sh, spec);
    if (job === null) {
      sh.error(ctx, `kill: ${spec}: arguments must be process or job IDs`);
      status = 1;
    } else if (!job) {
      if (spec.startsWith('%')) sh.error(ctx, `kill: ${spec}: no such job`);
      else if (Number(spec) === sh.rt.mainJob.pid) {
        sh.rt.mainJob.kill(signal);
        throw new Killed(signal);
      } else sh.error(ctx, `kill: (${spec}) - No such process`);
      status = 1;
    } else if (job.finished) {
      // A finished job bash has not reported yet is still in its table: `kill %N` quietly succeeds.
      if (!spec.startsWith('%')) {
        sh.error(ctx, `kill: (${spec}) - No such process`);
        status = 1;
      }
    } else if (signal !== 0 && signal !== 18 && signal !== 17) job.kill(signal);
  }
  return status;
};

const evalB: Builtin = async (sh, argv, ctx) => {
  const text = argv.slice(1).join(' ');
  if (!text.trim()) return 0;
  try {
    return await sh.runText(text, ctx);
  } catch (e) {
    if (e instanceof ExitSignal && e.status === 2 && sh.state.status !== 2) throw e;
    throw e;
  }
};

const source: Builtin = async (sh, argv, ctx) => {
  const path = argv[1];
  if (path === undefined) {
    sh.error(ctx, `${argv[0]}: filename argument required`);
    ctx.fds.stderr.write(`${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  const text = sh.rt.files.read(path, sh.state.cwd, sh.netns);
  if (text === null) {
    sh.error(ctx, `${path}: No such file or directory`);
    return 1;
  }
  const saved = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  sh.state.funcDepth++;
  try {
    return await sh.runText(text, ctx);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    sh.state.funcDepth--;
    if (argv.length > 2) sh.state.positional = saved;
  }
};

const exec: Builtin = async (sh, argv, ctx) => {
  if (argv.length === 1) return 0;
  const status = await sh.dispatch(argv.slice(1), ctx, [], true);
  if (status === 127 && !(await isCommand(sh, argv[1]))) {
    sh.error(ctx, `exec: ${argv[1]}: not found`);
  }
  throw new ExitSignal(status);
};

async function isCommand(sh: Shell, name: string): Promise<boolean> {
  return !!UTILITIES[name] || !!(await sh.rt.track(findCommand(name)));
}

const trap: Builtin = async (sh, argv, ctx) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [sig, action] of sh.state.traps)
      ctx.fds.stdout.write(`trap -- ${quoteForTrace(action)} ${sig}\n`);
    return 0;
  }
  if (args[0] === '-l' || args[0] === '-p') return 0;
  const action = args.length === 1 ? '-' : args[0];
  for (const spec of args.length === 1 ? args : args.slice(1)) {
    let sig = spec.toUpperCase().replace(/^SIG/, '');
    if (sig === '0') sig = 'EXIT';
    if (!(sig in SIGNALS) && sig !== 'EXIT' && sig !== 'ERR' && sig !== 'DEBUG' && sig !== 'RETURN') {
      sh.error(ctx, `trap: ${spec}: invalid signal specification`);
      return 1;
    }
    if (action === '-') sh.state.traps.delete(sig);
    else sh.state.traps.set(sig, action);
  }
  return 0;
};

const letB: Builtin = async (sh, argv, ctx) => {
  if (argv.length < 2) {
    sh.error(ctx, 'let: expression expected');
    return 1;
  }
  let v = 0n;
  for (const expr of argv.slice(1)) {
    try {
      v = evalArith(expr, sh);
    } catch (e) {
      if (e instanceof ArithError || e instanceof ExpansionError) {
        sh.error(ctx, `let: ${e.message}`);
        return 1;
      }
      throw e;
    }
  }
  return v !== 0n ? 0 : 1;
};

const SBIN = new Set([
  'ip',
  'sysctl',
  'bridge',
  'tc',
  'iptables',
  'iptables-save',
  'iptables-restore',
  'ipset',
  'ipvsadm',
  'conntrack',
  'ss',
  'arp',
  'tcpdump',
  'ifconfig',
  'route',
]);

async function describe(
  sh: Shell,
  name: string,
  noFunctions = false,
  filesOnly = false,
): Promise<Described | null> {
  if (
    !filesOnly &&
    [
      'if',
      'then',
      'else',
      'elif',
      'fi',
      'for',
      'while',
      'until',
      'do',
      'done',
      'case',
      'esac',
      'function',
      '{',
      '}',
      '[[',
      ']]',
      '!',
    ].includes(name)
  )
    return { kind: 'keyword' };
  if (!filesOnly && !noFunctions && sh.state.funcs.has(name)) return { kind: 'function' };
  if (!filesOnly && BUILTINS[name]) return { kind: 'builtin' };
  if (UTILITIES[name] || (await isCommand(sh, name)))
    return { kind: 'file', path: `/usr/${SBIN.has(name) ? 'sbin' : 'bin'}/${name}` };
  return null;
}

const command: Builtin = async (sh, argv, ctx) => {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0;
    for (const name of args.slice(1)) {
      const d = await describe(sh, name);
      if (!d) {
        if (args[0] === '-V') sh.error(ctx, `command: ${name}: not found`);
        status = 1;
      } else if (args[0] === '-v') ctx.fds.stdout.write((d.path ?? name) + '\n');
      else ctx.fds.stdout.write(d.path ? `${name} is ${d.path}\n` : `${name} is a shell ${d.kind}\n`);
    }
    return status;
  }
  if (args.length === 0) return 0;
  const b = BUILTINS[args[0]];
  if (b) return b(sh, args, ctx);
  return sh.dispatch(args, ctx, [], true).then(async (s) => {
    if (s === 127 && !(await isCommand(sh, args[0]))) sh.error(ctx, `${args[0]}: command not found`);
    return s;
  });
};

/**
 * `type [-afptP] NAME...`: what each name runs as. -t says only the kind,
 * -p only a file's path (nothing for the others), -P a path whatever
 * else the name is, -f leaves functions out, -a gives every answer in
 * bash's order (the emulated machine has one file per command, where a
 * real PATH with both /bin and /usr/bin finds it twice).
 */
const type: Builtin = async (sh, argv, ctx) => {
  let terse = false;
  let pathOnly = false;
  let forcePath = false;
  let noFunctions = false;
  let all = false;
  let i = 1;
  for (; i < argv.length && /^-./.test(argv[i]); i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (const f of argv[i].slice(1)) {
      if (f === 't') terse = true;
      else if (f === 'p') pathOnly = true;
      else if (f === 'P') forcePath = true;
      else if (f === 'f') noFunctions = true;
      else if (f === 'a') all = true;
      else {
        sh.error(ctx, `type: -${f}: invalid option`);
        ctx.fds.stderr.write('type: usage: type [-afptP] name [name ...]\n');
        return 2;
      }
    }
  }
  let status = 0;
  for (const name of argv.slice(i)) {
    if (all) {
      const answers = await describeAll(sh, name, noFunctions);
      if (answers.length === 0) {
        if (!terse && !pathOnly) sh.error(ctx, `type: ${name}: not found`);
        status = 1;
      }
      for (const d of answers) ctx.fds.stdout.write(typeLine(name, d, terse, pathOnly));
      continue;
    }
    // -P: the file on PATH, even for a builtin, keyword or function of that name.
    const d = await describe(sh, name, noFunctions, forcePath);
    if (!d) {
      if (!terse && !pathOnly && !forcePath) sh.error(ctx, `type: ${name}: not found`);
      status = 1;
    } else ctx.fds.stdout.write(typeLine(name, d, terse, pathOnly || forcePath));
  }
  return status;
};

type Described = { kind: 'function' | 'builtin' | 'file' | 'keyword'; path?: string };

/** One answer of `type`: the kind (-t), a file's path (-p, -P; nothing for the others), or the sentence. */
function typeLine(name: string, d: Described, terse: boolean, pathOnly: boolean): string {
  if (terse) return `${d.kind}\n`;
  if (pathOnly) return d.kind === 'file' ? `${d.path}\n` : '';
  if (d.kind === 'file') return `${name} is ${d.path}\n`;
  if (d.kind === 'function') return `${name} is a function\n`;
  return `${name} is a shell ${d.kind}\n`;
}

/** Every answer `type -a` gives, in bash's order: keyword, function, builtin, file. */
async function describeAll(sh: Shell, name: string, noFunctions: boolean): Promise<Described[]> {
  const out: Described[] = [];
  const first = await describe(sh, name, noFunctions);
  if (first !== null && first.kind !== 'file') out.push(first);
  if (first?.kind === 'function' && BUILTINS[name]) out.push({ kind: 'builtin' });
  const file = await describe(sh, name, true, true);
  if (file !== null) out.push(file);
  return out;
}

/** `sleep` (coreutils): waits on the virtual clock, so background jobs run meanwhile. */
const sleep: Builtin = async (sh, argv, ctx) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    ctx.fds.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') {
      ms = Infinity;
      continue;
    }
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.fds.stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    ms += Number(m[1]) * { '': 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2] as ''];
  }
  try {
    if (ms === Infinity) await ctx.job.guard(new Promise(() => {}));
    else await sleepOn(sh.rt.world, ctx.job, ms);
  } catch (e) {
    if (e instanceof Killed) return 128 + e.signal;
    throw e;
  }
  return 0;
};

/** `bash -c SCRIPT [NAME ARGS]`, `bash FILE ARGS`, `sh -c ...`: a new shell process. */
const shellCommand: Builtin = async (sh, argv, ctx) => {
  const dash = argv[0] === 'sh' || argv[0].endsWith('/sh');
  const args = argv.slice(1);
  let text: string | null = null;
  let name = dash ? 'sh' : 'bash';
  const opts: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') {
      text = args[++i] ?? null;
      if (text === null) {
        ctx.fds.stderr.write(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      i++;
      break;
    }
    if (a === '--') {
      i++;
      break;
    }
    if (/^[-+][exuo]+$/.test(a)) opts.push(a);
    else if (/^-/.test(a)) continue;
    else break;
  }
  let rest = args.slice(i);
  let dialect: 'bash-c' | 'sh-c' | 'script' = dash ? 'sh-c' : 'bash-c';
  if (text === null) {
    const file = rest[0];
    if (file === undefined) return 0;
    text = sh.rt.files.read(file, sh.state.cwd, sh.netns);
    if (text === null) {
      ctx.fds.stderr.write(`${name}: ${file}: No such file or directory\n`);
      return 127;
    }
    name = file;
    rest = rest.slice(1);
    dialect = 'script';
  } else if (rest.length > 0) {
    name = rest[0];
    rest = rest.slice(1);
  }
  const sub = sh.subshell(sh.netns, dialect, name);
  for (const [k, v] of [...sub.state.vars]) if (!v.exported && k !== 'IFS') sub.state.vars.delete(k);
  sub.state.funcs.clear();
  sub.state.positional = rest;
  sub.state.jobs = [];
  sub.state.traps = new Map();
  sub.state.opts = { errexit: false, xtrace: false, nounset: false, pipefail: false, noglob: false };
  sub.state.funcDepth = 0;
  sub.state.status = 0;
  if (opts.length) await set(sub, ['set', ...opts], ctx);
  return runShellText(sub, text, ctx);
};

const MAPFILE_USAGE =
  'usage: mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]';

/** mapfile/readarray: stdin's lines into an array (MAPFILE by default); -t -n -s -d -O. */
const mapfile: Builtin = async (sh, argv, ctx) => {
  let trim = false;
  let delim = '\n';
  let count = 0;
  let skip = 0;
  let origin = 0;
  let name = 'MAPFILE';
  const args = argv.slice(1);
  const bad = (msg: string) => {
    sh.error(ctx, `${argv[0]}: ${msg}`);
    ctx.fds.stderr.write(`${argv[0]}: ${MAPFILE_USAGE.replace('mapfile', argv[0])}\n`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      name = args[i + 1] ?? name;
      break;
    }
    if (!/^-./.test(a)) {
      name = a;
      continue;
    }
    const f = a[1];
    if (f === 't' && a.length === 2) {
      trim = true;
      continue;
    }
    if (!'dnsOuCc'.includes(f)) return bad(`${a.slice(0, 2)}: invalid option`);
    const val = a.length > 2 ? a.slice(2) : args[++i];
    if (val === undefined) return bad(`${a}: option requires an argument`);
    if (f === 'd') delim = val === '' ? '\0' : val[0];
    else if ('nsO'.includes(f)) {
      if (!/^\d+$/.test(val)) {
        sh.error(ctx, `${argv[0]}: ${val}: invalid ${f === 'O' ? 'array origin' : 'line count'}`);
        return 1;
      }
      if (f === 'n') count = Number(val);
      else if (f === 's') skip = Number(val);
      else origin = Number(val);
    }
  }
  if (!NAME_RE.test(name)) {
    sh.error(ctx, `${argv[0]}: \`${name}': not a valid identifier`);
    return 1;
  }
  const lines: string[] = [];
  for (let n = 0; count === 0 || lines.length < count; n++) {
    const r = await ctx.job.guard(ctx.fds.stdin.readLine(delim));
    if (!r) break;
    if (n < skip) continue;
    lines.push(trim || !r.complete ? r.line : r.line + delim);
  }
  if (origin === 0) sh.setArray(name, lines);
  else lines.forEach((line, k) => sh.setElement(name, origin + k, line));
  return 0;
};

/**
 * Where getopts is within a word of grouped options (`-abc`): bash keeps
 * it beside OPTIND and starts the word again when OPTIND was changed.
 */
const getoptsAt = new WeakMap<Shell, { optind: number; next: number }>();

/** getopts OPTSTRING NAME [ARG...]: the next option of ARGs (the positional parameters by default). */
const getopts: Builtin = async (sh, argv, ctx) => {
  const [, spec, name, ...given] = argv;
  if (spec === undefined || name === undefined) {
    ctx.fds.stderr.write('getopts: usage: getopts optstring name [arg ...]\n');
    return 2;
  }
  const args = argv.length > 3 ? given : sh.state.positional;
  const silent = spec.startsWith(':');
  let optind = Number.parseInt(sh.param('OPTIND') ?? '1', 10);
  if (!(optind >= 1)) optind = 1;
  const at = getoptsAt.get(sh);
  let next = at !== undefined && at.optind === optind ? at.next : 1;
  const unsetArg = () => void sh.state.vars.delete('OPTARG');
  const done = (status: number) => {
    sh.setVar('OPTIND', String(optind));
    getoptsAt.set(sh, { optind, next });
    return status;
  };
  const say = (msg: string) => ctx.fds.stderr.write(`${sh.param('0')}: ${msg}\n`);
  const word = args[optind - 1];
  if (next === 1) {
    if (word === undefined || word === '-' || !word.startsWith('-')) {
      sh.setVar(name, '?');
      return done(1);
    }
    if (word === '--') {
      optind++;
      sh.setVar(name, '?');
      return done(1);
    }
  }
  const c = word![next++];
  const i = c === ':' ? -1 : spec.indexOf(c);
  const wordDone = next >= word!.length;
  if (wordDone) {
    optind++;
    next = 1;
  }
  if (i < 0) {
    sh.setVar(name, '?');
    if (silent) sh.setVar('OPTARG', c);
    else {
      say(`illegal option -- ${c}`);
      unsetArg();
    }
    return done(0);
  }
  if (spec[i + 1] !== ':') {
    sh.setVar(name, c);
    unsetArg();
    return done(0);
  }
  // The argument: the rest of this word, else the next word.
  if (!wordDone) {
    sh.setVar('OPTARG', word!.slice(next));
    optind++;
    next = 1;
  } else if (optind <= args.length) {
    sh.setVar('OPTARG', args[optind - 1]!);
    optind++;
  } else if (silent) {
    sh.setVar(name, ':');
    sh.setVar('OPTARG', c);
    return done(0);
  } else {
    say(`option requires an argument -- ${c}`);
    sh.setVar(name, '?');
    unsetArg();
    return done(0);
  }
  sh.setVar(name, c);
  return done(0);
};

export const BUILTINS: Record<string, Builtin> = {
  getopts,
  mapfile,
  readarray: mapfile,
  echo,
  printf: printfBuiltin,
  true: async () => 0,
  false: async () => 1,
  ':': async () => 0,
  exit,
  return: ret,
  break: loopControl('break'),
  continue: loopControl('continue'),
  export: exportB,
  local,
  declare,
  typeset: declare,
  readonly: readonlyB,
  unset,
  set,
  shift,
  read,
  cd,
  pwd: async (sh, _argv, ctx) => (ctx.fds.stdout.write(sh.state.cwd + '\n'), 0),
  test,
  '[': test,
  wait,
  kill,
  eval: evalB,
  source,
  '.': source,
  exec,
  trap,
  let: letB,
  command,
  type,
  hash: async () => 0,
  umask: async () => 0,
  ulimit: async () => 0,
  shopt,
  jobs,
  disown: async () => 0,
};

/** Programs the shell provides itself, also reachable through `ip netns exec NS CMD`. */
export const UTILITIES: Record<string, Builtin> = {
  sleep,
  echo,
  printf: printfBuiltin,
  true: async () => 0,
  false: async () => 1,
  test,
  '[': test,
  kill,
  bash: shellCommand,
  sh: shellCommand,
};
