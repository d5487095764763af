import type { AddrMatch, IfaceMatch, Rule, Verdict, XtModule } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { maskOf, parseIPv4 } from '../../net/ipv4.js';
import { bareParamError, paramError, tryHelpError } from './errors.js';
import { IPTABLES_HELP, MATCH_HELP, TARGET_HELP } from './help.js';
import { findMatch, findTarget } from './modules/index.js';
import type { ExtData, ExtSpec, ParseCtx } from './modules/spec.js';
import { strtoui, xtOptionParse, xtOptionsFcheck } from './modules/util.js';
import { parseProto, protoName } from './names.js';

export type CommandKind = 'A' | 'C' | 'D' | 'R' | 'I' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'E' | 'P';

/** One iptables invocation (or one iptables-restore rule line), parsed. */
export interface ParsedCommand {
  command: CommandKind | null;
  table: string;
  chain?: string;
  /** -I/-R/-D/-L/-S/-Z rule number (1-based). */
  rulenum?: number;
  newName?: string;
  policy?: string;
  rules: Rule[];
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  /** -V or -h: print this on stdout and exit 0, nothing else happens. */
  print?: string;
  /** -c PKTS BYTES */
  counters?: [bigint, bigint];
  /** -L or -S given with -Z: list, then zero. */
  zero?: boolean;
  /** -Z took the rule number (CMD_ZERO_NUM): one rule is zeroed, not the chain. */
  zeroRule?: boolean;
}

type HasArg = 0 | 1 | 2;

/** original_opts of iptables 1.8.9, in its order: getopt_long resolves abbreviations against it. */
const BASE_LONG: readonly (readonly [string, string, HasArg])[] = [
  ['append', 'A', 1],
  ['delete', 'D', 1],
  ['check', 'C', 1],
  ['insert', 'I', 1],
  ['replace', 'R', 1],
  ['list', 'L', 2],
  ['list-rules', 'S', 2],
  ['flush', 'F', 2],
  ['zero', 'Z', 2],
  ['new-chain', 'N', 1],
  ['delete-chain', 'X', 2],
  ['rename-chain', 'E', 1],
  ['policy', 'P', 1],
  ['source', 's', 1],
  ['destination', 'd', 1],
  ['src', 's', 1],
  ['dst', 'd', 1],
  ['protocol', 'p', 1],
  ['in-interface', 'i', 1],
  ['jump', 'j', 1],
  ['table', 't', 1],
  ['match', 'm', 1],
  ['numeric', 'n', 0],
  ['out-interface', 'o', 1],
  ['verbose', 'v', 0],
  ['wait', 'w', 2],
  ['wait-interval', 'W', 2],
  ['exact', 'x', 0],
  ['fragments', 'f', 0],
  ['version', 'V', 0],
  ['help', 'h', 2],
  ['line-numbers', '0', 0],
  ['modprobe', 'M', 1],
  ['set-counters', 'c', 1],
  ['goto', 'g', 1],
  ['ipv4', '4', 0],
  ['ipv6', '6', 0],
];

/** The getopt optstring "A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fbvw::W::nt:m:xc:g:46". */
const SHORT: Readonly<Record<string, HasArg>> = Object.fromEntries(
  [...'ACDRIMNEPopsdjitmcg']
    .map((c) => [c, 1 as HasArg])
    .concat(
      [...'LSFZXhwW'].map((c) => [c, 2]),
      [...'Vfbvnx46'].map((c) => [c, 0]),
    ),
);

/** Options that `!` may precede (inverse_for_options), by the letter set_option knows them by. */
const INVERTIBLE = new Set(['s', 'd', 'p', 'i', 'o', 'f']);
const STANDARD = new Set(['ACCEPT', 'DROP', 'RETURN']);
/** The options generic_opt_check knows, in its order (optflags[]). */
const OPT_ORDER = ['n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f'];
/** commands_v_options, measured on 1.8.9: which options each command allows. */
const LEGAL: Readonly<Record<string, string>> = {
  A: 'sdpjviocf',
  I: 'sdpjviocf',
  R: 'sdpjviocf',
  C: 'sdpjviof',
  D: 'sdpjviof',
  DELETE_NUM: 'v',
  L: 'nvx0',
  S: 'v',
  F: 'v',
  Z: 'v',
  N: 'v',
  X: 'v',
  E: 'v',
  P: 'vc',
};
/** add_command's othercmds: -L and -S combine with -Z; every other pair is refused. */
const COMBINES: Readonly<Record<string, string>> = { L: 'Z', S: 'Z', Z: 'LS' };

interface Loaded {
  spec: ExtSpec;
  data: ExtData;
}

/** Callback to learn whether a chain exists, for `-j CHAIN` (checked at parse time in 1.8.9). */
export type ChainExists = (table: string, chain: string) => boolean;

/** What getopt_long found for one argument: a base option letter or a loaded extension's option. */
type Resolved = { kind: 'base'; letter: string; has: HasArg } | { kind: 'ext'; owner: Loaded; name: string };

/** The base long options by exact name (the first of a name wins, as in the table). */
const BASE_EXACT = new Map<string, Resolved>();
for (const [name, letter, has] of BASE_LONG)
  if (!BASE_EXACT.has(name)) BASE_EXACT.set(name, { kind: 'base', letter, has });

/**
 * do_parse(): argv (without argv[0]) to a command, throwing XtError as
 * iptables exits. `warn` receives what iptables prints on stderr and
 * goes on (deprecated -W, odd interface names).
 */
export function parseArgs(
  argv: readonly string[],
  chainExists: ChainExists,
  warn: (text: string) => void = () => {},
): ParsedCommand {
  const cmd: ParsedCommand = {
    command: null,
    table: 'filter',
    rules: [],
    numeric: false,
    verbose: false,
    exact: false,
    lineNumbers: false,
  };
  /** Commands given so far (p->command is a bit set). */
  const commands: string[] = [];
  /** Options given so far, by letter (cs->options). */
  const options = new Set<string>();
  let invert = false;
  let proto: number | undefined;
  let protoText: string | undefined;
  let protoUsed = false;
  let protoInvert = false;
  let src: string | undefined, dst: string | undefined;
  let srcInv = false,
    dstInv = false;
  let inIface: IfaceMatch | null = null,
    outIface: IfaceMatch | null = null;
  let fragment: { invert: boolean } | null = null;
  let jump: string | undefined;
  let isGoto = false;
  let deleteNum = false;
  let wait = 0;
  let waitInterval = false;
  let target = null as Loaded | null;
  const matches: Loaded[] = [];
  const ctx = (): ParseCtx => ({ proto: proto ?? 0, protoInvert });

  let i = 0;
  /** xs_has_arg: the next word exists and is not an option or `!`. */
  const hasArg = () => i < argv.length && !argv[i].startsWith('-') && !argv[i].startsWith('!');
  const addCommand = (c: string) => {
    if (invert) throw paramError("unexpected '!' flag");
    const clash = commands.find((o) => !(COMBINES[c] ?? '').includes(o));
    if (clash) throw paramError(`Cannot use -${c} with -${clash}`);
    commands.push(c);
  };
  const setOption = (c: string) => {
    if (options.has(c)) throw paramError(`multiple -${c} flags not allowed`);
    options.add(c);
    if (invert && !INVERTIBLE.has(c)) throw paramError(`cannot have ! before -${c}`);
    return invert;
  };
  const ruleNumber = (text: string): number => {
    const n = strtoui(text, 1, 0x7fffffff);
    if (n === undefined) throw paramError(`Invalid rule number \`${text}'`);
    return n;
  };

  /** The help print_help gives at this point: base text, then the loaded target's, then each match's. */
  const helpText = (): string => {
    let s = IPTABLES_HELP;
    const t =
      jump !== undefined && !isGoto
        ? STANDARD.has(jump) || jump === 'QUEUE'
          ? 'standard'
          : target?.spec.name
        : undefined;
    if (t) s += `\n${TARGET_HELP[t] ?? `${t} does not take any options\n`}`;
    const shown =
      matches.length > 0
        ? matches.map((m) => m.spec.name)
        : protoText && findMatch(protoText)
          ? [protoText]
          : [];
    for (const m of shown) s += `\n${MATCH_HELP[m] ?? `${m} does not take any options\n`}`;
    return s;
  };

  /** Handles one option; returns true when parsing stops here (-h, -V). */
  const option = (c: string, optarg: string | undefined, word: string): boolean => {
    switch (c) {
      case 'A':
      case 'C':
      case 'D':
      case 'R':
      case 'I':
      case 'P':
      case 'E':
        addCommand(c);
        cmd.chain = optarg!;
        if (c === 'D' && hasArg()) {
          cmd.rulenum = ruleNumber(argv[i++]);
          deleteNum = true;
        }
        if (c === 'R') {
          if (!hasArg()) throw paramError('-R requires a rule number');
          cmd.rulenum = ruleNumber(argv[i++]);
        }
        if (c === 'I' && hasArg()) cmd.rulenum = ruleNumber(argv[i++]);
        if (c === 'E') {
          if (!hasArg()) throw paramError('-E requires old-chain-name and new-chain-name');
          cmd.newName = argv[i++];
        }
        if (c === 'P') {
          if (!hasArg()) throw paramError('-P requires a chain and a policy');
          cmd.policy = argv[i++];
        }
        return false;
      case 'N':
        checkChainName(optarg!);
        addCommand(c);
        cmd.chain = optarg!;
        return false;
      case 'L':
      case 'S':
      case 'F':
      case 'Z':
      case 'X':
        addCommand(c);
        if (optarg !== undefined) cmd.chain = optarg;
        else if (hasArg()) cmd.chain = argv[i++];
        if ((c === 'L' || c === 'S' || c === 'Z') && hasArg()) {
          cmd.rulenum = ruleNumber(argv[i++]);
          if (c === 'Z') cmd.zeroRule = true;
        }
        return false;
      case 'V':
        cmd.print = invert ? 'Not 1.8.9 (nf_tables) ;-)\n' : 'iptables v1.8.9 (nf_tables)\n';
        return true;
      case 'h':
        cmd.print = helpText();
        return true;
      case 'n':
        setOption('n');
        cmd.numeric = true;
        return false;
      case 'v':
        if (!cmd.verbose) setOption('v');
        cmd.verbose = true;
        return false;
      case 'x':
        setOption('x');
        cmd.exact = true;
        return false;
      case '0':
        setOption('0');
        cmd.lineNumbers = true;
        return false;
      case 'w':
        wait = waitSeconds(optarg ?? (hasArg() ? argv[i++] : undefined));
        return false;
      case 'W': {
        const text = optarg ?? (hasArg() ? argv[i++] : undefined);
        if (text === undefined) throw paramError('wait interval value required');
        const usec = scanUnsigned(text);
        if (usec === undefined) throw paramError('wait interval not numeric');
        if (usec > 999999) throw paramError(`too long usec wait ${usec} > 999999 usec`);
        warn('Ignoring deprecated --wait-interval option.\n');
        waitInterval = true;
        return false;
      }
      case '4':
      case 'M':
        return false;
      case '6':
        throw tryHelpError();
      case 'b':
        throw paramError('Unknown arg "(null)"');
      case 't':
        if (invert) throw paramError('unexpected ! flag before --table');
        cmd.table = optarg!;
        return false;
      case 'p': {
        protoInvert = setOption('p');
        // iptables lower-cases the word in place, and parses the whole argv word (`-pudp` stays `-pudp`).
        protoText = word.toLowerCase();
        const p = parseProto(protoText);
        if (p === undefined) throw paramError(`unknown protocol "${protoText}" specified`);
        if (p === 0 && protoInvert) throw paramError('rule would never match protocol');
        proto = p;
        return false;
      }
      case 's':
        srcInv = setOption('s');
        src = word;
        return false;
      case 'd':
        dstInv = setOption('d');
        dst = word;
        return false;
      case 'i':
      case 'o': {
        if (word === '') throw paramError('Empty interface is likely to be undesired');
        const inv = setOption(c);
        if (word.length > 15)
          throw paramError(`interface name \`${word}' must be shorter than IFNAMSIZ (15)`);
        if (/[/ ]/.test(word))
          warn(
            `Warning: weird character in interface \`${word}' ('/' and ' ' are not allowed by the kernel).\n`,
          );
        const m = { name: word, invert: inv };
        if (c === 'i') inIface = m;
        else outIface = m;
        return false;
      }
      case 'f':
        fragment = { invert: setOption('f') };
        return false;
      case 'j':
      case 'g': {
        setOption('j');
        jump = checkTargetName(c === 'j' ? word : optarg!);
        isGoto = c === 'g';
        const spec = c === 'j' ? findTarget(jump) : undefined;
        if (spec) target = { spec, data: spec.init?.() ?? {} };
        return false;
      }
      case 'm': {
        if (invert) throw paramError('unexpected ! flag before --match');
        const spec = findMatch(optarg!);
        if (!spec) throw paramError(`Couldn't load match \`${optarg}':No such file or directory\n`);
        matches.push({ spec, data: spec.init?.() ?? {} });
        return false;
      }
      case 'c': {
        setOption('c');
        const comma = optarg!.indexOf(',', 1);
        const b = comma >= 0 ? optarg!.slice(comma + 1) : hasArg() ? argv[i++] : undefined;
        if (b === undefined) throw paramError('-c requires packet and byte counter');
        const packets = scanCounter(optarg!);
        if (packets === undefined) throw paramError('-c packet counter not numeric');
        const bytes = scanCounter(b);
        if (bytes === undefined) throw paramError('-c byte counter not numeric');
        cmd.counters = [packets, bytes];
        return false;
      }
    }
    return false;
  };

  /** getopt_long: an exact name, else a unique prefix, among the base options and the loaded extensions'. */
  const resolveLong = (name: string): Resolved | undefined => {
    // An exact name, found without building the candidate list: nearly every argument (a restore has 100k lines).
    const base = BASE_EXACT.get(name);
    if (base) return base;
    for (const l of matches) if (Object.hasOwn(l.spec.options, name)) return { kind: 'ext', owner: l, name };
    if (target && Object.hasOwn(target.spec.options, name)) return { kind: 'ext', owner: target, name };
    const loaded = target ? [...matches, target] : matches;
    const all: Resolved[] = BASE_LONG.map(([, letter, has]) => ({ kind: 'base' as const, letter, has }));
    const names: string[] = BASE_LONG.map(([n]) => n);
    for (const l of loaded)
      for (const o of Object.keys(l.spec.options)) {
        all.push({ kind: 'ext', owner: l, name: o });
        names.push(o);
      }
    const exact = names.indexOf(name);
    if (exact >= 0) return all[exact];
    const hits = all.filter((_, k) => names[k].startsWith(name));
    if (hits.length === 0) return undefined;
    const same = (a: Resolved, b: Resolved) =>
      a.kind === 'base' && b.kind === 'base' ? a.letter === b.letter && a.has === b.has : a === b;
    return hits.every((h) => same(h, hits[0])) ? hits[0] : undefined;
  };

  /** load_proto: an option nobody knows makes iptables load the match named by -p, once, and try again. */
  const loadProto = (): boolean => {
    if (proto === undefined || protoUsed) return false;
    const spec = findMatch(protoName(proto) ?? '');
    if (!spec) return false;
    protoUsed = true;
    matches.push({ spec, data: spec.init?.() ?? {} });
    return true;
  };

  const extOption = (owner: Loaded, name: string, inline: string | undefined, word: string): void => {
    const opt = owner.spec.options[name];
    let arg = '';
    if (opt.arg) {
      if (inline !== undefined) arg = inline;
      else if (i < argv.length) arg = argv[i++];
      else throw paramError(`option "${word}" requires an argument`);
      if (opt.arg2) {
        if (i >= argv.length || argv[i].startsWith('-') || argv[i] === '!')
          throw paramError('--tcp-flags requires two args.');
        arg += `\0${argv[i++]}`;
      }
    } else if (inline !== undefined) throw paramError(`unknown option "${word}"`);
    if (owner.spec.xtopts) xtOptionParse(owner.data, owner.spec.name, owner.spec.xtopts, name, invert);
    owner.spec.parse(owner.data, name, arg, invert, ctx());
  };

  const longOption = (a: string): boolean => {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    let r = resolveLong(name);
    while (!r && loadProto()) r = resolveLong(name);
    if (!r) throw paramError(`unknown option "${a}"`);
    if (r.kind === 'ext') {
      extOption(r.owner, r.name, inline, a);
      return false;
    }
    if (r.has === 0 && inline !== undefined) throw paramError(`unknown option "${a}"`);
    if (r.has === 1 && inline === undefined) {
      if (i >= argv.length) {
        loadProto();
        throw paramError(`option "${a}" requires an argument`);
      }
      return option(r.letter, argv[i++], argv[i - 1]);
    }
    return option(r.letter, inline, a);
  };

  /** One word of short options (`-vnL`, `-sADDR`, `-j` ACCEPT). */
  const shortOptions = (a: string): boolean => {
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      const has = SHORT[c];
      if (has === undefined) {
        loadProto();
        throw paramError(`unknown option "-${c}"`);
      }
      if (has === 0) {
        if (option(c, undefined, a)) return true;
        continue;
      }
      const rest = a.slice(k + 1);
      if (rest !== '') return option(c, rest, a);
      if (has === 2) return option(c, undefined, a);
      if (i >= argv.length) {
        loadProto();
        throw paramError(`option "${a}" requires an argument`);
      }
      return option(c, argv[i++], argv[i - 1]);
    }
    return false;
  };

  while (i < argv.length) {
    const a = argv[i++];
    if (a === '!') {
      if (invert) throw paramError('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    let stop: boolean;
    if (a.startsWith('--') && a.length > 2) stop = longOption(a);
    else if (a.startsWith('-') && a.length > 1) stop = shortOptions(a);
    else throw bareParamError(`Bad argument \`${a}'`);
    if (stop) return cmd;
    invert = false;
  }
  return finish();

  function finish(): ParsedCommand {
    if (cmd.table === 'nat' && (commands.includes('P') ? cmd.policy === 'DROP' : jump === 'DROP'))
      throw paramError(
        '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n',
      );
    // xtables_option_mfcheck / tfcheck: the extension's own check, then its option table's.
    for (const l of target ? [...matches, target] : matches) {
      l.spec.final?.(l.data, ctx());
      if (l.spec.xtopts) xtOptionsFcheck(l.data, l.spec.name, l.spec.xtopts);
    }
    if (commands.length === 0) throw paramError('no command specified');
    if (invert) throw paramError('nothing appropriate following !');
    const primary = commands.find((c) => c !== 'Z') ?? 'Z';
    cmd.command = primary as CommandKind;
    cmd.zero = commands.includes('Z') && primary !== 'Z' ? true : undefined;

    const srcs = src === undefined ? [null] : parseAddrs(src, srcInv);
    const dsts = dst === undefined ? [null] : parseAddrs(dst, dstInv);
    if ((srcs.length > 1 || dsts.length > 1) && (srcInv || dstInv))
      throw paramError('! not allowed with multiple source or destination IP addresses');
    if (cmd.command === 'R' && (srcs.length > 1 || dsts.length > 1))
      throw paramError('Replacement rule does not specify a unique address');
    checkOptions(
      commands.map((c) => (c === 'D' && deleteNum ? 'DELETE_NUM' : c)),
      options,
    );
    if (cmd.chain !== undefined && cmd.chain.length >= 29)
      throw paramError(`chain name \`${cmd.chain}' too long (must be under 29 chars)`);

    if ('ACDRI'.includes(cmd.command) && !deleteNum) {
      checkIfaceHook(cmd.chain!, inIface, outIface);
      let verdict: Verdict = { kind: 'none' };
      if (jump !== undefined) {
        if (target) verdict = { kind: 'target', target: freeze(target) };
        else if (STANDARD.has(jump) && !isGoto) verdict = { kind: 'standard', verdict: jump as 'ACCEPT' };
        else {
          if (!chainExists(cmd.table, jump)) throw paramError(`Chain '${jump}' does not exist`);
          verdict = { kind: 'jump', chain: jump, goto: isGoto };
        }
      }
      const frozen = matches.map(freeze);
      for (const s of srcs)
        for (const d of dsts)
          cmd.rules.push({
            src: s,
            dst: d,
            inIface,
            outIface,
            proto: proto ?? 0,
            protoInvert,
            fragment,
            matches: frozen,
            verdict,
            counters: newCounters(cmd.counters?.[0], cmd.counters?.[1]),
          });
    }
    if (wait === 0 && waitInterval) throw paramError('--wait-interval only makes sense with --wait\n');
    return cmd;
  }
}

const freeze = (l: Loaded): XtModule => ({ name: l.spec.name, data: l.data });

/** generic_opt_check: the first option (in optflags order) that no given command allows. */
function checkOptions(commands: readonly string[], options: ReadonlySet<string>): void {
  for (const o of OPT_ORDER) {
    if (!options.has(o)) continue;
    if (!commands.some((c) => LEGAL[c].includes(o)))
      throw paramError(`Illegal option \`-${o}' with this command`);
  }
}

function checkIfaceHook(chain: string, inIface: IfaceMatch | null, outIface: IfaceMatch | null): void {
  if (outIface && (chain === 'PREROUTING' || chain === 'INPUT'))
    throw paramError(`Can't use -o with ${chain}\n`);
  if (inIface && (chain === 'POSTROUTING' || chain === 'OUTPUT'))
    throw paramError(`Can't use -i with ${chain}\n`);
}

/** parse_chain(), for -N. */
function checkChainName(name: string): void {
  if (name.length >= 29) throw paramError(`chain name \`${name}' too long (must be under 29 chars)`);
  if (name.startsWith('-') || name.startsWith('!'))
    throw paramError(`chain name not allowed to start with \`${name[0]}'`);
  if (STANDARD.has(name) || name === 'QUEUE' || findTarget(name))
    throw paramError('chain name may not clash with target name');
  if (/\s/.test(name)) throw paramError(`Invalid chain name \`${name}'`);
}

/** xt_parse_target(), for -j and -g. */
function checkTargetName(name: string): string {
  if (name.length < 1) throw paramError('Invalid target name (too short)');
  if (name.length >= 29) throw paramError(`Invalid target name \`${name}' (28 chars max)`);
  if (/\s/.test(name)) throw paramError(`Invalid target name \`${name}'`);
  return name;
}

/** parse_wait_time: sscanf("%i"); -w alone waits forever (-1). */
function waitSeconds(text: string | undefined): number {
  if (text === undefined) return -1;
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!m) throw paramError('wait seconds not numeric');
  const t = m[2];
  const n = /^0[xX]/.test(t) ? parseInt(t, 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : Number(t);
  return m[1] === '-' ? -n : n;
}

/** sscanf("%u"): leading decimal digits, a sign allowed (a negative wraps). */
function scanUnsigned(text: string): number | undefined {
  const m = /^\s*([-+]?)(\d+)/.exec(text);
  if (!m) return undefined;
  const n = Math.min(Number(m[2]), 0xffffffff);
  return m[1] === '-' ? (0x100000000 - n) % 0x100000000 : n;
}

const U64 = 1n << 64n;
/** sscanf("%llu") as -c reads counters: sign allowed (wraps), saturates at 2^64-1, stops at the first non-digit. */
function scanCounter(text: string): bigint | undefined {
  const m = /^\s*([-+]?)(\d+)/.exec(text);
  if (!m) return undefined;
  let n = BigInt(m[2]);
  if (n >= U64) return U64 - 1n;
  if (m[1] === '-') n = (U64 - n) % U64;
  return n;
}

/** xtables_ipparse_multiple: comma-separated ADDR[/LEN|/MASK], each masked. */
function parseAddrs(text: string, invert: boolean): AddrMatch[] {
  const one = plainAddr(text, invert);
  if (one) return [one];
  return text.split(',').map((part) => {
    const [a, m] = part.split('/', 2);
    const addr = a === 'localhost' ? parseIPv4('127.0.0.1') : parseDotted(a);
    if (addr === null) throw paramError(`host/network \`${a}' not found`);
    let mask = 0xffffffff;
    if (m !== undefined) {
      const dotted = parseIPv4(m);
      if (m.includes('.') && dotted !== null) mask = dotted;
      else if (/^\d+$/.test(m) && Number(m) <= 32) mask = maskOf(Number(m)) >>> 0;
      else throw paramError(`invalid mask \`${m}' specified`);
    }
    return { addr: (addr & mask) >>> 0, mask: mask >>> 0, invert };
  });
}

/**
 * `a.b.c.d` or `a.b.c.d/LEN`, what nearly every rule says, read without
 * allocating; null for any other form (parseAddrs then takes the general path).
 */
function plainAddr(text: string, invert: boolean): AddrMatch | null {
  let addr = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      octet = octet * 10 + c - 0x30;
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 0x2e && digits > 0 && dots < 3) {
      addr = addr * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else break;
  }
  if (dots !== 3 || digits === 0) return null;
  addr = addr * 256 + octet;
  let mask = 0xffffffff;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 0x2f || text.length - i - 1 < 1 || text.length - i - 1 > 2) return null;
    let len = 0;
    for (let k = i + 1; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x30 || c > 0x39) return null;
      len = len * 10 + c - 0x30;
    }
    if (len > 32) return null;
    mask = maskOf(len) >>> 0;
  }
  return { addr: (addr & mask) >>> 0, mask, invert };
}

/** xtables_numeric_to_ipaddr: one to four dotted bytes, the missing ones zero (`1.2.3` is 1.2.3.0). */
function parseDotted(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  while (parts.length < 4) parts.push('0');
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;
}
