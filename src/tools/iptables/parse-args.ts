import type { AddrMatch, IfaceMatch, Rule, Verdict, XtModule } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { maskOf, parseIPv4 } from '../../net/ipv4.js';
import { bareParamError, paramError } from './errors.js';
import { findMatch, findTarget } from './modules/index.js';
import type { ExtData, ExtSpec, ParseCtx } from './modules/spec.js';
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
  version: boolean;
  help: boolean;
  /** -c PKTS BYTES */
  counters?: [bigint, bigint];
  /** -L given with -Z: list, then zero. */
  zero?: boolean;
}

const COMMANDS: Record<string, CommandKind> = {
  append: 'A',
  check: 'C',
  delete: 'D',
  replace: 'R',
  insert: 'I',
  list: 'L',
  'list-rules': 'S',
  flush: 'F',
  zero: 'Z',
  'new-chain': 'N',
  'delete-chain': 'X',
  'rename-chain': 'E',
  policy: 'P',
};
/** Long options of iptables itself, mapped to their short letter. */
const LONG: Record<string, string> = {
  ...Object.fromEntries(Object.entries(COMMANDS).map(([k, v]) => [k, v])),
  source: 's',
  src: 's',
  destination: 'd',
  dst: 'd',
  protocol: 'p',
  'in-interface': 'i',
  'out-interface': 'o',
  jump: 'j',
  goto: 'g',
  table: 't',
  match: 'm',
  numeric: 'n',
  verbose: 'v',
  exact: 'x',
  'line-numbers': '0',
  version: 'V',
  help: 'h',
  fragment: 'f',
  'set-counters': 'c',
  wait: 'w',
  'wait-interval': 'W',
  ipv4: '4',
  ipv6: '6',
};
const WITH_ARG = new Set([
  'A',
  'C',
  'D',
  'R',
  'I',
  'N',
  'E',
  'P',
  'o',
  'p',
  's',
  'd',
  'j',
  'i',
  't',
  'm',
  'c',
  'g',
]);
const OPTIONAL_ARG = new Set(['L', 'S', 'F', 'Z', 'X', 'h', 'w', 'W']);
const STANDARD = new Set(['ACCEPT', 'DROP', 'RETURN']);

interface Loaded {
  spec: ExtSpec;
  data: ExtData;
}

/** Callback to learn whether a chain exists, for `-j CHAIN` (checked at parse time in 1.8.9). */
export type ChainExists = (table: string, chain: string) => boolean;

/** do_parse(): argv (without argv[0]) to a command, throwing XtError as iptables exits. */
export function parseArgs(argv: readonly string[], chainExists: ChainExists): ParsedCommand {
  const cmd: ParsedCommand = {
    command: null,
    table: 'filter',
    rules: [],
    numeric: false,
    verbose: false,
    exact: false,
    lineNumbers: false,
    version: false,
    help: false,
  };
  let invert = false;
  let proto: number | undefined;
  let protoInvert = false;
  let src: string | undefined, dst: string | undefined;
  let srcInv = false,
    dstInv = false;
  let inIface: IfaceMatch | null = null,
    outIface: IfaceMatch | null = null;
  let fragment: { invert: boolean } | null = null;
  let jump: string | undefined;
  let isGoto = false;
  let target = null as Loaded | null;
  const matches: Loaded[] = [];
  const ctx = (): ParseCtx => ({ proto: proto ?? 0, protoInvert });

  let i = 0;
  const nextIsArg = () => i < argv.length && !argv[i].startsWith('-') && argv[i] !== '!';
  const setCommand = (c: CommandKind) => {
    // -L and -Z combine (list, then zero); every other pair is refused.
    if ((c === 'Z' && cmd.command === 'L') || (c === 'L' && cmd.command === 'Z')) {
      cmd.command = 'L';
      cmd.zero = true;
      return;
    }
    if (cmd.command) throw paramError(`Cannot use -${c} with -${cmd.command}`);
    cmd.command = c;
  };
  const takeInvert = (opt: string, allowed: boolean) => {
    const was = invert;
    invert = false;
    if (was && !allowed) throw paramError(`cannot have ! before -${opt}`);
    return was;
  };
  const ruleNumber = (text: string): number => {
    const n = /^\d+$/.test(text) ? Number(text) : 0;
    if (n < 1) throw paramError(`Invalid rule number \`${text}'`);
    return n;
  };

  const shortOpt = (c: string, optarg: string | undefined): void => {
    switch (c) {
      case 'A':
      case 'C':
      case 'N':
      case 'D':
      case 'R':
      case 'I':
      case 'E':
      case 'P':
        setCommand(c);
        cmd.chain = optarg!;
        if (c === 'N') {
          checkChainName(optarg!);
          if (STANDARD.has(optarg!) || optarg === 'QUEUE' || findTarget(optarg!))
            throw paramError('chain name may not clash with target name');
        }
        if (c === 'D' && nextIsArg()) cmd.rulenum = ruleNumber(argv[i++]);
        if (c === 'R') {
          if (!nextIsArg()) throw paramError('-R requires a rule number');
          cmd.rulenum = ruleNumber(argv[i++]);
        }
        if (c === 'I' && nextIsArg() && /^\d/.test(argv[i])) cmd.rulenum = ruleNumber(argv[i++]);
        if (c === 'E') {
          if (!nextIsArg()) throw paramError('-E requires old-chain-name and new-chain-name');
          cmd.newName = argv[i++];
          checkChainName(cmd.newName);
        }
        if (c === 'P') {
          if (!nextIsArg()) throw paramError('-P requires a chain and a policy');
          cmd.policy = argv[i++];
        }
        return;
      case 'L':
      case 'S':
      case 'F':
      case 'Z':
      case 'X':
        setCommand(c);
        cmd.chain = optarg ?? (nextIsArg() ? argv[i++] : cmd.chain);
        if ((c === 'L' || c === 'S' || c === 'Z') && cmd.chain !== undefined && nextIsArg())
          cmd.rulenum = ruleNumber(argv[i++]);
        return;
      case 'V':
        cmd.version = true;
        return;
      case 'h':
        cmd.help = true;
        return;
      case 'n':
        cmd.numeric = true;
        return;
      case 'v':
        cmd.verbose = true;
        return;
      case 'x':
        cmd.exact = true;
        return;
      case '0':
        cmd.lineNumbers = true;
        return;
      case 'w':
      case 'W':
      case '4':
        return;
      case '6':
        throw paramError('This is the IPv4 version of iptables.');
      case 't':
        if (invert) throw paramError('unexpected ! flag before --table');
        cmd.table = optarg!;
        return;
      case 'p': {
        if (proto !== undefined) throw paramError('multiple -p flags not allowed');
        protoInvert = takeInvert('p', true);
        const p = parseProto(optarg!);
        if (p === undefined) throw paramError(`unknown protocol "${optarg}" specified`);
        if (p === 0 && protoInvert) throw paramError('rule would never match protocol');
        proto = p;
        return;
      }
      case 's':
      case 'd': {
        if ((c === 's' ? src : dst) !== undefined) throw paramError(`multiple -${c} flags not allowed`);
        const inv = takeInvert(c, true);
        if (c === 's') [src, srcInv] = [optarg!, inv];
        else [dst, dstInv] = [optarg!, inv];
        return;
      }
      case 'i':
      case 'o': {
        if ((c === 'i' ? inIface : outIface) !== null) throw paramError(`multiple -${c} flags not allowed`);
        const inv = takeInvert(c, true);
        if (optarg!.length > 15)
          throw paramError(`interface name \`${optarg}' must be shorter than IFNAMSIZ (15)`);
        const m = { name: optarg!, invert: inv };
        if (c === 'i') inIface = m;
        else outIface = m;
        return;
      }
      case 'f':
        if (fragment) throw paramError('multiple -f flags not allowed');
        fragment = { invert: takeInvert('f', true) };
        return;
      case 'j':
      case 'g': {
        if (jump !== undefined) throw paramError(`multiple -${c} flags not allowed`);
        takeInvert(c, false);
        jump = optarg!;
        isGoto = c === 'g';
        const spec = c === 'j' ? findTarget(jump) : undefined;
        if (spec) target = { spec, data: spec.init?.() ?? {} };
        return;
      }
      case 'm': {
        takeInvert('m', false);
        const spec = findMatch(optarg!);
        if (!spec) throw paramError(`Couldn't load match \`${optarg}':No such file or directory\n`);
        matches.push({ spec, data: spec.init?.() ?? {} });
        return;
      }
      case 'c': {
        takeInvert('c', false);
        const p = optarg!,
          b = nextIsArg() ? argv[i++] : undefined;
        if (b === undefined) throw paramError('-c requires packet and byte counter');
        if (!/^\d+$/.test(p)) throw paramError(`-c packet counter not numeric`);
        if (!/^\d+$/.test(b)) throw paramError(`-c byte counter not numeric`);
        cmd.counters = [BigInt(p), BigInt(b)];
        return;
      }
    }
  };

  /** An option no base parser knows: a loaded extension's, or the protocol match auto-loaded. */
  const extOpt = (name: string, inlineArg: string | undefined): void => {
    let owner: Loaded | undefined = matches.find((m) => m.spec.options[name]);
    if (!owner && target?.spec.options[name]) owner = target;
    if (!owner && proto !== undefined && !matches.some((m) => m.spec.name === protoName(proto!))) {
      const auto = findMatch(protoName(proto) ?? '');
      if (auto?.options[name]) {
        owner = { spec: auto, data: auto.init?.() ?? {} };
        matches.push(owner);
      }
    }
    if (!owner) {
      // getopt_long takes an unambiguous prefix of a loaded extension's option (`--to`).
      const loaded = target ? [...matches, target] : matches;
      const hits = loaded.flatMap((l) =>
        Object.keys(l.spec.options)
          .filter((o) => o.startsWith(name))
          .map((o) => [l, o] as const),
      );
      if (hits.length === 1) [owner, name] = hits[0];
    }
    if (!owner) throw paramError(`unknown option "--${name}"`);
    const opt = owner.spec.options[name];
    let arg = '';
    if (opt.arg) {
      if (inlineArg !== undefined) arg = inlineArg;
      else if (i < argv.length) arg = argv[i++];
      else throw paramError(`option "--${name}" requires an argument`);
      if (opt.arg2) {
        if (i >= argv.length || argv[i].startsWith('-') || argv[i] === '!')
          throw paramError('--tcp-flags requires two args.');
        arg += `\0${argv[i++]}`;
      }
    }
    const inv = invert;
    invert = false;
    owner.spec.parse(owner.data, name, arg, inv, ctx());
  };

  while (i < argv.length) {
    const a = argv[i++];
    if (a === '!') {
      if (invert) throw paramError('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const c = LONG[name];
      if (c === undefined) {
        extOpt(name, inline);
        continue;
      }
      let optarg = inline;
      if (WITH_ARG.has(c) && optarg === undefined) {
        if (i >= argv.length) throw paramError(`option "--${name}" requires an argument`);
        optarg = argv[i++];
      }
      shortOpt(c, optarg);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        const known = WITH_ARG.has(c) || OPTIONAL_ARG.has(c) || 'Vnvxf46'.includes(c);
        if (!known || c === '0') throw paramError(`unknown option "-${c}"`);
        if (WITH_ARG.has(c)) {
          let optarg = a.slice(k + 1);
          if (optarg === '') {
            if (i >= argv.length) throw paramError(`option "-${c}" requires an argument`);
            optarg = argv[i++];
          }
          shortOpt(c, optarg);
          break;
        }
        if (OPTIONAL_ARG.has(c) && k + 1 < a.length) {
          shortOpt(c, a.slice(k + 1));
          break;
        }
        shortOpt(c, undefined);
      }
      continue;
    }
    throw bareParamError(`Bad argument \`${a}'`);
  }
  if (invert) throw paramError('nothing appropriate following !');
  if (cmd.version || cmd.help) return cmd;
  if (!cmd.command) throw paramError('no command specified');

  for (const m of matches) m.spec.final?.(m.data, ctx());
  target?.spec.final?.(target.data, ctx());

  if (cmd.table === 'nat' && (cmd.command === 'P' ? cmd.policy === 'DROP' : jump === 'DROP'))
    throw paramError(
      '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n',
    );

  const takesRule = 'ACDRI'.includes(cmd.command);
  if (takesRule) {
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
    const srcs = src === undefined ? [null] : parseAddrs(src, srcInv);
    const dsts = dst === undefined ? [null] : parseAddrs(dst, dstInv);
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
  return cmd;
}

const freeze = (l: Loaded): XtModule => ({ name: l.spec.name, data: l.data });

function checkIfaceHook(chain: string, inIface: IfaceMatch | null, outIface: IfaceMatch | null): void {
  if (outIface && (chain === 'PREROUTING' || chain === 'INPUT'))
    throw paramError(`Can't use -o with ${chain}\n`);
  if (inIface && (chain === 'POSTROUTING' || chain === 'OUTPUT'))
    throw paramError(`Can't use -i with ${chain}\n`);
}

function checkChainName(name: string): void {
  if (name.length >= 29) throw paramError(`chain name \`${name}' too long (must be under 29 chars)`);
  if (name.startsWith('-') || name.startsWith('!'))
    throw paramError(`chain name not allowed to start with \`${name[0]}'`);
  if (/[\s]/.test(name) || name === '!') throw paramError(`Invalid chain name \`${name}'`);
}

/** xtables_ipparse_multiple: comma-separated ADDR[/LEN|/MASK], each masked. */
function parseAddrs(text: string, invert: boolean): AddrMatch[] {
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

/** xtables_numeric_to_ipaddr: one to four dotted bytes, the missing ones zero (`1.2.3` is 1.2.3.0). */
function parseDotted(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  while (parts.length < 4) parts.push('0');
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;
}
