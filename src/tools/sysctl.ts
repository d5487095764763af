import type { Command, Proc } from './process.js';
import { KernelError } from '../kernel/errno.js';

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

interface Flags {
  all: boolean;
  binary: boolean;
  ignore: boolean;
  names: boolean;
  values: boolean;
  quiet: boolean;
  write: boolean;
  dryRun: boolean;
  load: string | null;
  pattern: RegExp | null;
}

/** procps-ng sysctl over the namespace's /proc/sys/net. */
export const sysctl: Command = async (proc) => {
  const flags: Flags = {
    all: false,
    binary: false,
    ignore: false,
    names: false,
    values: false,
    quiet: false,
    write: false,
    dryRun: false,
    load: null,
    pattern: null,
  };
  const operands: string[] = [];
  const argv = proc.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, value] = arg.slice(2).split(/=(.*)/s, 2);
      const long: Record<string, () => void> = {
        all: () => (flags.all = true),
        binary: () => (flags.binary = true),
        ignore: () => (flags.ignore = true),
        names: () => (flags.names = true),
        values: () => (flags.values = true),
        quiet: () => (flags.quiet = true),
        write: () => (flags.write = true),
        'dry-run': () => (flags.dryRun = true),
        load: () => (flags.load = value ?? '/etc/sysctl.conf'),
        help: () => {
          throw new UsageExit(proc.stdout, 0);
        },
        version: () => {
          proc.stdout.write('sysctl from procps-ng 4.0.2\n');
          throw new UsageExit(null, 0);
        },
      };
      const fn = long[name];
      if (!fn) {
        proc.stderr.write(`sysctl: unrecognized option '${arg}'\n`);
        proc.stderr.write(USAGE);
        return 1;
      }
      try {
        fn();
      } catch (e) {
        if (e instanceof UsageExit) return e.finish();
        throw e;
      }
      continue;
    }
    if (!arg.startsWith('-') || arg.length === 1) {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if ('aAX'.includes(c)) flags.all = true;
      else if (c === 'b') flags.binary = true;
      else if (c === 'e') flags.ignore = true;
      else if (c === 'N') flags.names = true;
      else if (c === 'n') flags.values = true;
      else if (c === 'q') flags.quiet = true;
      else if (c === 'w') flags.write = true;
      else if (c === 'o' || c === 'x') continue;
      else if (c === 'p' || c === 'f') {
        flags.load = arg.slice(j + 1) || '/etc/sysctl.conf';
        break;
      } else if (c === 'r') {
        const pat = arg.slice(j + 1) || argv[++i];
        flags.pattern = new RegExp(pat ?? '');
        break;
      } else if (c === 'h' || c === 'd') {
        proc.stdout.write(USAGE);
        return 0;
      } else if (c === 'V') {
        proc.stdout.write('sysctl from procps-ng 4.0.2\n');
        return 0;
      } else {
        proc.stderr.write(`sysctl: invalid option -- '${c}'\n`);
        proc.stdout.write(USAGE);
        return 0;
      }
    }
  }
  if (flags.load !== null) return load(proc, flags, flags.load);
  if (flags.all) return showAll(proc, flags);
  if (operands.length === 0) {
    if (flags.write) {
      proc.stderr.write("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
      return 1;
    }
    proc.stderr.write(USAGE);
    return 1;
  }
  let status = 0;
  for (const op of operands) {
    const eq = op.indexOf('=');
    if (eq >= 0) status |= writeKey(proc, flags, op.slice(0, eq), op.slice(eq + 1));
    else if (flags.write) {
      proc.stderr.write('sysctl: command line(0): invalid syntax, continuing...\n');
      status = 1;
    } else status |= readKey(proc, flags, op);
  }
  return status;
};

class UsageExit extends Error {
  constructor(
    readonly out: { write(t: string): void } | null,
    readonly status: number,
  ) {
    super('exit');
  }
  finish(): number {
    this.out?.write(USAGE);
    return this.status;
  }
}

/** `net/ipv4/ip_forward` and `net.ipv4.ip_forward` name the same key. */
function normalize(key: string): string {
  return key.includes('/')
    ? key
        .split('/')
        .map((part) => part.replace(/\./g, '/'))
        .join('.')
    : key;
}

function print(proc: Proc, flags: Flags, key: string, value: string): void {
  if (flags.names) proc.stdout.write(`${key}\n`);
  else if (flags.values) proc.stdout.write(flags.binary ? value : `${value}\n`);
  else proc.stdout.write(`${key} = ${value}\n`);
}

const statError = (proc: Proc, key: string): number => {
  proc.stderr.write(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
  return 1;
};

function readKey(proc: Proc, flags: Flags, raw: string): number {
  const key = normalize(raw.trim());
  const sys = proc.netns.sysctl;
  const value = sys.get(key);
  if (value !== undefined) {
    print(proc, flags, key, value);
    return 0;
  }
  if (sys.isDirectory(key)) {
    for (const k of sys.keys()) if (k.startsWith(`${key}.`)) print(proc, flags, k, sys.get(k)!);
    return 0;
  }
  if (flags.ignore) return 0;
  return statError(proc, key);
}

function writeKey(proc: Proc, flags: Flags, rawKey: string, value: string): number {
  const key = normalize(rawKey.trim());
  const sys = proc.netns.sysctl;
  if (sys.get(key) === undefined) {
    if (flags.ignore) return 0;
    return statError(proc, key);
  }
  const shown = value.replace(/^\s+/, '');
  if (!sys.writable(key)) {
    // procps stats the file first and gives up without opening it: its
    // message carries a stale errno (EINVAL) and the exit status stays 0.
    proc.stderr.write(`sysctl: setting key "${key}": Invalid argument\n`);
    return 0;
  }
  if (!flags.dryRun) {
    try {
      sys.set(key, shown);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      proc.stderr.write(`sysctl: setting key "${key}": ${e.message}\n`);
      return 1;
    }
  }
  if (!flags.quiet) print(proc, flags, key, shown);
  return 0;
}

function showAll(proc: Proc, flags: Flags): number {
  const sys = proc.netns.sysctl;
  for (const k of sys.keys()) {
    if (flags.pattern && !flags.pattern.test(k)) continue;
    print(proc, flags, k, sys.get(k)!);
  }
  return 0;
}

/** `sysctl -p FILE`: `key = value` lines; `#` and `;` start comments; `-key` ignores errors. */
function load(proc: Proc, flags: Flags, path: string): number {
  const text = proc.readFile(path);
  if (text === null) {
    proc.stderr.write(`sysctl: cannot open "${path}": No such file or directory\n`);
    return 1;
  }
  let status = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) continue;
    const eq = t.indexOf('=');
    if (eq < 0) continue;
    let key = t.slice(0, eq).trim();
    const ignore = key.startsWith('-');
    if (ignore) key = key.slice(1);
    const s = writeKey(proc, { ...flags, ignore: flags.ignore || ignore }, key, t.slice(eq + 1).trim());
    status |= s;
  }
  return status;
}
