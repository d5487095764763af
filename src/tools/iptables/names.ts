import { strtoui } from './modules/util.js';

/** /etc/protocols of the reference machine: getprotobynumber / getprotobyname. */
const PROTOCOLS: readonly (readonly [string, number])[] = [
  ['ip', 0],
  ['icmp', 1],
  ['igmp', 2],
  ['ggp', 3],
  ['ipencap', 4],
  ['st', 5],
  ['tcp', 6],
  ['egp', 8],
  ['igp', 9],
  ['pup', 12],
  ['udp', 17],
  ['hmp', 20],
  ['xns-idp', 22],
  ['rdp', 27],
  ['iso-tp4', 29],
  ['dccp', 33],
  ['xtp', 36],
  ['ddp', 37],
  ['idpr-cmtp', 38],
  ['ipv6', 41],
  ['ipv6-route', 43],
  ['ipv6-frag', 44],
  ['idrp', 45],
  ['rsvp', 46],
  ['gre', 47],
  ['esp', 50],
  ['ah', 51],
  ['skip', 57],
  ['ipv6-icmp', 58],
  ['ipv6-nonxt', 59],
  ['ipv6-opts', 60],
  ['rspf', 73],
  ['vmtp', 81],
  ['eigrp', 88],
  ['ospf', 89],
  ['ax.25', 93],
  ['ipip', 94],
  ['etherip', 97],
  ['encap', 98],
  ['pim', 103],
  ['ipcomp', 108],
  ['vrrp', 112],
  ['l2tp', 115],
  ['isis', 124],
  ['sctp', 132],
  ['fc', 133],
  ['mobility-header', 135],
  ['udplite', 136],
  ['mpls-in-ip', 137],
  ['manet', 138],
  ['hip', 139],
  ['shim6', 140],
  ['wesp', 141],
  ['rohc', 142],
  ['ethernet', 143],
];

/** xtables_chain_protos: names iptables knows without /etc/protocols. */
const CHAIN_PROTOS: Readonly<Record<string, number>> = {
  tcp: 6,
  sctp: 132,
  udp: 17,
  udplite: 136,
  icmp: 1,
  icmpv6: 58,
  ipv6: 41,
  esp: 50,
  ah: 51,
  mh: 135,
  all: 0,
};

/** proto_to_name(): the name iptables prints for a protocol number. */
export function protoName(proto: number): string | undefined {
  if (proto === 0) return 'all';
  for (const [name, n] of PROTOCOLS) if (n === proto) return name;
  return undefined;
}

/**
 * xtables_parse_protocol() on the text iptables has lower-cased: a number
 * (strtoui base 0), `all`, a name of /etc/protocols, or one iptables knows
 * itself; undefined when unknown.
 */
export function parseProto(text: string): number | undefined {
  const n = strtoui(text, 0, 255);
  if (n !== undefined) return n;
  if (text === 'all') return 0;
  for (const [name, num] of PROTOCOLS) if (name === text) return num;
  return CHAIN_PROTOS[text];
}
