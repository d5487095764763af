import type { World } from '../kernel/world.js';
import type { Netns } from '../kernel/netns.js';
import type { EnvChange, InStream, OutStream, Proc } from '../tools/process.js';
import { Killed, stringInput } from '../tools/process.js';
import { findCommand } from '../tools/registry.js';
import type { AndOr, Assign, Command, CondExpr, List, Pipeline, Redir, SimpleCommand, Word } from './ast.js';
import { ArithError, evalArith } from './arith.js';
import { Expander, ExpansionError, type ExpandHost } from './expand.js';
import { Files, OpenError, WriteError } from './files.js';
import type { GlobFs } from './glob.js';
import { defaultShopts } from './shopt.js';
import { Job, SharedInput, type JobMarks } from './job.js';
import { forgetSignaledJobs, resetCurrentJob } from './jobs.js';
import { commandStages } from './print-command.js';
import { openDevice } from './devices.js';
import { BadSubstitution, ShellSyntaxError, UnsupportedError } from './lexer.js';
import { Parser } from './parser.js';
import { matchPattern } from './pattern.js';
import { Capture, Pipe, devNull } from './streams.js';
import { BUILTINS, UTILITIES } from './builtins.js';
import { quoteForTrace } from './quote.js';
import { binaryTest, unaryTest } from './test.js';

export interface Var {
  /** The value; of an array, its element 0 ('' when it has none), what `$NAME` reads. */
  value: string;
  exported: boolean;
  readonly?: boolean;
  /** An indexed array's elements by index (sparse, as bash's). */
  array?: Map<number, string>;
}

/** Open file descriptors of a command. */
export class Fds {
  constructor(
    readonly inputs = new Map<number, SharedInput>(),
    readonly outputs = new Map<number, OutStream>(),
  ) {}

  clone(): Fds {
    return new Fds(new Map(this.inputs), new Map(this.outputs));
  }

  get stdin(): SharedInput {
    return this.inputs.get(0) ?? EMPTY_INPUT;
  }

  get stdout(): OutStream {
    return this.outputs.get(1) ?? devNull;
  }

  get stderr(): OutStream {
    return this.outputs.get(2) ?? devNull;
  }
}

const EMPTY_INPUT = new SharedInput(stringInput(''));

/** Unwinds to the enclosing subshell or script: `exit N`, `set -e`, fatal expansion errors. */
/** One past an array's highest index: where `+=` appends, and what a negative index counts back from. */
const arrayEnd = (array: ReadonlyMap<number, string>): number =>
  array.size > 0 ? Math.max(...array.keys()) + 1 : 0;

/** The rest of the command line being run is dropped (bash after failglob's `no match`), status 1. */
export class LineAbort {}

export class ExitSignal {
  constructor(readonly status: number) {}
}
export class ReturnSignal {
  constructor(readonly status: number) {}
}
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** What every shell of one script run shares. */
export class Runtime {
  readonly jobs: Job[] = [];
  nextPid = 1000;
  readonly mainJob: Job;
  readonly files: Files;
  /** Host-side work in flight (module loads): the script is not idle while it runs. */
  readonly hostWork = new Set<Promise<unknown>>();
  /** Where programs report how far long work is (Proc.progress), if the front end shows it. */
  progress?: (label: string, done: number, total: number) => void;

  track<T>(p: Promise<T>): Promise<T> {
    this.hostWork.add(p);
    const done = () => this.hostWork.delete(p);
    p.then(done, done);
    return p;
  }

  constructor(
    readonly world: World,
    /** `$0`, and the prefix of messages. */
    readonly scriptName: string,
    hostCwd: string,
  ) {
    this.files = new Files(hostCwd);
    this.mainJob = new Job(this.nextPid++, 0);
  }
}

export type Dialect = 'script' | 'bash-c' | 'sh-c' | 'interactive';

interface State {
  vars: Map<string, Var>;
  funcs: Map<string, Command>;
  positional: string[];
  status: number;
  opts: { errexit: boolean; xtrace: boolean; nounset: boolean; pipefail: boolean; noglob: boolean };
  /** shopt's options (shopt.ts). */
  shopts: Map<string, boolean>;
  /** Saved values for `local`, one map per active function call. */
  locals: Map<string, Var | undefined>[];
  cwd: string;
  lastBg: number | null;
  jobs: Job[];
  marks: JobMarks;
  traps: Map<string, string>;
  loopDepth: number;
  funcDepth: number;
}

/** Execution context passed down the tree. */
export interface Ctx {
  fds: Fds;
  job: Job;
  /** Inside a condition (`if`, `while`, left of `&&`): `set -e` does not apply. */
  noErrexit: boolean;
}

/** One shell process (the script, or a subshell of it): variables, functions, options. */
export class Shell implements ExpandHost {
  lineno = 0;
  readonly expander = new Expander(this);
  /** Exit status of the last command substitution (an assignment-only command's status). */
  private substStatus: number | null = null;
  /** The descriptor the next `<(...)` of the command being expanded takes. */
  private nextProcFd = 63;

  constructor(
    readonly rt: Runtime,
    readonly state: State,
    public netns: Netns,
    readonly dialect: Dialect,
    readonly name: string,
  ) {}

  static create(
    rt: Runtime,
    netns: Netns,
    args: string[],
    dialect: Dialect,
    name: string,
    cwd: string,
  ): Shell {
    const vars = new Map<string, Var>();
    const env: Record<string, string> = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: '/root',
      USER: 'root',
      SHELL: '/bin/bash',
      PWD: cwd,
    };
    for (const [k, v] of Object.entries(env)) vars.set(k, { value: v, exported: true });
    vars.set('IFS', { value: ' \t\n', exported: false });
    return new Shell(
      rt,
      {
        vars,
        funcs: new Map(),
        positional: args,
        status: 0,
        opts: { errexit: false, xtrace: false, nounset: false, pipefail: false, noglob: false },
        shopts: defaultShopts(),
        locals: [],
        cwd,
        lastBg: null,
        jobs: [],
        marks: { current: null, previous: null },
        traps: new Map(),
        loopDepth: 0,
        funcDepth: 0,
      },
      netns,
      dialect,
      name,
    );
  }

  /**
   * A subshell that still sees the job table: bash keeps it in a command
   * substitution and a pipeline stage (`$(jobs -p)`, `jobs | wc -l`), not in `( ... )`.
   */
  subshellKeepingJobs(): Shell {
    const sub = this.subshell();
    sub.state.jobs = [...this.state.jobs];
    sub.state.marks = { ...this.state.marks };
    return sub;
  }

  /** A subshell: a copy of this shell's state (changes do not come back). */
  subshell(netns = this.netns, dialect = this.dialect, name = this.name): Shell {
    const s = this.state;
    const vars = new Map<string, Var>();
    for (const [k, v] of s.vars) vars.set(k, v.array ? { ...v, array: new Map(v.array) } : { ...v });
    const sub = new Shell(
      this.rt,
      {
        ...s,
        vars,
        funcs: new Map(s.funcs),
        positional: [...s.positional],
        opts: { ...s.opts },
        shopts: new Map(s.shopts),
        locals: [],
        loopDepth: 0,
        jobs: [],
        marks: { current: null, previous: null },
        traps: new Map(),
      },
      netns,
      dialect,
      name,
    );
    sub.lineno = this.lineno;
    return sub;
  }

  // ---- messages ----

  /** The `NAME: line N: ` prefix bash puts on its messages. */
  prefix(line = this.lineno): string {
    switch (this.dialect) {
      case 'interactive':
        return 'bash: ';
      case 'sh-c':
        return `${this.name}: ${line}: `;
      default:
        return `${this.name}: line ${line}: `;
    }
  }

  error(ctx: Ctx, message: string, line = this.lineno): void {
    ctx.fds.stderr.write(this.prefix(line) + message + '\n');
  }

  // ---- ExpandHost ----

  globFs(): GlobFs | null {
    if (this.state.opts.noglob) return null;
    const { files } = this.rt;
    const cwd = this.state.cwd;
    const on = (name: string) => this.state.shopts.get(name) === true;
    return {
      list: (path) => files.list(path, cwd, this.netns),
      exists: (path) => files.exists(path, cwd, this.netns),
      dotglob: on('dotglob'),
      nocaseglob: on('nocaseglob'),
      unmatched: on('failglob') ? 'fail' : on('nullglob') ? 'drop' : 'keep',
    };
  }

  get nounset(): boolean {
    return this.state.opts.nounset;
  }

  get(name: string): string | undefined {
    return this.param(name);
  }

  set(name: string, value: string): void {
    this.setVar(name, value);
  }

  positional(): string[] {
    return this.state.positional;
  }

  param(name: string): string | undefined {
    const s = this.state;
    if (/^\d+$/.test(name)) return name === '0' ? this.name : s.positional[Number(name) - 1];
    switch (name) {
      case '?':
        return String(s.status);
      case '#':
        return String(s.positional.length);
      case '@':
      case '*':
        return s.positional.join(' ');
      case '$':
        return String(this.rt.mainJob.pid);
      case '!':
        return s.lastBg === null ? undefined : String(s.lastBg);
      case '-':
        return (
          (s.opts.errexit ? 'e' : '') + 'h' + (s.opts.nounset ? 'u' : '') + (s.opts.xtrace ? 'x' : '') + 'B'
        );
      case 'LINENO':
        return String(this.lineno);
      case 'RANDOM':
        return String(this.rt.world.rng.below(32768));
      case 'SECONDS':
        return String(Math.floor(this.rt.world.clock.now / 1000));
      case 'PWD':
        return s.vars.get('PWD')?.value ?? s.cwd;
    }
    return s.vars.get(name)?.value;
  }

  setVar(name: string, value: string, exported?: boolean): void {
    const v = this.state.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    if (v) {
      v.value = value;
      v.array?.set(0, value);
      if (exported) v.exported = true;
    } else this.state.vars.set(name, { value, exported: exported ?? false });
  }

  elements(name: string): { keys: number[]; values: string[] } | undefined {
    const v = this.state.vars.get(name);
    if (v?.array) {
      const keys = [...v.array.keys()].sort((a, b) => a - b);
      return { keys, values: keys.map((k) => v.array!.get(k)!) };
    }
    const value = this.param(name);
    return value === undefined ? undefined : { keys: [0], values: [value] };
  }

  warn(message: string): void {
    this.error(this.currentCtx!, message);
  }

  /** `NAME=(...)` (`+=` appends after the last index); a scalar becomes the array's element 0 first. */
  setArray(name: string, values: readonly string[], append = false): void {
    const v = this.state.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    const array = append ? this.arrayOf(name) : new Map<number, string>();
    let next = append ? arrayEnd(array) : 0;
    for (const value of values) array.set(next++, value);
    this.storeArray(name, array);
  }

  /** `NAME[INDEX]=value` (`+=` appends to the element); a negative index counts from the end. */
  setElement(name: string, index: number, value: string, append = false): void {
    const v = this.state.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    const array = this.arrayOf(name);
    const key = index < 0 ? arrayEnd(array) + index : index;
    if (key < 0) throw new ExpansionError(`${name}[${index}]: bad array subscript`);
    array.set(key, append ? (array.get(key) ?? '') + value : value);
    this.storeArray(name, array);
  }

  /** `unset 'NAME[INDEX]'`: the element goes, the others keep their indexes; throws ExpansionError. */
  unsetElement(name: string, index: number): void {
    if (!this.state.vars.has(name)) return;
    const array = this.arrayOf(name);
    const key = index < 0 ? arrayEnd(array) + index : index;
    if (key < 0) throw new ExpansionError(`unset: [${index}]: bad array subscript`);
    array.delete(key);
    this.storeArray(name, array);
  }

  /** The array a name holds, made from a scalar (its element 0) or from nothing. */
  private arrayOf(name: string): Map<number, string> {
    const v = this.state.vars.get(name);
    if (v?.array) return v.array;
    return v ? new Map([[0, v.value]]) : new Map();
  }

  private storeArray(name: string, array: Map<number, string>): void {
    const v = this.state.vars.get(name);
    const value = array.get(0) ?? '';
    if (v) {
      v.array = array;
      v.value = value;
    } else this.state.vars.set(name, { value, exported: false, array });
  }

  /**
   * `<(LIST)`: LIST runs to its end now, and the word is a /dev/fd path
   * whose reads give its output (bash runs it alongside the command and
   * hands a pipe; a finite producer reads the same). Numbered down from 63
   * within a command, as bash's descriptors are.
   */
  async processSubstitute(body: List): Promise<string> {
    const sub = this.subshellKeepingJobs();
    const out = new Capture();
    const ctx = this.currentCtx!;
    const fds = ctx.fds.clone();
    fds.outputs.set(1, out);
    await sub.runSubshell(body, { ...ctx, fds, noErrexit: false });
    const path = `/dev/fd/${this.nextProcFd--}`;
    this.rt.files.provide(path, out.text);
    return path;
  }

  async substitute(body: List): Promise<string> {
    const sub = this.subshellKeepingJobs();
    const out = new Capture();
    const ctx = this.currentCtx!;
    const fds = ctx.fds.clone();
    fds.outputs.set(1, out);
    const status = await sub.runSubshell(body, { ...ctx, fds, noErrexit: false });
    this.substStatus = status;
    return out.text;
  }

  /** The context of the command being expanded (command substitutions inherit its stderr). */
  private currentCtx: Ctx | null = null;

  // ---- execution ----

  /** Runs a list as a subshell body: `exit` ends only it. */
  async runSubshell(list: Command, ctx: Ctx): Promise<number> {
    try {
      return await this.exec(list, ctx);
    } catch (e) {
      if (e instanceof ExitSignal) return (this.state.status = e.status);
      if (e instanceof ReturnSignal) return (this.state.status = e.status);
      if (e instanceof LoopSignal) return this.state.status;
      if (e instanceof LineAbort) return (this.state.status = 1);
      throw e;
    }
  }

  async exec(cmd: Command, ctx: Ctx): Promise<number> {
    ctx.job.check();
    let status: number;
    switch (cmd.type) {
      case 'list':
        return this.execList(cmd, ctx);
      case 'andor':
        return this.execAndOr(cmd, ctx);
      case 'pipeline':
        status = await this.execPipeline(cmd, ctx);
        break;
      case 'simple':
        status = await this.execSimple(cmd, ctx);
        this.setPipeStatus([status]);
        break;
      case 'function':
        this.state.funcs.set(cmd.name, cmd.body);
        status = 0;
        break;
      default:
        status = await this.execCompound(cmd, ctx);
        this.setPipeStatus([status]);
    }
    this.state.status = status;
    return status;
  }

  private checkErrexit(status: number, ctx: Ctx): void {
    if (status !== 0 && this.state.opts.errexit && !ctx.noErrexit) throw new ExitSignal(status);
  }

  private async execList(list: List, ctx: Ctx): Promise<number> {
    let status = this.state.status;
    for (const item of list.items) {
      if (item.background) {
        this.spawn(item.command, ctx);
        status = this.state.status = 0;
        continue;
      }
      status = await this.exec(item.command, ctx);
      const c = item.command;
      const negated = c.type === 'pipeline' && c.bang;
      if (!negated && c.type !== 'andor' && !isCompound(c)) this.checkErrexit(status, ctx);
    }
    return status;
  }

  private async execAndOr(cmd: AndOr, ctx: Ctx): Promise<number> {
    const cond = { ...ctx, noErrexit: true };
    let status = await this.exec(cmd.first, cond);
    for (let i = 0; i < cmd.rest.length; i++) {
      const { op, command } = cmd.rest[i];
      if ((op === '&&') !== (status === 0)) continue;
      const last = i === cmd.rest.length - 1;
      status = await this.exec(command, last ? ctx : cond);
      const negated = command.type === 'pipeline' && command.bang;
      if (last && !negated && !isCompound(command)) this.checkErrexit(status, ctx);
    }
    this.state.status = status;
    return status;
  }

  /** `cmd &`: runs concurrently as a new job. */
  private spawn(command: Command, ctx: Ctx): Job {
    const rt = this.rt;
    // Job numbers restart above the highest job still in the table, as bash numbers them.
    forgetSignaledJobs(this.state);
    const jobId = this.state.jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
    const job = new Job(rt.nextPid++, jobId);
    job.stages = commandStages(command);
    const sub = this.subshell();
    const fds = ctx.fds.clone();
    // Non-interactive bash gives background jobs /dev/null as stdin.
    if (!ctx.fds.inputs.has(0) || ctx.fds.stdin === ctx.fds.inputs.get(0)) fds.inputs.set(0, EMPTY_INPUT);
    job.done = (async () => {
      try {
        return await sub.runSubshell(command, { fds, job, noErrexit: false });
      } catch (e) {
        if (e instanceof Killed) return 128 + e.signal;
        throw e;
      }
    })().then((status) => {
      job.finished = true;
      job.status = status;
      return status;
    });
    rt.jobs.push(job);
    this.state.jobs.push(job);
    resetCurrentJob(this.state);
    this.state.lastBg = job.pid;
    return job;
  }

  private async execPipeline(p: Pipeline, ctx: Ctx): Promise<number> {
    if (p.commands.length === 1) {
      const status = await this.exec(p.commands[0], { ...ctx, noErrexit: ctx.noErrexit || p.bang });
      return p.bang ? (status === 0 ? 1 : 0) : status;
    }
    const runs: Promise<number>[] = [];
    let input: SharedInput | undefined = ctx.fds.inputs.get(0);
    let prevPipe: Pipe | null = null;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      const fds = ctx.fds.clone();
      if (input) fds.inputs.set(0, input);
      else fds.inputs.delete(0);
      let pipe: Pipe | null = null;
      const job = ctx.job.child();
      if (!last) {
        pipe = new Pipe();
        pipe.onBrokenPipe = () => job.kill(13);
        fds.outputs.set(1, pipe.writer);
        if (p.stderrToo[i]) fds.outputs.set(2, pipe.writer);
      }
      const sub = this.subshellKeepingJobs();
      const readFrom = prevPipe;
      const run = (async () => {
        try {
          return await sub.runSubshell(p.commands[i], { ...ctx, job, fds, noErrexit: false });
        } catch (e) {
          // A stage killed alone (SIGPIPE) ends with 128+signal; a kill of the whole job propagates.
          if (e instanceof Killed && ctx.job.killed === null) return 128 + e.signal;
          throw e;
        } finally {
          job.release();
          pipe?.writer.close?.();
          if (readFrom) readFrom.readerGone = true;
        }
      })();
      runs.push(run);
      if (pipe) input = new SharedInput(pipe.reader);
      prevPipe = pipe;
    }
    const results = await Promise.allSettled(runs);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    const statuses = results.map((r) => (r as PromiseFulfilledResult<number>).value);
    this.setPipeStatus(statuses);
    let status = statuses[statuses.length - 1];
    if (this.state.opts.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    if (p.bang) return status === 0 ? 1 : 0;
    return status;
  }

  /** PIPESTATUS: each command's status of the last foreground pipeline. */
  private setPipeStatus(statuses: readonly number[]): void {
    const array = new Map<number, string>();
    statuses.forEach((s, i) => array.set(i, String(s)));
    this.storeArray('PIPESTATUS', array);
  }

  // ---- compound commands ----

  private async execCompound(
    cmd: Exclude<Command, List | AndOr | Pipeline | SimpleCommand | { type: 'function' }>,
    outer: Ctx,
  ): Promise<number> {
    this.lineno = cmd.line;
    const fds = await this.redirect(cmd.redirs, outer);
    if (!fds) return 1;
    const ctx = { ...outer, fds };
    const cond = { ...ctx, noErrexit: true };
    switch (cmd.type) {
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((await this.exec(clause.cond, cond)) === 0) return this.exec(clause.body, ctx);
        }
        if (cmd.otherwise) return this.exec(cmd.otherwise, ctx);
        return 0;
      }
      case 'while':
        return this.loop(ctx, async (body) => {
          let status = 0;
          for (;;) {
            const c = await this.exec(cmd.cond, cond);
            if ((c === 0) === cmd.until) break;
            const r = await body(() => this.exec(cmd.body, ctx));
            status = r.status;
            if (r.stop) break;
          }
          return status;
        });
      case 'for': {
        const items = cmd.words ? await this.expandFields(cmd.words, ctx) : [...this.state.positional];
        if (items === null) return 1;
        return this.loop(ctx, async (body) => {
          let status = 0;
          for (const item of items) {
            this.setVar(cmd.name, item);
            const r = await body(() => this.exec(cmd.body, ctx));
            status = r.status;
            if (r.stop) break;
          }
          return status;
        });
      }
      case 'arithfor':
        return this.loop(ctx, async (body) => {
          let status = 0;
          if (cmd.init.parts.length) await this.arith(cmd.init, ctx);
          for (;;) {
            if (cmd.cond.parts.length && (await this.arith(cmd.cond, ctx)) === 0n) break;
            const r = await body(() => this.exec(cmd.body, ctx));
            status = r.status;
            if (r.stop) break;
            if (cmd.step.parts.length) await this.arith(cmd.step, ctx);
          }
          return status;
        });
      case 'case': {
        const text = await this.expandSingle(cmd.word, ctx);
        if (text === null) return 1;
        let matched = false;
        for (const item of cmd.items) {
          if (!matched) {
            for (const pat of item.patterns) {
              const segs = await this.expander.pattern(pat);
              if (matchPattern(text, segs)) {
                matched = true;
                break;
              }
            }
          }
          if (!matched) continue;
          const status = await this.exec(item.body, ctx);
          if (item.fallthrough === ';;') return status;
          if (item.fallthrough === ';;&') matched = false;
        }
        return matched ? this.state.status : 0;
      }
      case 'group':
        return this.exec(cmd.body, ctx);
      case 'subshell':
        return this.subshell().runSubshell(cmd.body, ctx);
      case 'arithcmd': {
        const v = await this.arith(cmd.expr, ctx);
        if (v === null) return 1;
        return v !== 0n ? 0 : 1;
      }
      case 'cond':
        try {
          return (await this.cond(cmd.expr, ctx)) ? 0 : 1;
        } catch (e) {
          if (e instanceof CondError) {
            this.error(ctx, e.message);
            return 2;
          }
          throw e;
        }
    }
  }

  private async loop(
    ctx: Ctx,
    run: (body: (f: () => Promise<number>) => Promise<{ status: number; stop: boolean }>) => Promise<number>,
  ): Promise<number> {
    this.state.loopDepth++;
    try {
      return await run(async (f) => {
        try {
          return { status: await f(), stop: false };
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          return { status: 0, stop: e.kind === 'break' };
        }
      });
    } finally {
      this.state.loopDepth--;
    }
    void ctx;
  }

  /** Evaluates arithmetic, printing errors as bash does; null on error. */
  async arith(word: Word, ctx: Ctx): Promise<bigint | null> {
    try {
      this.currentCtx = ctx;
      const text = await this.expander.single(word);
      return evalArith(text, this);
    } catch (e) {
      if (e instanceof ArithError || e instanceof ExpansionError) {
        this.error(ctx, e.message);
        if (e instanceof ExpansionError && e.fatal) throw new ExitSignal(1);
        return null;
      }
      throw e;
    }
  }

  private async cond(e: CondExpr, ctx: Ctx): Promise<boolean> {
    this.currentCtx = ctx;
    switch (e.kind) {
      case 'and':
        return (await this.cond(e.left, ctx)) && this.cond(e.right, ctx);
      case 'or':
        return (await this.cond(e.left, ctx)) || this.cond(e.right, ctx);
      case 'not':
        return !(await this.cond(e.expr, ctx));
      case 'word':
        return (await this.expander.single(e.word)) !== '';
      case 'unary': {
        return unaryTest(this, e.op, await this.expander.single(e.arg));
      }
      case 'binary': {
        const left = await this.expander.single(e.left);
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const m = matchPattern(left, await this.expander.pattern(e.right));
          return e.op === '!=' ? !m : m;
        }
        const right = await this.expander.single(e.right);
        if (e.op === '=~') {
          const m = new RegExp(right).exec(left);
          // The match, then each group's (one that took no part is empty); no match empties it.
          this.setArray('BASH_REMATCH', m ? [...m].map((g) => g ?? '') : []);
          return m !== null;
        }
        if (e.op === '<') return left < right;
        if (e.op === '>') return left > right;
        const r = binaryTest(this, e.op, left, right);
        if (typeof r === 'string') throw new CondError(r);
        return r;
      }
    }
  }

  // ---- simple commands ----

  async expandFields(words: Word[], ctx: Ctx): Promise<string[] | null> {
    try {
      this.currentCtx = ctx;
      return await this.expander.fields(words);
    } catch (e) {
      return this.expansionFailed(e, ctx);
    }
  }

  async expandSingle(word: Word, ctx: Ctx): Promise<string | null> {
    try {
      this.currentCtx = ctx;
      return await this.expander.single(word);
    } catch (e) {
      return this.expansionFailed(e, ctx);
    }
  }

  private expansionFailed(e: unknown, ctx: Ctx): null {
    if (e instanceof ExpansionError) {
      this.error(ctx, e.message);
      if (e.fatal && this.dialect !== 'interactive') throw new ExitSignal(1);
      if (e.abortsLine) throw new LineAbort();
      return null;
    }
    if (e instanceof BadSubstitution) {
      this.error(ctx, 'bad substitution');
      return null;
    }
    throw e;
  }

  private async execSimple(cmd: SimpleCommand, ctx: Ctx): Promise<number> {
    this.lineno = cmd.line;
    this.substStatus = null;
    this.nextProcFd = 63;
    const argv = await this.expandFields(cmd.words, ctx);
    if (argv === null) return 1;
    const assigns: [string, string, boolean][] = [];
    for (const a of cmd.assigns) {
      if (a.array || a.index) {
        // Array assignments take effect at once, before the command (bash's order).
        const done = await this.assignArray(a, ctx);
        if (!done) return 1;
        continue;
      }
      const v = await this.expandSingle(a.value, ctx);
      if (v === null) return 1;
      assigns.push([a.name, v, a.append]);
    }
    if (this.state.opts.xtrace) this.trace(ctx, assigns, argv);
    if (argv.length === 0) {
      for (const [name, value, append] of assigns) {
        try {
          this.setVar(name, append ? (this.param(name) ?? '') + value : value);
        } catch (e) {
          if (!(e instanceof ExpansionError)) throw e;
          this.error(ctx, e.message);
          return 1;
        }
      }
      const fds = await this.redirect(cmd.redirs, ctx);
      if (!fds) return 1;
      return this.substStatus ?? 0;
    }
    if (argv.length === 1 && argv[0] === 'exec' && !this.state.funcs.has('exec')) {
      // `exec REDIRS` changes this shell's own descriptors for the commands that follow.
      for (const r of cmd.redirs) if (!(await this.applyRedir(r, ctx.fds, ctx))) return 1;
      return 0;
    }
    const fds = await this.redirect(cmd.redirs, ctx);
    if (!fds) return 1;
    const env = assigns.map(
      ([n, v, append]) => [n, append ? (this.param(n) ?? '') + v : v] as [string, string],
    );
    const status = await this.dispatch(argv, { ...ctx, fds }, env);
    if (cmd.declArrays && status === 0)
      for (const a of cmd.declArrays) if (!(await this.assignArray(a, ctx))) return 1;
    return status;
  }

  /** `NAME=(...)` or `NAME[SUB]=value`: false (after saying why) when an expansion or the subscript fails. */
  private async assignArray(a: Assign, ctx: Ctx): Promise<boolean> {
    try {
      if (a.array) {
        const values = await this.expandFields(a.array, ctx);
        if (values === null) return false;
        if (this.state.opts.xtrace)
          ctx.fds.stderr.write(
            `+ ${a.name}${a.append ? '+' : ''}=(${values.map(quoteForTrace).join(' ')})\n`,
          );
        this.setArray(a.name, values, a.append);
        return true;
      }
      const index = await this.expandSingle(a.index!, ctx);
      const value = await this.expandSingle(a.value, ctx);
      if (index === null || value === null) return false;
      let at: bigint;
      try {
        at = evalArith(index, this);
      } catch (e) {
        throw new ExpansionError((e as Error).message);
      }
      if (this.state.opts.xtrace)
        ctx.fds.stderr.write(`+ ${a.name}[${index}]${a.append ? '+' : ''}=${quoteForTrace(value)}\n`);
      this.setElement(a.name, Number(at), value, a.append);
      return true;
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(ctx, e.message);
      return false;
    }
  }

  private trace(ctx: Ctx, assigns: [string, string, boolean][], argv: string[]): void {
    const ps4 = '+ ';
    for (const [n, v] of assigns) ctx.fds.stderr.write(`${ps4}${n}=${quoteForTrace(v)}\n`);
    if (argv.length) ctx.fds.stderr.write(ps4 + argv.map(quoteForTrace).join(' ') + '\n');
  }

  /** Runs a command by name: function, builtin, then PATH. */
  async dispatch(
    argv: string[],
    ctx: Ctx,
    env: [string, string][] = [],
    externalOnly = false,
  ): Promise<number> {
    const name = argv[0];
    if (!externalOnly) {
      const func = this.state.funcs.get(name);
      if (func) return this.withTempVars(env, () => this.callFunction(func, argv, ctx));
      const builtin = BUILTINS[name];
      if (builtin) return this.withTempVars(env, () => builtin(this, argv, ctx));
    }
    const utility = UTILITIES[name];
    if (utility) return utility(this, argv, ctx);
    let command: Awaited<ReturnType<typeof findCommand>>;
    try {
      command = name.includes('/') ? undefined : await this.rt.track(findCommand(name));
    } catch (e) {
      this.error(ctx, `podpath: ${name}: cannot load: ${(e as Error).message.split('\n')[0]}`);
      return 126;
    }
    if (!command) {
      if (externalOnly) return 127;
      if (name.includes('/')) {
        this.error(ctx, `${name}: No such file or directory`);
        return 127;
      }
      if (this.dialect === 'sh-c') this.error(ctx, `${name}: not found`);
      else this.error(ctx, `${name}: command not found`);
      return 127;
    }
    const proc = this.makeProc(argv, ctx, env);
    try {
      return await command(proc);
    } catch (e) {
      if (e instanceof Killed) {
        if (ctx.job.killed !== null) throw e;
        return 128 + e.signal;
      }
      if (e instanceof WriteError) {
        ctx.fds.stderr.write(`${name}: write error: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }

  private async withTempVars(env: [string, string][], f: () => Promise<number>): Promise<number> {
    if (env.length === 0) return f();
    const saved = env.map(([n]) => [n, this.state.vars.get(n)] as const);
    for (const [n, v] of env) this.state.vars.set(n, { value: v, exported: true });
    try {
      return await f();
    } finally {
      for (const [n, v] of saved) {
        if (v) this.state.vars.set(n, v);
        else this.state.vars.delete(n);
      }
    }
  }

  async callFunction(body: Command, argv: string[], ctx: Ctx): Promise<number> {
    const s = this.state;
    const savedPositional = s.positional;
    s.positional = argv.slice(1);
    s.locals.push(new Map());
    s.funcDepth++;
    try {
      return await this.exec(body, ctx);
    } catch (e) {
      if (e instanceof ReturnSignal) return (s.status = e.status);
      throw e;
    } finally {
      s.funcDepth--;
      s.positional = savedPositional;
      const saved = s.locals.pop()!;
      for (const [n, v] of saved) {
        if (v) s.vars.set(n, v);
        else s.vars.delete(n);
      }
    }
  }

  /** `local NAME[=VALUE]`: the current value is restored when the function returns. */
  declareLocal(name: string): void {
    const scope = this.state.locals[this.state.locals.length - 1];
    if (!scope || scope.has(name)) return;
    const v = this.state.vars.get(name);
    scope.set(name, v ? (v.array ? { ...v, array: new Map(v.array) } : { ...v }) : undefined);
  }

  /** A child's environment as `env` makes it: what is exported changes, the rest is not passed anyway. */
  changeEnv(change: EnvChange): void {
    const vars = this.state.vars;
    if (change.clear) for (const [k, v] of [...vars]) if (v.exported) vars.delete(k);
    for (const name of change.unset) vars.delete(name);
    for (const [name, value] of change.set) vars.set(name, { value, exported: true });
  }

  exportedEnv(extra: [string, string][] = []): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.state.vars) if (v.exported) env.set(k, v.value);
    for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  makeProc(argv: string[], ctx: Ctx, env: [string, string][] = []): Proc {
    const job = ctx.job;
    const world = this.rt.world;
    return {
      world,
      netns: this.netns,
      argv,
      pid: job.pid,
      stdin: job.killableInput(ctx.fds.stdin),
      stdout: ctx.fds.stdout,
      stderr: ctx.fds.stderr,
      env: this.exportedEnv(env),
      cwd: this.state.cwd,
      sleep: (ms) => sleepOn(world, job, ms),
      onKill: (cb) => job.onKill(cb),
      exec: (child, options) => {
        const sub = this.subshell(options?.netns ?? this.netns);
        if (options?.env) sub.changeEnv(options.env);
        return sub.runSubshellArgv([...child], ctx, options?.quietNotFound);
      },
      readFile: (path) => this.rt.files.read(path, this.state.cwd, this.netns),
      openDevice: (path) => {
        const device = openDevice(this.rt.files.resolve(path, this.state.cwd), world.rng);
        return device && job.killableInput(device);
      },
      openWrite: (path, append = false) => this.rt.files.openWrite(path, this.state.cwd, this.netns, append),
      listDir: (path) => this.rt.files.list(path, this.state.cwd, this.netns),
      makeDirectory: (path) => this.rt.files.makeDirectory(path, this.state.cwd, this.netns),
      removePath: (path, directory) => this.rt.files.remove(path, this.state.cwd, this.netns, directory),
      progress: this.rt.progress,
    };
  }

  /**
   * Runs an argv as an exec'd program would run (no functions, no special
   * builtins). A missing program fails as execvp does for `ip netns exec`,
   * the only caller so far (other exec-ing tools print differently).
   */
  async runSubshellArgv(argv: string[], ctx: Ctx, quietNotFound = false): Promise<number> {
    try {
      const status = await this.dispatch(argv, ctx, [], true);
      if (status === 127 && !UTILITIES[argv[0]] && !(await this.rt.track(findCommand(argv[0])))) {
        if (quietNotFound) return 127;
        ctx.fds.stderr.write(`exec of "${argv[0]}" failed: No such file or directory\n`);
        return 1;
      }
      return status;
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      throw e;
    }
  }

  // ---- redirections ----

  /** Applies redirections to a copy of the fds; null (after printing the error) when one fails. */
  async redirect(redirs: Redir[], ctx: Ctx): Promise<Fds | null> {
    if (redirs.length === 0) return ctx.fds;
    const fds = ctx.fds.clone();
    for (const r of redirs) {
      const ok = await this.applyRedir(r, fds, ctx);
      if (!ok) return null;
    }
    return fds;
  }

  async applyRedir(r: Redir, fds: Fds, ctx: Ctx): Promise<boolean> {
    const files = this.rt.files;
    if (r.op === '<<' || r.op === '<<-') {
      const body = r.heredoc!.quoted
        ? r.heredoc!.body.parts[0]?.type === 'quoted'
          ? (r.heredoc!.body.parts[0] as { text: string }).text
          : ''
        : await this.expandSingle(r.heredoc!.body, ctx);
      if (body === null) return false;
      fds.inputs.set(r.fd ?? 0, new SharedInput(stringInput(body)));
      return true;
    }
    const target = await this.expandSingle(r.target, ctx);
    if (target === null) return false;
    if (r.op === '<<<') {
      fds.inputs.set(r.fd ?? 0, new SharedInput(stringInput(target + '\n')));
      return true;
    }
    if (r.op === '>&' || r.op === '<&') {
      const fd = r.fd ?? (r.op === '>&' ? 1 : 0);
      if (target === '-') {
        fds.inputs.delete(fd);
        fds.outputs.delete(fd);
        return true;
      }
      if (/^\d+$/.test(target)) {
        const src = Number(target);
        const out = fds.outputs.get(src);
        const inp = fds.inputs.get(src);
        if (!out && !inp && src > 2) {
          this.error(ctx, `${target}: Bad file descriptor`);
          return false;
        }
        if (r.op === '>&') {
          if (out) fds.outputs.set(fd, out);
          else fds.outputs.delete(fd);
        } else if (inp) fds.inputs.set(fd, inp);
        else if (out) fds.outputs.set(fd, out);
        return true;
      }
      if (r.op === '<&') {
        this.error(ctx, `${target}: ambiguous redirect`);
        return false;
      }
      // `>&file` is `&>file`.
      return this.applyRedir({ ...r, op: '&>' }, fds, ctx);
    }
    if (target === '') {
      this.error(ctx, `: No such file or directory`);
      return false;
    }
    if (r.op === '<' || r.op === '<>') {
      const device = openDevice(files.resolve(target, this.state.cwd), this.rt.world.rng);
      if (device) {
        fds.inputs.set(r.fd ?? 0, new SharedInput(device));
        return true;
      }
      const input = files.input(target, this.state.cwd, this.netns);
      if (input === null) {
        const msg = files.isDirectory(target, this.state.cwd, this.netns)
          ? 'Is a directory'
          : 'No such file or directory';
        if (msg === 'Is a directory') fds.inputs.set(r.fd ?? 0, new SharedInput(stringInput('')));
        else {
          this.error(ctx, `${target}: ${msg}`);
          return false;
        }
        return true;
      }
      fds.inputs.set(r.fd ?? 0, new SharedInput(input));
      return true;
    }
    let out: OutStream;
    if (target === '/dev/stdout') out = fds.stdout;
    else if (target === '/dev/stderr') out = fds.stderr;
    else {
      try {
        out = files.openWrite(target, this.state.cwd, this.netns, r.op === '>>' || r.op === '&>>');
      } catch (e) {
        if (e instanceof OpenError) {
          this.error(ctx, `${target}: ${e.message}`);
          return false;
        }
        throw e;
      }
    }
    if (r.op === '&>' || r.op === '&>>') {
      fds.outputs.set(1, out);
      fds.outputs.set(2, out);
    } else fds.outputs.set(r.fd ?? 1, out);
    return true;
  }

  // ---- sourcing text ----

  /** Parses and runs text one complete command at a time (a script, `eval`, `bash -c`). */
  async runText(source: string, ctx: Ctx): Promise<number> {
    const parser = new Parser(source);
    parser.heredocWarning = (start, line, delim) =>
      ctx.fds.stderr.write(
        `${this.prefix(line)}warning: here-document at line ${start} delimited by end-of-file (wanted \`${delim}')\n`,
      );
    let status = 0;
    for (;;) {
      let list: List | null;
      try {
        list = parser.parseNext();
      } catch (e) {
        if (e instanceof ShellSyntaxError) {
          this.error(ctx, e.message, e.line);
          if (e.lineText !== null && this.dialect !== 'sh-c') this.error(ctx, `\`${e.lineText}'`, e.line);
          throw new ExitSignal(2);
        }
        if (e instanceof UnsupportedError) {
          this.error(ctx, e.message, e.line);
          throw new ExitSignal(2);
        }
        if (e instanceof BadSubstitution) {
          this.error(ctx, 'bad substitution', e.line);
          throw new ExitSignal(1);
        }
        throw e;
      }
      if (!list) break;
      try {
        status = await this.exec(list, ctx);
      } catch (e) {
        if (!(e instanceof LineAbort)) throw e;
        status = this.state.status = 1;
      }
    }
    return status;
  }
}

class CondError extends Error {}

function isCompound(c: Command): boolean {
  return c.type !== 'simple' && c.type !== 'pipeline' && c.type !== 'function' && c.type !== 'subshell';
}

export function sleepOn(world: World, job: Job, ms: number): Promise<void> {
  if (job.killed !== null) return Promise.reject(new Killed(job.killed));
  return new Promise((resolve, reject) => {
    const off = job.onKill((s) => {
      timer.cancel();
      reject(new Killed(s));
    });
    const timer = world.clock.schedule(ms, () => {
      off();
      resolve();
    });
  });
}

export type { InStream };
