import type { SetTypeName } from '../../kernel/ipset/types.js';
import type { CreateOptions } from '../../kernel/ipset/set.js';
import type { AddExt } from '../../kernel/ipset/types.js';
import type { ListRef } from '../../kernel/ipset/list-set.js';
import type { Cmd } from './errors.js';
import { SET_TYPES } from '../../kernel/ipset/types.js';
import { IpsetToolError, other, param, syntax } from './errors.js';
import { parseNumber } from './elem.js';

/** The global options (ipset_envopts), wherever they appear on the line. */
export interface EnvOpts {
  exist: boolean;
  quiet: boolean;
  output: 'plain' | 'save' | 'xml';
  terse: boolean;
  names: boolean;
  sorted: boolean;
  file?: string;
}

export const newEnv = (): EnvOpts => ({
  exist: false,
  quiet: false,
  output: 'plain',
  terse: false,
  names: false,
  sorted: false,
});

const ENVOPTS: Readonly<Record<string, keyof EnvOpts | 'resolve'>> = {
  '-!': 'exist',
  '-exist': 'exist',
  '-q': 'quiet',
  '-quiet': 'quiet',
  '-o': 'output',
  '-output': 'output',
  '-t': 'terse',
  '-terse': 'terse',
  '-n': 'names',
  '-name': 'names',
  '-s': 'sorted',
  '-sorted': 'sorted',
  '-r': 'resolve',
  '-resolve': 'resolve',
  '-f': 'file',
  '-file': 'file',
};

/** Takes the global options out of `argv` into `env`; what is left is the command and its arguments. */
export function takeEnvOpts(argv: readonly string[], env: EnvOpts): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const key = ENVOPTS[a.startsWith('--') ? a.slice(1) : a];
    if (!key) {
      rest.push(a);
      continue;
    }
    if (key === 'output' || key === 'file') {
      const v = argv[++i];
      if (v === undefined) throw param(`Missing mandatory argument of option \`${a.replace(/^-+/, '')}'`);
      if (key === 'file') env.file = v;
      else if (v === 'plain' || v === 'save' || v === 'xml') env.output = v;
      else throw syntax(`unknown output mode '${v}'`);
    } else if (key !== 'resolve') (env[key] as boolean) = true;
  }
  return rest;
}

export type CommandName = Cmd | 'restore' | 'help' | 'version';

/** ipset_commands: full name, one-letter alias, old-style option. */
const COMMANDS: readonly (readonly [CommandName, string, string])[] = [
  ['create', 'n', '-N'],
  ['destroy', 'x', '-X'],
  ['flush', 'f', '-F'],
  ['rename', 'e', '-E'],
  ['swap', 'w', '-W'],
  ['list', 'l', '-L'],
  ['save', 's', '-S'],
  ['add', 'a', '-A'],
  ['del', 'd', '-D'],
  ['test', 't', '-T'],
  ['restore', 'r', '-R'],
  ['help', 'h', '-H'],
  ['version', 'v', '-V'],
];

/** ipset_match_cmd: a prefix of a name or alias (two leading dashes ignored). */
export function matchCommand(arg: string): CommandName | undefined {
  // -v and --version are version too (ipset.c checks them before the command table).
  if (arg === '-v' || arg === '--version') return 'version';
  const a = arg.startsWith('--') ? arg.slice(2) : arg;
  if (a === '' || arg === '-') return undefined;
  for (const names of COMMANDS) if (names.some((n) => n.startsWith(a))) return names[0];
  return undefined;
}

/** IPSET_MAXNAMELEN - 1. */
const MAX_NAME = 31;

export function setName(name: string): string {
  if (name.length > MAX_NAME) throw syntax(`setname '${name}' is longer than ${MAX_NAME} characters`);
  return name;
}

/** Old type names ipset still accepts. */
const TYPE_ALIASES: Readonly<Record<string, SetTypeName>> = {
  iphash: 'hash:ip',
  nethash: 'hash:net',
  ipporthash: 'hash:ip,port',
  ipportiphash: 'hash:ip,port,ip',
  ipportnethash: 'hash:ip,port,net',
  portmap: 'bitmap:port',
  setlist: 'list:set',
};

export function typeName(text: string): SetTypeName {
  const t = (SET_TYPES as readonly string[]).includes(text) ? (text as SetTypeName) : TYPE_ALIASES[text];
  if (!t) throw syntax(`typename '${text}' is unknown`);
  return t;
}

const unknown = (a: string) => param(`Unknown argument: \`${a}'`);

function needArg(args: readonly string[], i: number, opt: string): string {
  const v = args[i];
  if (v === undefined) throw param(`Missing mandatory argument of option \`${opt}'`);
  return v;
}

const UINT32 = 0xffffffff;
/** IPSET_MAX_TIMEOUT. */
const MAX_TIMEOUT = 2147483;

const CREATE_OPTS: Readonly<Record<string, readonly string[]>> = {
  hash: ['family', 'hashsize', 'maxelem', 'timeout', 'counters', 'comment', 'bucketsize', 'initval'],
  bitmap: ['range', 'timeout', 'counters', 'comment'],
  list: ['size', 'timeout', 'counters', 'comment'],
};

/** The options after `create NAME TYPE`. */
export function parseCreateOptions(type: SetTypeName, args: readonly string[]): CreateOptions {
  const kind = type.startsWith('hash:') ? 'hash' : type === 'bitmap:port' ? 'bitmap' : 'list';
  const allowed = [
    ...CREATE_OPTS[kind],
    ...(type === 'hash:ip' || type === 'hash:ip,port' ? ['netmask'] : []),
  ];
  const o: { -readonly [K in keyof CreateOptions]: CreateOptions[K] } = { type };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!allowed.includes(a)) throw unknown(a);
    if (a === 'counters' || a === 'comment') {
      o[a] = true;
      continue;
    }
    const v = needArg(args, ++i, a);
    switch (a) {
      case 'family':
        if (v !== 'inet' && v !== 'ipv4') throw other(`Syntax error: unknown family ${v}`);
        break;
      case 'hashsize':
      case 'maxelem':
      case 'initval':
      case 'size':
        o[a] = parseNumber(v, 0, UINT32);
        break;
      case 'bucketsize':
        o.bucketsize = parseNumber(v, 0, 255);
        break;
      case 'timeout':
        o.timeout = parseNumber(v, 0, MAX_TIMEOUT);
        break;
      case 'netmask':
        try {
          o.netmask = parseNumber(v, 1, 32);
        } catch (e) {
          if (e instanceof IpsetToolError && /out of range/.test(e.message))
            throw other(`${e.message}\nSyntax error: netmask is out of the inclusive range of 1-32`);
          throw e;
        }
        break;
      case 'range': {
        const m = /^([^-]+)-(.+)$/.exec(v);
        if (!m) throw syntax(`'${v}' is invalid as number`);
        o.range = [parseNumber(m[1], 0, 65535), parseNumber(m[2], 0, 65535)];
        break;
      }
    }
  }
  if (kind === 'bitmap' && o.range === undefined) throw param("Mandatory option `range' is missing");
  return o;
}

/** What follows the element of an add/del/test: extensions and list:set positions. */
export interface AdtOptions {
  readonly ext: AddExt;
  readonly ref?: ListRef;
}

export function parseAdtOptions(
  cmd: 'add' | 'del' | 'test',
  type: SetTypeName,
  args: readonly string[],
): AdtOptions {
  const ext: { -readonly [K in keyof AddExt]: AddExt[K] } = {};
  let ref: ListRef | undefined;
  const nomatchType = type === 'hash:net' || type === 'hash:ip,port,net';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (cmd === 'add' && (a === 'timeout' || a === 'packets' || a === 'bytes' || a === 'comment')) {
      const v = needArg(args, ++i, a);
      if (a === 'timeout') ext.timeout = parseNumber(v, 0, MAX_TIMEOUT);
      else if (a === 'comment') {
        if (v.includes('"')) throw syntax('" character is not permitted in comments');
        ext.comment = v;
      } else ext[a] = BigInt(parseNumber(v, 0, Number.MAX_SAFE_INTEGER));
    } else if (a === 'nomatch' && nomatchType && cmd !== 'test') ext.nomatch = true;
    else if ((a === 'before' || a === 'after') && type === 'list:set') {
      ref = { name: setName(needArg(args, ++i, a)), before: a === 'before' };
    } else throw unknown(a);
  }
  return { ext, ref };
}
