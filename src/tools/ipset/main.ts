import type { Command, Proc } from '../process.js';
import type { IpsetNet } from '../../kernel/ipset/store.js';
import type { AdtRequest } from '../../kernel/ipset/uadt.js';
import type { EnvOpts, CommandName } from './args.js';
import type { Cmd } from './errors.js';
import { readAll } from '../process.js';
import { ipsetNet } from '../../kernel/ipset/store.js';
import { IpsetError } from '../../kernel/ipset/errors.js';
import { IpsetToolError, VERSION, kernelMessage, param } from './errors.js';
import {
  matchCommand,
  newEnv,
  parseAdtOptions,
  parseCreateOptions,
  setName,
  takeEnvOpts,
  typeName,
} from './args.js';
import { parseElem, requestText } from './elem.js';
import { listText, saveText } from './format.js';

const PROG = `ipset ${VERSION}`;

/** A parsed add/del line waiting in restore's batch (one netlink message per set and command). */
interface Pending {
  readonly cmd: 'add' | 'del';
  readonly set: string;
  readonly req: AdtRequest;
  readonly exist: boolean;
  readonly line: number;
}

/** One invocation's state: the namespace's sets, the options, where output goes. */
class Session {
  readonly net: IpsetNet;
  out = '';
  err = '';
  /** Restore's batch of add/del elements, sent when the command or set changes or at the end. */
  pending: Pending[] = [];

  constructor(
    readonly proc: Proc,
    readonly env: EnvOpts,
  ) {
    this.net = ipsetNet(proc.netns);
  }
}

/** A kernel error for the line that caused it (restore names the line). */
class LineError extends Error {
  constructor(
    readonly error: IpsetToolError,
    readonly line: number,
  ) {
    super(error.message);
  }
}

function kernel<T>(cmd: Cmd, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof IpsetError) throw new IpsetToolError(1, kernelMessage(e.code, cmd));
    throw e;
  }
}

const missing = (cmd: string, second: boolean) =>
  param(`Missing ${second ? 'second ' : ''}mandatory argument to command ${cmd}`);

function flushPending(s: Session): void {
  const batch = s.pending;
  s.pending = [];
  for (const p of batch) {
    try {
      kernel(p.cmd, () =>
        p.cmd === 'add' ? s.net.add(p.set, p.req, p.exist) : s.net.del(p.set, p.req, p.exist),
      );
    } catch (e) {
      if (e instanceof IpsetToolError) throw new LineError(e, p.line);
      throw e;
    }
  }
}

/** The sets a list/save names: one, or all in index order. */
function listed(s: Session, name: string | undefined) {
  const sets = name === undefined ? s.net.dumpOrder() : [kernel('list', () => s.net.get(name))];
  return sets.map((set) => s.net.snapshot(set));
}

function list(s: Session, name: string | undefined, save: boolean): void {
  const snaps = listed(s, name);
  if (s.env.names) {
    for (const x of snaps) s.out += `${x.set.name}\n`;
    return;
  }
  if (save || s.env.output === 'save') {
    for (const x of snaps) s.out += saveText(x);
    return;
  }
  s.out += snaps.map((x) => listText(x, s.env.terse)).join('\n');
}

/**
 * Runs one command line (argv without the program name, global options
 * already taken out). `line` is the restore line, or 0 on the command line.
 */
function execute(s: Session, cmd: CommandName, args: readonly string[], line: number): number {
  const exist = s.env.exist;
  if (line > 0 && (cmd !== 'add' && cmd !== 'del' ? true : s.pending[0]?.cmd !== cmd)) flushPending(s);
  switch (cmd) {
    case 'version':
      s.out += `${PROG}, protocol version: 7\n`;
      return 0;
    case 'help':
      s.out += `${PROG}\n`;
      return 0;
    case 'restore':
      throw param('Restore command can be used only once');
    case 'create': {
      if (args.length < 1) throw missing(cmd, false);
      if (args.length < 2) throw missing(cmd, true);
      const name = setName(args[0]);
      const type = typeName(args[1]);
      const opts = parseCreateOptions(type, args.slice(2));
      kernel(cmd, () => s.net.create(name, opts, exist));
      return 0;
    }
    case 'add':
    case 'del':
    case 'test': {
      if (args.length < 1) throw missing(cmd, false);
      if (args.length < 2) throw missing(cmd, true);
      const name = setName(args[0]);
      const set = kernel(cmd, () => s.net.get(name));
      const el = parseElem(set.type, args[1]);
      const { ext, ref } = parseAdtOptions(cmd, set.type, args.slice(2));
      const req: AdtRequest = { ...el, ext, ref };
      if (cmd === 'test') {
        const hit = kernel(cmd, () => s.net.test(name, req));
        // ipset names a before/after test "after", whichever was asked.
        const text = requestText(set.type, el) + (ref ? ` after ${ref.name}` : '');
        if (hit) {
          if (!s.env.quiet) s.err += `Warning: ${text} is in set ${name}.\n`;
          return 0;
        }
        if (!s.env.quiet) s.err += `${text} is NOT in set ${name}.\n`;
        return 1;
      }
      if (line > 0) {
        if (s.pending.length > 0 && s.pending[0].set !== name) flushPending(s);
        s.pending.push({ cmd, set: name, req, exist, line });
        return 0;
      }
      kernel(cmd, () => (cmd === 'add' ? s.net.add(name, req, exist) : s.net.del(name, req, exist)));
      return 0;
    }
    case 'destroy':
    case 'flush':
    case 'list':
    case 'save': {
      if (args.length > 1) throw param(`Unknown argument ${args[1]}`);
      const name = args[0] === undefined ? undefined : setName(args[0]);
      if (cmd === 'destroy') kernel(cmd, () => s.net.destroy(name ?? null));
      else if (cmd === 'flush') kernel(cmd, () => s.net.flush(name ?? null));
      else list(s, name, cmd === 'save');
      return 0;
    }
    case 'rename':
    case 'swap': {
      if (args.length < 1) throw missing(cmd, false);
      if (args.length < 2) throw missing(cmd, true);
      if (args.length > 2) throw param(`Unknown argument ${args[2]}`);
      const [a, b] = [setName(args[0]), setName(args[1])];
      kernel(cmd, () => (cmd === 'rename' ? s.net.rename(a, b) : s.net.swap(a, b)));
      return 0;
    }
  }
}

/** Splits a restore line into words; double quotes group (a comment with spaces). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2]);
  return out;
}

async function restore(s: Session): Promise<number> {
  const text = s.env.file !== undefined ? (s.proc.readFile(s.env.file) ?? '') : await readAll(s.proc.stdin);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const globalEnv = { ...s.env };
  let status = 0;
  for (let n = 1; n <= lines.length; n++) {
    const w = words(lines[n - 1]);
    if (w.length === 0 || w[0].startsWith('#')) continue;
    if (w[0] === 'COMMIT') {
      flushPending(s);
      continue;
    }
    Object.assign(s.env, globalEnv);
    const rest = takeEnvOpts(w, s.env);
    const cmd = matchCommand(rest[0] ?? '');
    if (!cmd) throw param(`No command specified: unknown argument ${rest[0]}`);
    try {
      status = execute(s, cmd, rest.slice(1), n);
    } catch (e) {
      if (e instanceof IpsetToolError && e.status === 1) throw new LineError(e, n);
      throw e;
    }
    // A test ends the restore, whatever it found (ipset reports it and stops reading).
    if (status !== 0 || cmd === 'test') return status;
  }
  flushPending(s);
  return status;
}

async function main(s: Session, argv: readonly string[]): Promise<number> {
  const rest = takeEnvOpts(argv, s.env);
  if (rest.length === 0) throw param('No command specified.');
  const cmd = matchCommand(rest[0]);
  if (!cmd) throw param(`No command specified: unknown argument ${rest[0]}`);
  if (cmd === 'restore') {
    if (rest.length > 1) throw param(`Unknown argument ${rest[1]}`);
    return restore(s);
  }
  return execute(s, cmd, rest.slice(1), 0);
}

function report(s: Session, e: unknown): number {
  if (e instanceof LineError) {
    if (!s.env.quiet) s.err += `${PROG}: Error in line ${e.line}: ${e.error.message}\n`;
    return e.error.status;
  }
  if (!(e instanceof IpsetToolError)) throw e;
  if (!s.env.quiet) {
    s.err += `${PROG}: ${e.message}\n`;
    if (e.status === 2) s.err += "Try `ipset help' for more information.\n";
  }
  return e.status;
}

/** `ipset` (7.17): manage the namespace's IP sets. */
export const ipset: Command = async (proc) => {
  const s = new Session(proc, newEnv());
  let status: number;
  try {
    status = await main(s, proc.argv.slice(1));
  } catch (e) {
    status = report(s, e);
  }
  if (s.out) proc.stdout.write(s.out);
  if (s.err) proc.stderr.write(s.err);
  return status;
};
