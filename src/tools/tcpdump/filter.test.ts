import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFilter } from './filter.js';
import type { Filter } from './filter.js';
import { matches } from './filter-match.js';
import { decodePacket } from './decode.js';
import { emitEthernet } from '../../net/ethernet.js';
import { LINKTYPE_ETHERNET } from '../../net/pcap.js';
import type { Frame } from '../../net/packet.js';
import { parseIPv4 } from '../../net/ipv4.js';

const ip = (s: string) => parseIPv4(s)!;
const MAC_A = '02:00:00:00:00:01';
const MAC_B = '02:00:00:00:00:02';

const frames: Record<string, Frame> = {
  arpRequest: {
    src: MAC_A,
    dst: 'ff:ff:ff:ff:ff:ff',
    type: 'arp',
    arp: {
      op: 1,
      senderMac: MAC_A,
      senderIp: ip('10.0.0.1'),
      targetMac: '00:00:00:00:00:00',
      targetIp: ip('10.0.0.2'),
    },
  },
  echo: {
    src: MAC_A,
    dst: MAC_B,
    type: 'ipv4',
    ip: {
      src: ip('10.0.0.1'),
      dst: ip('10.0.1.2'),
      protocol: 1,
      ttl: 64,
      tos: 0,
      id: 1,
      totalLength: 84,
      dontFragment: true,
      l4: { kind: 'icmp', type: 8, code: 0, id: 7, seq: 1 },
    },
  },
  udp: {
    src: MAC_B,
    dst: MAC_A,
    type: 'ipv4',
    ip: {
      src: ip('10.0.1.2'),
      dst: ip('10.0.0.1'),
      protocol: 17,
      ttl: 64,
      tos: 0,
      id: 2,
      totalLength: 31,
      dontFragment: true,
      l4: { kind: 'udp', sport: 40000, dport: 53 },
    },
  },
};

const packet = (f: Frame) => {
  const b = emitEthernet(f);
  return decodePacket(b, LINKTYPE_ETHERNET, 0, b.length);
};

function which(expr: string): string[] {
  const parsed = parseFilter(expr);
  if (!parsed.ok) throw new Error(parsed.error);
  return Object.keys(frames).filter((k) => matches(parsed.filter, packet(frames[k])));
}

describe('tcpdump filter expressions select packets as libpcap does', () => {
  it.each([
    ['', ['arpRequest', 'echo', 'udp']],
    ['arp', ['arpRequest']],
    ['ip', ['echo', 'udp']],
    ['icmp', ['echo']],
    ['udp', ['udp']],
    ['tcp', []],
    ['host 10.0.0.2', ['arpRequest']],
    ['host 10.0.0.1', ['arpRequest', 'echo', 'udp']],
    ['src host 10.0.0.1', ['arpRequest', 'echo']],
    ['dst 10.0.0.1', ['udp']],
    ['ip host 10.0.0.2', []],
    ['net 10.0.1.0/24', ['echo', 'udp']],
    ['net 10.0.1', ['echo', 'udp']],
    ['src net 10.0.1.0/24', ['udp']],
    ['port 53', ['udp']],
    ['tcp port 53', []],
    ['src port 53', []],
    ['dst port 53 or 40000', ['udp']],
    ['not arp and not icmp', ['udp']],
    ['! (icmp || arp)', ['udp']],
    ['host 10.0.0.2 or 10.0.1.2', ['arpRequest', 'echo', 'udp']],
    ['icmp and (src 10.0.0.1 or dst 10.0.0.9)', ['echo']],
    ['ether src 02:00:00:00:00:02', ['udp']],
    ['ether host ff:ff:ff:ff:ff:ff', ['arpRequest']],
    ['ip6', []],
  ])('%s', (expr, expected) => {
    expect(which(expr)).toEqual(expected);
  });

  it.each([
    ['host', "can't parse filter expression: syntax error"],
    ['bogus', "can't parse filter expression: syntax error"],
    ['(icmp', "can't parse filter expression: syntax error"],
    ['icmp and', "can't parse filter expression: syntax error"],
    ['icmp )', "can't parse filter expression: syntax error"],
    ['host 10.0.0.300', "invalid IPv4 address '10.0.0.300'"],
    ['port 99999', 'illegal port number 99999 > 65535'],
    ['net 10.0.0.1/24', 'non-network bits set in "10.0.0.1/24"'],
    ['host foo', "unknown host 'foo'"],
  ])('error: %s', (expr, error) => {
    expect(parseFilter(expr)).toEqual({ ok: false, error });
  });
});

/** Renders a filter back to text with explicit parentheses. */
function render(f: Filter): string {
  switch (f.kind) {
    case 'and':
    case 'or':
      return `(${render(f.left)} ${f.kind} ${render(f.right)})`;
    case 'not':
      return `not ${render(f.operand)}`;
    case 'proto':
      return f.proto;
    case 'host':
      return `${f.proto ? `${f.proto} ` : ''}${f.dir} host ${[24, 16, 8, 0].map((s) => (f.addr >>> s) & 255).join('.')}`;
    case 'port':
      return `${f.proto ? `${f.proto} ` : ''}${f.dir} port ${f.port}`;
    default:
      throw new Error('not generated');
  }
}

const dir = fc.constantFrom('src' as const, 'dst' as const, 'src or dst' as const, 'src and dst' as const);
const leaf: fc.Arbitrary<Filter> = fc.oneof(
  fc.constantFrom<Filter>(
    { kind: 'proto', proto: 'icmp' },
    { kind: 'proto', proto: 'arp' },
    { kind: 'proto', proto: 'udp' },
  ),
  fc.record({
    kind: fc.constant('host' as const),
    proto: fc.constantFrom(null, 'ip' as const, 'arp' as const),
    dir,
    addr: fc.constantFrom(ip('10.0.0.1'), ip('10.0.0.2'), ip('10.0.1.2')),
  }),
  fc.record({
    kind: fc.constant('port' as const),
    proto: fc.constantFrom(null, 'udp' as const),
    dir,
    port: fc.constantFrom(53, 40000),
  }),
);
const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('f') }),
  ),
})).f;

describe('filter parser', () => {
  it('parses what it renders back to the same tree (property)', () => {
    fc.assert(
      fc.property(filterArb, (f) => {
        expect(parseFilter(render(f))).toEqual({ ok: true, filter: f });
      }),
    );
  });

  it('and binds tighter than or; not tighter than both', () => {
    const p = parseFilter('not arp or icmp and udp');
    expect(p.ok && p.filter?.kind).toBe('or');
    expect(p.ok && p.filter?.kind === 'or' && p.filter.left.kind).toBe('not');
  });
});
