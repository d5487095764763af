/**
 * Plain `ip addr` (or `ip -d addr`) output: a header line per interface,
 * then indented lines; the `link/...` and `inet` lines matter here.
 */
import { parseIPv4 } from '../../net/ipv4.js';
import { parseMac } from '../../net/mac.js';
import { DumpError } from './error.js';
import { DUMP_FILES, numberedLines } from './files.js';
import type { NodeAddr, NodeLink } from './link.js';

const FILE = DUMP_FILES.addrText;

/** `2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc ...` */
const HEADER = /^\d+: ([^\s:@]+)(?:@[^\s:]+)?: <([^>]*)>(.*)$/;

/** Address flags ip prints between the scope and the label (print_addrinfo). */
const ADDR_FLAGS = new Set([
  'secondary',
  'dynamic',
  'noprefixroute',
  'deprecated',
  'tentative',
  'permanent',
  'home',
  'nodad',
  'optimistic',
  'dadfailed',
  'mngtmpaddr',
  'autojoin',
  'temporary',
  'stable-privacy',
]);

/** Device kinds `ip -d` names on the line after link/...: kept for the record. */
const KINDS = new Set([
  'veth',
  'bridge',
  'vxlan',
  'dummy',
  'vrf',
  'bond',
  'macvlan',
  'ipvlan',
  'ipip',
  'gre',
  'geneve',
  'wireguard',
  'tun',
]);

interface Draft {
  line: number;
  name: string;
  mtu: number;
  mac: string | null;
  up: boolean;
  loopback: boolean;
  kind: string;
  addrs: NodeAddr[];
}

export function parseIpAddrText(text: string): NodeLink[] {
  const links: Draft[] = [];
  for (const { line, text: t } of numberedLines(text)) {
    if (!/^\s/.test(t)) {
      links.push(header(t, line));
      continue;
    }
    const cur = links[links.length - 1];
    if (!cur) throw new DumpError(FILE, line, 'indented line before any interface');
    const words = t.trim().split(/\s+/);
    const [first] = words;
    if (first.startsWith('link/')) {
      cur.mac = first === 'link/ether' ? parseMac(words[1] ?? '') : null;
      if (first === 'link/ether' && cur.mac === null)
        throw new DumpError(FILE, line, `${cur.name}: bad MAC address "${words[1] ?? ''}"`);
    } else if (first === 'inet') cur.addrs.push(inet(words, line, cur.name));
    else if (KINDS.has(first) && cur.kind === '') cur.kind = first;
  }
  return links;
}

function header(t: string, line: number): Draft {
  const m = HEADER.exec(t);
  if (!m) throw new DumpError(FILE, line, `not an interface line: "${t}"`);
  const [, name, flagText, rest] = m;
  const mtu = Number(/ mtu (\d+)/.exec(rest)?.[1]);
  if (!Number.isInteger(mtu) || mtu <= 0) throw new DumpError(FILE, line, `${name}: no mtu`);
  const flags = flagText.split(',');
  return {
    line,
    name,
    mtu,
    mac: null,
    up: flags.includes('UP'),
    loopback: flags.includes('LOOPBACK'),
    kind: '',
    addrs: [],
  };
}

/** `inet 10.0.2.9/24 [peer P/L] [brd B] scope global [flags] [metric N] [proto P] LABEL` */
function inet(words: readonly string[], line: number, dev: string): NodeAddr {
  const bad = (why: string) => new DumpError(FILE, line, `${dev}: ${why}`);
  const [local, len] = words[1]?.split('/') ?? [];
  if (local === undefined || parseIPv4(local) === null) throw bad(`bad address "${words[1] ?? ''}"`);
  let prefixlen = len === undefined ? 32 : Number(len);
  const a: { peer?: string; broadcast?: string; scope: string; label?: string; metric?: number } = {
    scope: 'global',
  };
  let noprefixroute = false;
  for (let i = 2; i < words.length; i++) {
    const w = words[i];
    const value = (): string => {
      const v = words[++i];
      if (v === undefined) throw bad(`"${w}" needs a value`);
      return v;
    };
    if (w === 'peer') {
      const [p, plen] = value().split('/');
      if (parseIPv4(p) === null) throw bad(`bad peer "${p}"`);
      a.peer = p;
      prefixlen = plen === undefined ? 32 : Number(plen);
    } else if (w === 'brd') {
      a.broadcast = value();
      if (parseIPv4(a.broadcast) === null) throw bad(`bad broadcast "${a.broadcast}"`);
    } else if (w === 'scope') a.scope = value();
    else if (w === 'metric') a.metric = Number(value());
    else if (w === 'proto') value();
    else if (w === 'noprefixroute') noprefixroute = true;
    else if (ADDR_FLAGS.has(w)) continue;
    else if (i === words.length - 1) a.label = w;
    else throw bad(`unexpected "${w}"`);
  }
  if (!Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32)
    throw bad(`bad prefix length in "${words[1]}"`);
  return { line, local, prefixlen, ...a, noprefixroute };
}
