import { xtTable } from './util.js';
import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { formatIPv4, maskOf, parseIPv4 } from '../../../net/ipv4.js';

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
}

const addrText = (a: CtAddr) => `${formatIPv4(a.addr)}${a.len === 32 ? '' : `/${a.len}`}`;

export const conntrack: ExtSpec = {
  name: 'conntrack',
  options: Object.fromEntries(
    ['ctstate', 'ctproto', 'ctstatus', ...ADDR_OPTS, ...PORT_OPTS].map((o) => [o, { arg: true }]),
  ),
  xtopts: xtTable(['ctstate', 'ctproto', 'ctstatus', ...ADDR_OPTS, ...PORT_OPTS]),
  parse(d, opt, arg, invert) {
    if (opt === 'ctstate') {
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
    } else {
      const [a, l] = arg.split('/', 2);
      const addr = parseIPv4(a);
      const len = l === undefined ? 32 : Number(l);
      if (addr === null || !(len >= 0 && len <= 32)) throw paramError(`host/network \`${arg}' not found`);
      d[opt] = { addr: (addr & maskOf(len)) >>> 0, len, inv: invert };
    }
  },
  final(d) {
    if (Object.keys(d).length === 0) throw paramError('conntrack: At least one option is required\n');
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
    return s;
  },
};
