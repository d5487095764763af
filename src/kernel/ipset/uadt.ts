import type { AddExt, Elem, SetTypeName } from './types.js';
import type { ListRef } from './list-set.js';
import { elem } from './types.js';
import { fail } from './errors.js';
import { maskOf } from '../../net/ipv4.js';

/**
 * An add/del/test request from userspace (the netlink attributes of one
 * element): an address, range or prefix per dimension. The kernel's
 * *_uadt functions turn it into the elements it stands for.
 */
export interface AdtRequest {
  readonly ip?: number;
  readonly ipTo?: number;
  readonly cidr?: number;
  readonly port?: number;
  readonly portTo?: number;
  readonly proto?: number;
  readonly ip2?: number;
  readonly ip2To?: number;
  readonly cidr2?: number;
  /** list:set: the member set, and where it goes. */
  readonly name?: string;
  readonly ref?: ListRef;
  readonly ext: AddExt;
}

const IPPROTO = { ICMP: 1, TCP: 6, UDP: 17, SCTP: 132, UDPLITE: 136 } as const;

/** ip_set_proto_with_ports. */
export const protoWithPorts = (p: number): boolean =>
  p === IPPROTO.TCP || p === IPPROTO.UDP || p === IPPROTO.SCTP || p === IPPROTO.UDPLITE;

/** ip_set_mask_from_to: the first and last address of the prefix around `ip`. */
function maskRange(ip: number, cidr: number): [number, number] {
  const from = (ip & maskOf(cidr)) >>> 0;
  return [from, (from | ~maskOf(cidr)) >>> 0];
}

/** ip_set_range_to_cidr: the largest prefix starting at `from` that stays within `to`. */
export function rangeToCidr(from: number, to: number): [last: number, cidr: number] {
  for (let i = 1; i < 32; i++) {
    if ((from & maskOf(i)) >>> 0 !== from) continue;
    const last = (from | ~maskOf(i)) >>> 0;
    if (last <= to) return [last, i];
  }
  return [from, 32];
}

/** The address range of a dimension: a single address, `from-to` (swapped if reversed) or a prefix. */
function ipRange(ip: number, to: number | undefined, cidr: number | undefined): [number, number] {
  if (to !== undefined) return ip <= to ? [ip, to] : [to, ip];
  if (cidr !== undefined) {
    if (cidr < 1 || cidr > 32) fail('INVALID_CIDR');
    return maskRange(ip, cidr);
  }
  return [ip, ip];
}

function* range(from: number, to: number, step = 1): Generator<number> {
  for (let v = from; v <= to; v += step) yield v >>> 0;
}

/** A net dimension as prefixes: one given prefix, or a range cut into the fewest prefixes. */
function* nets(ip: number, to: number | undefined, cidr: number | undefined): Generator<[number, number]> {
  if (to === undefined) {
    const c = cidr ?? 32;
    if (c < 1 || c > 32) fail('INVALID_CIDR');
    yield [(ip & maskOf(c)) >>> 0, c];
    return;
  }
  const last = Math.max(ip, to);
  let from = Math.min(ip, to);
  for (;;) {
    const [end, c] = rangeToCidr(from, last);
    yield [from, c];
    if (end >= last) return;
    from = end + 1;
  }
}

/** The port range of a request: ranges only for protocols with ports. */
function ports(req: AdtRequest): [number, number] {
  const proto = req.proto ?? IPPROTO.TCP;
  if (proto === 0) fail('INVALID_PROTO');
  const port = protoWithPorts(proto) || proto === IPPROTO.ICMP ? (req.port ?? 0) : 0;
  if (!protoWithPorts(proto) || req.portTo === undefined) return [port, port];
  return port <= req.portTo ? [port, req.portTo] : [req.portTo, port];
}

/**
 * The elements a request stands for, in the order the kernel visits them
 * (first dimension outermost). A test looks at one element only: the
 * first address, with the prefix the request gives.
 */
export function* requestElements(
  type: SetTypeName,
  req: AdtRequest,
  test: boolean,
  netmask = 32,
): Generator<Elem> {
  const ip = req.ip ?? 0;
  switch (type) {
    case 'hash:ip': {
      let [from, to] = ipRange(ip, req.ipTo, req.cidr);
      from = (from & maskOf(netmask)) >>> 0;
      to = (to & maskOf(netmask)) >>> 0;
      if (test) return yield elem({ ip: from });
      const hosts = 2 ** (32 - netmask);
      for (const a of range(from, to, hosts)) yield elem({ ip: a });
      return;
    }
    case 'hash:net': {
      if (test) return yield elem({ ip: (ip & maskOf(req.cidr ?? 32)) >>> 0, cidr: req.cidr ?? 32 });
      for (const [a, c] of nets(ip, req.ipTo, req.cidr)) yield elem({ ip: a, cidr: c });
      return;
    }
    case 'hash:ip,port':
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net': {
      const proto = req.proto ?? IPPROTO.TCP;
      const [pFrom, pTo] = ports(req);
      let [from, to] = test ? [ip, ip] : ipRange(ip, req.ipTo, req.cidr);
      // hash:ip,port's netmask: one element per network.
      from = (from & maskOf(netmask)) >>> 0;
      to = (to & maskOf(netmask)) >>> 0;
      for (const a of range(from, to, 2 ** (32 - netmask)))
        for (const p of range(pFrom, test ? pFrom : pTo)) {
          const base = { ip: a, port: p, proto };
          if (type === 'hash:ip,port') yield elem(base);
          else if (type === 'hash:ip,port,ip') yield elem({ ...base, ip2: req.ip2 ?? 0 });
          else if (test)
            yield elem({
              ...base,
              ip2: ((req.ip2 ?? 0) & maskOf(req.cidr2 ?? 32)) >>> 0,
              cidr2: req.cidr2 ?? 32,
            });
          else
            for (const [b, c] of nets(req.ip2 ?? 0, req.ip2To, req.cidr2))
              yield elem({ ...base, ip2: b, cidr2: c });
        }
      return;
    }
    case 'bitmap:port': {
      const from = req.port ?? 0;
      const to = req.portTo ?? from;
      for (const p of range(Math.min(from, to), test ? Math.min(from, to) : Math.max(from, to)))
        yield elem({ port: p });
      return;
    }
    case 'list:set':
      yield elem({ name: req.name });
  }
}
