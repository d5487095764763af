import type { Command, Proc } from '../process.js';
import { readAll } from '../process.js';
import type { IpContext, IpObjectHandler, IpOptions } from './context.js';
import type { Netns } from '../../kernel/netns.js';
import { IpExit, matches } from './ip-args.js';
import { ipAddr } from './addr.js';
import { ipRoute } from './route.js';
import { ipRule } from './rule.js';
import { ipNeigh } from './neigh.js';
import { ipLink } from './link.js';
import { ipNetns } from './netns.js';

const USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       ip [ -force ] -batch filename\n' +
  'where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n' +
  '                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n' +
  '                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n' +
  '                   ntbl | route | rule | sr | tap | tcpmetrics |\n' +
  '                   token | tunnel | tuntap | vrf | xfrm }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n' +
  '                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n' +
  '                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n' +
  '                    -4 | -6 | -M | -B | -0 |\n' +
  '                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n' +
  '                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n' +
  '                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n' +
  '                    -c[olor]}\n';

/**
 * do_cmd's table, in iproute2's order (an abbreviation takes the first match).
 * Imported eagerly: the registry already loads `ip` lazily as a whole.
 */
const OBJECTS: [string, IpObjectHandler | null][] = [
  ['address', ipAddr],
  ['addrlabel', null],
  ['maddress', null],
  ['route', ipRoute],
  ['rule', ipRule],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', null],
  ['ntbl', null],
  ['link', ipLink],
  ['l2tp', null],
  ['fou', null],
  ['ila', null],
  ['macsec', null],
  ['tunnel', null],
  ['tunl', null],
  ['tuntap', null],
  ['tap', null],
  ['token', null],
  ['tcpmetrics', null],
  ['tcp_metrics', null],
  ['monitor', null],
  ['xfrm', null],
  ['mroute', null],
  ['mrule', null],
  ['netns', ipNetns],
  ['netconf', null],
  ['vrf', null],
  ['sr', null],
  ['nexthop', null],
  ['mptcp', null],
  ['ioam', null],
  ['help', null],
  ['stats', null],
];

class Exit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}

export const defaultOptions = (): IpOptions => ({
  family: null,
  brief: false,
  details: 0,
  stats: 0,
  oneline: false,
  pretty: false,
  numeric: false,
  color: false,
});

/** main()'s option loop: returns the options, the namespace (-n), `-batch`'s file, `-force`, and where the object starts. */
export function parseOptions(proc: Proc): {
  options: IpOptions;
  netns: Netns;
  rest: string[];
  batch: string | null;
  force: boolean;
} {
  const options = defaultOptions();
  let netns = proc.netns;
  let batch: string | null = null;
  let force = false;
  const argv = proc.argv.slice(1);
  const fail = (msg: string, status = 255): never => {
    proc.stderr.write(msg);
    throw new Exit(status);
  };
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i].length > 1; i++) {
    let opt = argv[i];
    if (opt === '--') {
      i++;
      break;
    }
    if (opt[1] === '-') opt = opt.slice(1);
    if (matches(opt, '-loops')) i++;
    else if (matches(opt, '-family')) {
      const v = argv[++i];
      if (v === undefined || v === 'help') fail(USAGE);
      if (v === 'inet') options.family = 'inet';
      else if (v === 'inet6') options.family = 'inet6';
      else if (v === 'link') options.family = 'link';
      else fail(`Error: argument "${v}" is wrong: invalid protocol family\n`);
    } else if (opt === '-4') options.family = 'inet';
    else if (opt === '-6') options.family = 'inet6';
    else if (opt === '-0') options.family = 'link';
    else if (opt === '-M' || opt === '-B') continue;
    else if (matches(opt, '-human') || matches(opt, '-human-readable') || matches(opt, '-iec')) continue;
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) options.stats++;
    else if (matches(opt, '-details')) options.details++;
    else if (matches(opt, '-resolve')) continue;
    else if (matches(opt, '-oneline')) options.oneline = true;
    else if (matches(opt, '-timestamp') || matches(opt, '-tshort')) continue;
    else if (matches(opt, '-Version')) {
      proc.stdout.write('ip utility, iproute2-6.1.0, libbpf 1.1.2\n');
      throw new Exit(0);
    } else if (matches(opt, '-force')) force = true;
    else if (matches(opt, '-batch')) {
      if (i + 1 >= argv.length) fail(USAGE);
      batch = argv[++i];
    } else if (matches(opt, '-brief')) options.brief = true;
    // iproute2's JSON forms are not emulated: refused rather than answered in text.
    else if (matches(opt, '-json')) fail('podpath: ip -j (JSON output) is not emulated\n', 1);
    else if (matches(opt, '-pretty')) options.pretty = true;
    else if (matches(opt, '-rcvbuf')) i++;
    else if (
      /^-colou?r(=.*)?$/.test(opt) ||
      opt === '-c' ||
      (opt.startsWith('-c') && '-color'.startsWith(opt))
    )
      options.color = false;
    else if (matches(opt, '-help')) fail(USAGE);
    else if (matches(opt, '-netns')) {
      const name = argv[++i];
      if (name === undefined) fail('Command line is not complete. Try option "help"\n');
      netns =
        proc.world.named.get(name) ??
        fail(`Cannot open network namespace "${name}": No such file or directory\n`);
    } else if (matches(opt, '-Numeric')) options.numeric = true;
    else if (matches(opt, '-all')) continue;
    else fail(`Option "${opt}" is unknown, try "ip -help".\n`);
  }
  return { options, netns, rest: argv.slice(i), batch, force };
}

/** do_cmd: the object's handler run on its arguments. */
async function doCmd(proc: Proc, ctx: IpContext, rest: readonly string[]): Promise<number> {
  const [object, ...args] = rest;
  const entry = OBJECTS.find(([name]) => matches(object, name));
  if (!entry || entry[1] === null) {
    if (entry?.[0] === 'help') {
      proc.stderr.write(USAGE);
      return 255;
    }
    proc.stderr.write(`Object "${object}" is unknown, try "ip help".\n`);
    return 1;
  }
  return await entry[1](ctx, args);
}

/**
 * getcmdline + makeargs: the file's commands with their line numbers. A
 * `#` starts a comment, a backslash-newline joins lines (the number is the
 * last one's), words split at blanks, a word starting with a quote runs to
 * the same quote.
 */
/** makeargs' separators: space, tab, CR, LF. */
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function batchCommands(text: string, proc: Proc): { line: number; argv: string[] }[] {
  const commands: { line: number; argv: string[] }[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n];
    while (line.endsWith('\\') && n + 1 < lines.length) line = line.slice(0, -1) + lines[++n];
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    const argv: string[] = [];
    let i = 0;
    for (;;) {
      while (i < line.length && isBlank(line.charCodeAt(i))) i++;
      if (i >= line.length) break;
      const quote = line[i];
      if (quote === "'" || quote === '"') {
        const end = line.indexOf(quote, i + 1);
        if (end < 0) {
          proc.stderr.write('Unterminated quoted string\n');
          throw new Exit(1);
        }
        argv.push(line.slice(i + 1, end));
        i = end + 1;
      } else {
        let end = i;
        while (end < line.length && !isBlank(line.charCodeAt(end))) end++;
        argv.push(line.slice(i, end));
        i = end + 1;
      }
    }
    if (argv.length > 0) commands.push({ line: n + 1, argv });
  }
  return commands;
}

/**
 * batch(): each command of the file (`-` is stdin) in turn; a failed one
 * says `Command failed FILE:LINE` and stops the batch unless `-force`, the
 * status then being 1. A command that exits (a usage error, a bad address)
 * ends the whole process with its status, as exit() does in iproute2.
 */
async function runBatch(proc: Proc, ctx: IpContext, name: string, force: boolean): Promise<number> {
  let text: string;
  if (name === '-') text = await readAll(proc.stdin);
  else {
    const file = proc.readFile(name);
    if (file === null) {
      proc.stderr.write(`Cannot open file "${name}" for reading: No such file or directory\n`);
      return 1;
    }
    text = file;
  }
  let status = 0;
  for (const { line, argv } of batchCommands(text, proc)) {
    if ((await doCmd(proc, ctx, argv)) !== 0) {
      proc.stderr.write(`Command failed ${name}:${line}\n`);
      status = 1;
      if (!force) break;
    }
  }
  return status;
}

export const ip: Command = async (proc) => {
  try {
    const { options, netns, rest, batch, force } = parseOptions(proc);
    if (batch !== null) return await runBatch(proc, { proc, netns, options, batch: true }, batch, force);
    if (rest.length === 0) {
      proc.stderr.write(USAGE);
      return 255;
    }
    return await doCmd(proc, { proc, netns, options }, rest);
  } catch (e) {
    if (e instanceof Exit || e instanceof IpExit) return e.status;
    throw e;
  }
};
