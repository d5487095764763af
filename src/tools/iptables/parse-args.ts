import type { Netns } from '../../kernel/netns.js';
import type { AddrMatch, IfaceMatch, Rule, Verdict, XtModule } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { maskOf, parseIPv4 } from '../../net/ipv4.js';
import { bareParamError, paramError, tryHelpError } from './errors.js';
import { IPTABLES_HELP, MATCH_HELP, TARGET_HELP } from './help.js';
import { findMatch, findTarget } from './modules/index.js';
import type { ExtData, ExtSpec, ParseCtx } from './modules/spec.js';
import {
  decimal,
  dottedQuad,
  strtoui,
  xtFlagsReset,
  xtOptionParse,
  xtOptionsFcheck,
} from './modules/util.js';
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

/** An extension loaded for the rule being parsed (struct xtables_match/target and its data). */
export interface Loaded {
  spec: ExtSpec;
  data: ExtData;
}

/** -m NAME / -j NAME: a fresh instance of the extension. */
export const loadExt = (spec: ExtSpec): Loaded => ({ spec, data: spec.init?.() ?? {} });

/** One option of a loaded extension: its option table's checks (x6 extensions), then its parser. */
export function extParse(l: Loaded, name: string, arg: string, invert: boolean, ctx: ParseCtx): void {
  if (l.spec.xtopts) xtOptionParse(l.data, l.spec.name, l.spec.xtopts, name, invert);
  l.spec.parse(l.data, name, arg, invert, ctx);
}

/** xtables_option_mfcheck / tfcheck: the extension's own check, then its option table's. */
export function extFinal(l: Loaded, ctx: ParseCtx): void {
  l.spec.final?.(l.data, ctx);
  if (l.spec.xtopts) xtOptionsFcheck(l.data, l.spec.name, l.spec.xtopts);
}

/** Callback to learn whether a chain exists, for `-j CHAIN` (checked at parse time in 1.8.9). */
export type ChainExists = (table: string, chain: string) => boolean;

/** What getopt_long found for one argument: a base option letter or a loaded extension's option. */
type Resolved = { kind: 'base'; letter: string; has: HasArg } | { kind: 'ext'; owner: Loaded; name: string };

/** The base long options by exact name (the first of a name wins, as in the table). */
const BASE_EXACT = new Map<string, Resolved>();
/** Whether NAME is a base option's exact long name (getopt takes it before any extension's). */
export const isBaseLong = (name: string): boolean => BASE_EXACT.has(name);
for (const [name, letter, has] of BASE_LONG)
  if (!BASE_EXACT.has(name)) BASE_EXACT.set(name, { kind: 'base', letter, has });

/** cs->options as a bit set: bit k is OPT_ORDER[k]. */
const OPT_BIT: Readonly<Record<string, number>> = Object.fromEntries(OPT_ORDER.map((o, k) => [o, 1 << k]));
/** LEGAL as bit sets of OPT_BIT. */
const LEGAL_BITS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(LEGAL).map(([c, opts]) => [c, [...opts].reduce((m, o) => m | OPT_BIT[o], 0)]),
);

/** Verdicts without a per-rule part: every rule shares them (a Rule never changes). */
export const NO_VERDICT: Verdict = { kind: 'none' };
export const STANDARD_VERDICT: ReadonlyMap<string, Verdict> = new Map(
  [...STANDARD].map((v) => [v, { kind: 'standard', verdict: v as 'ACCEPT' }]),
);
/** The standard verdict `-j NAME` names, if any: a name longer than RETURN is none (and is not hashed to learn it). */
export const standardVerdict = (name: string): Verdict | undefined =>
  name.length <= 6 ? STANDARD_VERDICT.get(name) : undefined;

const noWarning = (): void => {};

/**
 * do_parse(): argv (without argv[0]) to a command, throwing XtError as
 * iptables exits. `warn` receives what iptables prints on stderr and
 * goes on (deprecated -W, odd interface names).
 */
export function parseArgs(
  argv: readonly string[],
  chainExists: ChainExists,
  warn: (text: string) => void = noWarning,
  netns?: Netns,
): ParsedCommand {
  xtFlagsReset();
  return new Parser(argv, chainExists, warn, netns).run();
}

/**
 * One do_parse() run: the state iptables keeps in its locals and in
 * struct iptables_command_state, as fields (a restore parses 100k lines:
 * one object per line rather than a closure per helper).
 */
class Parser {
  private readonly cmd: ParsedCommand = {
    command: null,
    table: 'filter',
    rules: [],
    numeric: false,
    verbose: false,
    exact: false,
    lineNumbers: false,
  };
  /** Commands given so far (p->command is a bit set). */
  private readonly commands: string[] = [];
  /** Options given so far (cs->options), as OPT_BIT bits. */
  private options = 0;
  private invert = false;
  private proto: number | undefined = undefined;
  private protoText: string | undefined = undefined;
  private protoUsed = false;
  private protoInvert = false;
  private src: string | undefined = undefined;
  private dst: string | undefined = undefined;
  private srcInv = false;
  private dstInv = false;
  private inIface: IfaceMatch | null = null;
  private outIface: IfaceMatch | null = null;
  private fragment: { invert: boolean } | null = null;
  private jump: string | undefined = undefined;
  private isGoto = false;
  private deleteNum = false;
  private wait = 0;
  private waitInterval = false;
  private target: Loaded | null = null;
  private readonly matches: Loaded[] = [];
  /** Matches and the target in the order they were loaded. */
  private readonly loaded: Loaded[] = [];

  private loadMatch(spec: ExtSpec): void {
    const l = loadExt(spec);
    this.matches.push(l);
    this.loaded.push(l);
  }
  /** What extension parsers see; made again only when -p changes it. */
  private parseCtx: ParseCtx | null = null;
  private i = 0;

  constructor(
    private readonly argv: readonly string[],
    private readonly chainExists: ChainExists,
    private readonly warn: (text: string) => void,
    private readonly netns: Netns | undefined,
  ) {}

  run(): ParsedCommand {
    const argv = this.argv;
    while (this.i < argv.length) {
      const a = argv[this.i++];
      if (a === '!') {
        if (this.invert) throw paramError('multiple consecutive ! not allowed');
        this.invert = true;
        continue;
      }
      let stop: boolean;
      // `--x...` and `-x...` by char code: this runs for every word of every restore line.
      if (a.charCodeAt(0) === 0x2d && a.length > 1)
        stop = a.charCodeAt(1) === 0x2d && a.length > 2 ? this.longOption(a) : this.shortOptions(a);
      else throw bareParamError(`Bad argument \`${a}'`);
      if (stop) return this.cmd;
      this.invert = false;
    }
    return this.finish();
  }

  private ctx(): ParseCtx {
    return (this.parseCtx ??= {
      proto: this.proto ?? 0,
      protoInvert: this.protoInvert,
      netns: this.netns,
      warn: this.warn,
    });
  }

  /** xs_has_arg: the next word exists and is not an option or `!`. */
  private hasArg(): boolean {
    const w = this.argv[this.i];
    return this.i < this.argv.length && !w.startsWith('-') && !w.startsWith('!');
  }

  private addCommand(c: string): void {
    if (this.invert) throw paramError("unexpected '!' flag");
    const clash = this.commands.find((o) => !(COMBINES[c] ?? '').includes(o));
    if (clash) throw paramError(`Cannot use -${c} with -${clash}`);
    this.commands.push(c);
  }

  private setOption(c: string): boolean {
    const bit = OPT_BIT[c];
    if ((this.options & bit) !== 0) throw paramError(`multiple -${c} flags not allowed`);
    this.options |= bit;
    if (this.invert && !INVERTIBLE.has(c)) throw paramError(`cannot have ! before -${c}`);
    return this.invert;
  }

  private ruleNumber(text: string): number {
    const n = strtoui(text, 1, 0x7fffffff);
    if (n === undefined) throw paramError(`Invalid rule number \`${text}'`);
    return n;
  }

  /** The next word, consumed. */
  private next(): string {
    return this.argv[this.i++];
  }

  /** The help print_help gives at this point: base text, then the loaded target's, then each match's. */
  private helpText(): string {
    let s = IPTABLES_HELP;
    const { jump, matches, protoText } = this;
    const t =
      jump !== undefined && !this.isGoto
        ? STANDARD.has(jump) || jump === 'QUEUE'
          ? 'standard'
          : this.target?.spec.name
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
  }

  /** Handles one option; returns true when parsing stops here (-h, -V). */
  private option(c: string, optarg: string | undefined, word: string): boolean {
    const cmd = this.cmd;
    switch (c) {
      case 'A':
      case 'C':
      case 'D':
      case 'R':
      case 'I':
      case 'P':
      case 'E':
        this.addCommand(c);
        cmd.chain = optarg!;
        if (c === 'D' && this.hasArg()) {
          cmd.rulenum = this.ruleNumber(this.next());
          this.deleteNum = true;
        }
        if (c === 'R') {
          if (!this.hasArg()) throw paramError('-R requires a rule number');
          cmd.rulenum = this.ruleNumber(this.next());
        }
        if (c === 'I' && this.hasArg()) cmd.rulenum = this.ruleNumber(this.next());
        if (c === 'E') {
          if (!this.hasArg()) throw paramError('-E requires old-chain-name and new-chain-name');
          cmd.newName = this.next();
        }
        if (c === 'P') {
          if (!this.hasArg()) throw paramError('-P requires a chain and a policy');
          cmd.policy = this.next();
        }
        return false;
      case 'N':
        checkChainName(optarg!);
        this.addCommand(c);
        cmd.chain = optarg!;
        return false;
      case 'L':
      case 'S':
      case 'F':
      case 'Z':
      case 'X':
        this.addCommand(c);
        if (optarg !== undefined) cmd.chain = optarg;
        else if (this.hasArg()) cmd.chain = this.next();
        if ((c === 'L' || c === 'S' || c === 'Z') && this.hasArg()) {
          cmd.rulenum = this.ruleNumber(this.next());
          if (c === 'Z') cmd.zeroRule = true;
        }
        return false;
      case 'V':
        cmd.print = this.invert ? 'Not 1.8.9 (nf_tables) ;-)\n' : 'iptables v1.8.9 (nf_tables)\n';
        return true;
      case 'h':
        cmd.print = this.helpText();
        return true;
      case 'n':
        this.setOption('n');
        cmd.numeric = true;
        return false;
      case 'v':
        if (!cmd.verbose) this.setOption('v');
        cmd.verbose = true;
        return false;
      case 'x':
        this.setOption('x');
        cmd.exact = true;
        return false;
      case '0':
        this.setOption('0');
        cmd.lineNumbers = true;
        return false;
      case 'w':
        this.wait = waitSeconds(optarg ?? (this.hasArg() ? this.next() : undefined));
        return false;
      case 'W': {
        const text = optarg ?? (this.hasArg() ? this.next() : undefined);
        if (text === undefined) throw paramError('wait interval value required');
        const usec = scanUnsigned(text);
        if (usec === undefined) throw paramError('wait interval not numeric');
        if (usec > 999999) throw paramError(`too long usec wait ${usec} > 999999 usec`);
        this.warn('Ignoring deprecated --wait-interval option.\n');
        this.waitInterval = true;
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
        if (this.invert) throw paramError('unexpected ! flag before --table');
        cmd.table = optarg!;
        return false;
      case 'p': {
        this.protoInvert = this.setOption('p');
        // iptables lower-cases the word in place, and parses the whole argv word (`-pudp` stays `-pudp`).
        const text = word.toLowerCase();
        this.protoText = text;
        const p = parseProto(text);
        if (p === undefined) throw paramError(`unknown protocol "${text}" specified`);
        if (p === 0 && this.protoInvert) throw paramError('rule would never match protocol');
        this.proto = p;
        this.parseCtx = null;
        return false;
      }
      case 's':
        this.srcInv = this.setOption('s');
        this.src = word;
        return false;
      case 'd':
        this.dstInv = this.setOption('d');
        this.dst = word;
        return false;
      case 'i':
      case 'o': {
        if (word === '') throw paramError('Empty interface is likely to be undesired');
        const inv = this.setOption(c);
        if (word.length > 15)
          throw paramError(`interface name \`${word}' must be shorter than IFNAMSIZ (15)`);
        if (/[/ ]/.test(word))
          this.warn(
            `Warning: weird character in interface \`${word}' ('/' and ' ' are not allowed by the kernel).\n`,
          );
        const m = { name: word, invert: inv };
        if (c === 'i') this.inIface = m;
        else this.outIface = m;
        return false;
      }
      case 'f':
        this.fragment = { invert: this.setOption('f') };
        return false;
      case 'j':
      case 'g': {
        this.setOption('j');
        const jump = checkTargetName(c === 'j' ? word : optarg!);
        this.jump = jump;
        this.isGoto = c === 'g';
        const spec = c === 'j' ? findTarget(jump) : undefined;
        if (spec) this.loaded.push((this.target = loadExt(spec)));
        return false;
      }
      case 'm': {
        if (this.invert) throw paramError('unexpected ! flag before --match');
        const spec = findMatch(optarg!);
        if (!spec) throw paramError(`Couldn't load match \`${optarg}':No such file or directory\n`);
        this.loadMatch(spec);
        return false;
      }
      case 'c': {
        this.setOption('c');
        const comma = optarg!.indexOf(',', 1);
        const b = comma >= 0 ? optarg!.slice(comma + 1) : this.hasArg() ? this.next() : undefined;
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
  }

  /** getopt_long: an exact name, else a unique prefix, among the base options and the loaded extensions'. */
  private resolveLong(name: string): Resolved | undefined {
    // An exact name, found without building the candidate list: nearly every argument (a restore has 100k lines).
    const base = BASE_EXACT.get(name);
    if (base) return base;
    // xtables_merge_options puts each newly loaded extension's options first:
    // with two instances of one match, an option goes to the later one.
    const loaded = this.loaded;
    for (let k = loaded.length - 1; k >= 0; k--)
      if (Object.hasOwn(loaded[k].spec.options, name)) return { kind: 'ext', owner: loaded[k], name };
    const all: Resolved[] = BASE_LONG.map(([, letter, has]) => ({ kind: 'base' as const, letter, has }));
    const names: string[] = BASE_LONG.map(([n]) => n);
    for (let k = loaded.length - 1; k >= 0; k--)
      for (const o of Object.keys(loaded[k].spec.options)) {
        const l = loaded[k];
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
  }

  /** load_proto: an option nobody knows makes iptables load the match named by -p, once, and try again. */
  private loadProto(): boolean {
    if (this.proto === undefined || this.protoUsed) return false;
    const spec = findMatch(protoName(this.proto) ?? '');
    if (!spec) return false;
    this.protoUsed = true;
    this.loadMatch(spec);
    return true;
  }

  private extOption(owner: Loaded, name: string, inline: string | undefined, word: string): void {
    const { argv } = this;
    const opt = owner.spec.options[name];
    let arg = '';
    if (opt.arg) {
      if (inline !== undefined) arg = inline;
      else if (this.i < argv.length) arg = this.next();
      else throw paramError(`option "${word}" requires an argument`);
      if (opt.arg2) {
        if (this.i >= argv.length || argv[this.i].startsWith('-') || argv[this.i] === '!')
          throw paramError(opt.arg2Message ?? `--${name} requires two args.`);
        arg += `\0${this.next()}`;
      }
    } else if (inline !== undefined) throw paramError(`unknown option "${word}"`);
    extParse(owner, name, arg, this.invert, this.ctx());
  }

  private longOption(a: string): boolean {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    let r = this.resolveLong(name);
    while (!r && this.loadProto()) r = this.resolveLong(name);
    if (!r) throw paramError(`unknown option "${a}"`);
    if (r.kind === 'ext') {
      this.extOption(r.owner, r.name, inline, a);
      return false;
    }
    if (r.has === 0 && inline !== undefined) throw paramError(`unknown option "${a}"`);
    if (r.has === 1 && inline === undefined) {
      if (this.i >= this.argv.length) {
        this.loadProto();
        throw paramError(`option "${a}" requires an argument`);
      }
      const w = this.next();
      return this.option(r.letter, w, w);
    }
    return this.option(r.letter, inline, a);
  }

  /** One word of short options (`-vnL`, `-sADDR`, `-j` ACCEPT). */
  private shortOptions(a: string): boolean {
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      const has = SHORT[c];
      if (has === undefined) {
        this.loadProto();
        throw paramError(`unknown option "-${c}"`);
      }
      if (has === 0) {
        if (this.option(c, undefined, a)) return true;
        continue;
      }
      // The common `-X WORD`: no slice of the rest of the word to make.
      const rest = k + 1 < a.length ? a.slice(k + 1) : '';
      if (rest !== '') return this.option(c, rest, a);
      if (has === 2) return this.option(c, undefined, a);
      if (this.i >= this.argv.length) {
        this.loadProto();
        throw paramError(`option "${a}" requires an argument`);
      }
      const w = this.next();
      return this.option(c, w, w);
    }
    return false;
  }

  private finish(): ParsedCommand {
    const { cmd, commands, matches, target } = this;
    if (cmd.table === 'nat' && (commands.includes('P') ? cmd.policy === 'DROP' : this.jump === 'DROP'))
      throw paramError(
        '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n',
      );
    // xtables_option_mfcheck / tfcheck: the extension's own check, then its option table's.
    for (const l of matches) extFinal(l, this.ctx());
    if (target) extFinal(target, this.ctx());
    if (commands.length === 0) throw paramError('no command specified');
    if (this.invert) throw paramError('nothing appropriate following !');
    const primary = commands.find((c) => c !== 'Z') ?? 'Z';
    cmd.command = primary as CommandKind;
    cmd.zero = commands.includes('Z') && primary !== 'Z' ? true : undefined;

    const { src, dst, srcInv, dstInv } = this;
    const srcs = src === undefined ? NO_ADDR : parseAddrs(src, srcInv);
    const dsts = dst === undefined ? NO_ADDR : parseAddrs(dst, dstInv);
    if ((srcs.length > 1 || dsts.length > 1) && (srcInv || dstInv))
      throw paramError('! not allowed with multiple source or destination IP addresses');
    if (cmd.command === 'R' && (srcs.length > 1 || dsts.length > 1))
      throw paramError('Replacement rule does not specify a unique address');
    checkOptions(commands, this.deleteNum, this.options);
    if (cmd.chain !== undefined && cmd.chain.length >= 29)
      throw paramError(`chain name \`${cmd.chain}' too long (must be under 29 chars)`);

    if ('ACDRI'.includes(cmd.command) && !this.deleteNum) {
      const { inIface, outIface, jump } = this;
      checkIfaceHook(cmd.chain!, inIface, outIface);
      let verdict = NO_VERDICT;
      if (jump !== undefined) {
        if (target) verdict = { kind: 'target', target: freeze(target) };
        else if (STANDARD.has(jump) && !this.isGoto) verdict = STANDARD_VERDICT.get(jump)!;
        else {
          if (!this.chainExists(cmd.table, jump)) throw paramError(`Chain '${jump}' does not exist`);
          verdict = { kind: 'jump', chain: jump, goto: this.isGoto };
        }
      }
      const frozen = freezeMatches(matches);
      for (const s of srcs)
        for (const d of dsts)
          cmd.rules.push({
            src: s,
            dst: d,
            inIface,
            outIface,
            proto: this.proto ?? 0,
            protoInvert: this.protoInvert,
            fragment: this.fragment,
            matches: frozen,
            verdict,
            counters: newCounters(cmd.counters?.[0], cmd.counters?.[1]),
          });
    }
    if (this.wait === 0 && this.waitInterval)
      throw paramError('--wait-interval only makes sense with --wait\n');
    return cmd;
  }
}

/** No -s or -d: one rule, with no address match. */
const NO_ADDR: readonly null[] = [null];

export const freeze = (l: Loaded): XtModule => ({ name: l.spec.name, data: l.data });

/** A tcp/udp match iptables-nft turns into native payload expressions (ports, flags; not --tcp-option). */
export const isNative = (l: Loaded) =>
  (l.spec.name === 'tcp' || l.spec.name === 'udp') && l.data.option === undefined;

/**
 * The rule's matches as the kernel keeps them. Native tcp/udp matches are
 * payload expressions, and iptables-nft reads every one of them back into
 * the rule's first native match of that protocol (later values win), so
 * `-m tcp --dport 1 -m tcp --sport 2` lists as one `-m tcp --sport 2 --dport 1`.
 */
export function freezeMatches(loaded: readonly Loaded[]): XtModule[] {
  let natives = 0;
  for (const l of loaded) if (isNative(l)) natives++;
  if (natives < 2) return loaded.map(freeze);
  const out: XtModule[] = [];
  const first = new Map<string, ExtData>();
  for (const l of loaded) {
    if (!isNative(l)) {
      out.push(freeze(l));
      continue;
    }
    const merged = first.get(l.spec.name);
    if (merged) {
      for (const [k, v] of Object.entries(l.data)) if (v !== undefined) merged[k] = v;
      continue;
    }
    const data = { ...l.data };
    first.set(l.spec.name, data);
    out.push({ name: l.spec.name, data });
  }
  return out;
}

/** generic_opt_check: the first option (in optflags order) that no given command allows. */
function checkOptions(commands: readonly string[], deleteNum: boolean, options: number): void {
  if (options === 0) return;
  let legal = 0;
  for (const c of commands) legal |= LEGAL_BITS[c === 'D' && deleteNum ? 'DELETE_NUM' : c];
  const illegal = options & ~legal;
  if (illegal === 0) return;
  for (let k = 0; k < OPT_ORDER.length; k++)
    if ((illegal & (1 << k)) !== 0) throw paramError(`Illegal option \`-${OPT_ORDER[k]}' with this command`);
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
 * splitting; null for any other form (parseAddrs then takes the general path).
 */
export function plainAddr(text: string, invert: boolean): AddrMatch | null {
  const slash = text.indexOf('/');
  const addr = dottedQuad(text, slash < 0 ? text.length : slash);
  if (addr === null) return null;
  let mask = 0xffffffff;
  if (slash >= 0) {
    const len = text.length - slash - 1 <= 2 ? decimal(text.slice(slash + 1)) : -1;
    if (len < 0 || len > 32) return null;
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
