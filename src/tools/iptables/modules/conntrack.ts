import { xtTable } from './util.js';
import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { formatIPv4, maskOf } from '../../../net/ipv4.js';
import { inetAton } from '../../ping.js';
import { lookupHost } from '../../ping-format.js';

/** State bits in the order print_state walks them. */
const STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function parseStates(text: string, what: string, allowNat: boolean): number {
  let bits = 0;
  for (const w of text.split(',')) {
    const i = STATES.indexOf(w.toUpperCase());
    if (i < 0 || (!allowNat && i > 4)) throw paramError(`Bad ${what} "${w}"`);
    bits |= 1 << i;
  }
  return bits;
}
const statesText = (bits: number) => STATES.filter((_, i) => bits & (1 << i)).join(',');

export const state: ExtSpec = {
  name: 'state',
  options: { state: { arg: true } },
  xtopts: xtTable(['state']),
  parse(d, _o, arg, invert) {
    Object.assign(d, { states: parseStates(arg, 'state', false), inv: invert });
  },
  final(d) {
    if (d.states === undefined) throw paramError('state: option "--state" must be specified\n');
  },
  save: (d) => `${d.inv ? ' !' : ''} --state ${statesText(d.states as number)}`,
  print: (d) => ` ${d.inv ? '! ' : ''}state ${statesText(d.states as number)}`,
};

const ADDR_OPTS = ['ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst'];
const PORT_OPTS = ['ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport'];
/** IPS_* bits in the order print_status walks them. */
const STATUS = ['EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

function parseStatus(text: string): number {
  let bits = 0;
  for (const w of text.split(',')) {
    if (w.toUpperCase() === 'NONE') continue;
    const i = STATUS.indexOf(w.toUpperCase());
    if (i < 0) throw paramError(`Bad ctstatus "${w}"`);
    bits |= 1 << i;
  }
  return bits;
}
const statusText = (bits: number) =>
  bits === 0 ? 'NONE' : STATUS.filter((_, i) => bits & (1 << i)).join(',');

interface CtPort {
  lo: number;
  hi: number;
  inv: boolean;
}
const portRangeText = (p: CtPort, sep: string) => (p.lo === p.hi ? `${p.lo}` : `${p.lo}${sep}${p.hi}`);

interface CtAddr {
  addr: number;
  len: number;
  inv: boolean;
  /** Written without a prefix: the mask is then all 128 bits of nf_inet_addr (see compareKey). */
  host?: boolean;
}

const addrText = (a: CtAddr) => `${formatIPv4(a.addr)}${a.len === 32 ? '' : `/${a.len}`}`;

/**
 * XTTYPE_HOSTMASK as iptables 1.8.9 reads it (measured): a name or an
 * address, kept unmasked (`1.2.3.4/24` prints so); a prefix 0-32 or a
 * dotted mask; a mask that is no prefix (`255.0.255.0`, `33`) counts as /32.
 */
function parseHostMask(arg: string): { addr: number; len: number; host: boolean } {
  const slash = arg.indexOf('/');
  const name = slash < 0 ? arg : arg.slice(0, slash);
  const addr = inetAton(name) ?? lookupHost(name);
  if (addr === null || addr === undefined) throw paramError(`host/network \`${arg}' not found`);
  if (slash < 0) return { addr, len: 32, host: true };
  const text = arg.slice(slash + 1);
  const len = /^\d+$/.test(text) && Number(text) <= 32 ? Number(text) : maskLen(inetAton(text));
  return { addr, len: len < 0 ? 32 : len, host: false };
}

/** The prefix length of a contiguous mask, -1 for any other (or none). */
function maskLen(mask: number | null): number {
  if (mask === null) return -1;
  for (let len = 0; len <= 32; len++) if (maskOf(len) >>> 0 === mask >>> 0) return len;
  return -1;
}

const U32_MAX = 4294967295;

/**
 * xtables_parse_range for XTTYPE_UINT32RC: `N` or `N:M` (M below N is kept
 * as given); junk after a number and values past u32 are errors.
 */
function parseExpire(arg: string): { lo: number; hi: number } {
  const outOfRange = (near: string) =>
    paramError(
      `conntrack: bad value for option "--ctexpire" near "${near}", or out of range (0-${U32_MAX}).\n`,
    );
  const [first, second] = arg.split(/:(.*)/s, 2);
  const num = (text: string): number => {
    const m = /^\d+/.exec(text);
    if (!m) throw outOfRange(text);
    const n = Number(m[0]);
    if (n > U32_MAX) throw outOfRange(text);
    if (m[0].length !== text.length)
      throw paramError(
        `conntrack: Argument to "--ctexpire" has unexpected characters near "${text.slice(m[0].length)}".\n`,
      );
    return n;
  };
  const lo = num(first);
  return { lo, hi: second === undefined ? lo : num(second) };
}

export const conntrack: ExtSpec = {
  name: 'conntrack',
  options: Object.fromEntries(
    ['ctstate', 'ctproto', 'ctstatus', ...ADDR_OPTS, ...PORT_OPTS, 'ctexpire', 'ctdir'].map((o) => [
      o,
      { arg: true },
    ]),
  ),
  xtopts: xtTable(['ctstate', 'ctproto', 'ctstatus', ...ADDR_OPTS, ...PORT_OPTS, 'ctexpire', 'ctdir']),
  parse(d, opt, arg, invert) {
    if (opt === 'ctdir') {
      // XTTYPE_STRING without XTOPT_INVERT: "--ctdir" cannot be inverted.
      if (invert) throw paramError('conntrack: option "--ctdir" cannot be inverted.\n');
      const dir = arg.toUpperCase();
      if (dir !== 'ORIGINAL' && dir !== 'REPLY')
        throw paramError(`conntrack: Bad value for "--ctdir" option: "${arg}"`);
      d.ctdir = { dir, inv: false };
    } else if (opt === 'ctexpire') {
      d.ctexpire = { ...parseExpire(arg), inv: invert };
    } else if (opt === 'ctstate') {
      d.ctstate = { bits: parseStates(arg, 'ctstate', true), inv: invert };
    } else if (opt === 'ctstatus') {
      d.ctstatus = { bits: parseStatus(arg), inv: invert };
    } else if (PORT_OPTS.includes(opt)) {
      const m = /^(\d+)(?:[:-](\d+))?$/.exec(arg);
      const lo = Number(m?.[1]);
      const hi = m?.[2] === undefined ? lo : Number(m[2]);
      if (!m || lo > 65535 || hi > 65535) throw paramError(`conntrack: bad value for option "--${opt}"`);
      d[opt] = { lo, hi, inv: invert };
    } else if (opt === 'ctproto') {
      const n = Number(arg);
      d.ctproto = { proto: arg === 'tcp' ? 6 : arg === 'udp' ? 17 : arg === 'icmp' ? 1 : n, inv: invert };
    } else d[opt] = { ...parseHostMask(arg), inv: invert };
  },
  final(d) {
    if (Object.keys(d).length === 0) throw paramError('conntrack: At least one option is required\n');
  },
  // A bare address sets the whole 16-byte mask, `/32` only its first 4
  // bytes: -C and -D tell `--ctorigsrc 1.2.3.4` from `1.2.3.4/32` though
  // both print alike (measured).
  compareKey(d) {
    let s = conntrack.save(d);
    for (const k of ADDR_OPTS) if ((d[k] as CtAddr | undefined)?.host) s += ` ${k}-host`;
    return s;
  },
  save(d) {
    let s = '';
    const st = d.ctstate as { bits: number; inv: boolean } | undefined;
    if (st) s += `${st.inv ? ' !' : ''} --ctstate ${statesText(st.bits)}`;
    const p = d.ctproto as { proto: number; inv: boolean } | undefined;
    if (p) s += `${p.inv ? ' !' : ''} --ctproto ${p.proto}`;
    for (const k of ADDR_OPTS) {
      const a = d[k] as CtAddr | undefined;
      if (a) s += `${a.inv ? ' !' : ''} --${k} ${addrText(a)}`;
    }
    for (const k of PORT_OPTS) {
      const p = d[k] as CtPort | undefined;
      if (p) s += `${p.inv ? ' !' : ''} --${k} ${portRangeText(p, ':')}`;
    }
    const cs = d.ctstatus as { bits: number; inv: boolean } | undefined;
    if (cs) s += `${cs.inv ? ' !' : ''} --ctstatus ${statusText(cs.bits)}`;
    const ex = d.ctexpire as CtPort | undefined;
    if (ex) s += `${ex.inv ? ' !' : ''} --ctexpire ${portRangeText(ex, ':')}`;
    const dir = d.ctdir as { dir: string } | undefined;
    if (dir) s += ` --ctdir ${dir.dir}`;
    return s;
  },
  print(d) {
    let s = '';
    const st = d.ctstate as { bits: number; inv: boolean } | undefined;
    if (st) s += ` ${st.inv ? '! ' : ''}ctstate ${statesText(st.bits)}`;
    const p = d.ctproto as { proto: number; inv: boolean } | undefined;
    if (p) s += ` ${p.inv ? '! ' : ''}ctproto ${p.proto}`;
    for (const k of ADDR_OPTS) {
      const a = d[k] as CtAddr | undefined;
      if (a) s += ` ${a.inv ? '! ' : ''}${k} ${addrText(a)}`;
    }
    for (const k of PORT_OPTS) {
      const p = d[k] as CtPort | undefined;
      if (p) s += ` ${p.inv ? '! ' : ''}${k} ${portRangeText(p, ':')}`;
    }
    const cs = d.ctstatus as { bits: number; inv: boolean } | undefined;
    if (cs) s += ` ${cs.inv ? '! ' : ''}ctstatus ${statusText(cs.bits)}`;
    const ex = d.ctexpire as CtPort | undefined;
    if (ex) s += ` ${ex.inv ? '! ' : ''}ctexpire ${portRangeText(ex, ':')}`;
    const dir = d.ctdir as { dir: string } | undefined;
    if (dir) s += ` ctdir ${dir.dir}`;
    return s;
  },
};
