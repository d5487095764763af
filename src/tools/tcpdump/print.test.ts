import { describe, expect, it } from 'vitest';
import { Printer, timeOfDay } from './print.js';
import type { PrintOptions } from './print.js';
import { decodePacket } from './decode.js';
import { emitEthernet, emitL3 } from '../../net/ethernet.js';
import { emitSll2, ARPHRD_ETHER, SLL_PKTTYPE } from '../../net/sll2.js';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2 } from '../../net/pcap.js';
import type { Frame, Ipv4Packet } from '../../net/packet.js';
import { parseIPv4 } from '../../net/ipv4.js';

const ip = (s: string) => parseIPv4(s)!;
const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const base: PrintOptions = {
  e: false,
  q: false,
  v: 0,
  t: 0,
  n: true,
  ifname: () => 'va',
  ports: String,
  hostName: () => null,
};

const datagram = (
  p: Partial<Ipv4Packet> & Pick<Ipv4Packet, 'l4' | 'totalLength' | 'protocol'>,
): Ipv4Packet => ({
  src: ip('10.0.0.1'),
  dst: ip('10.0.0.2'),
  ttl: 64,
  tos: 0,
  id: 5,
  dontFragment: true,
  ...p,
});
const eth = (pkt: Ipv4Packet): Frame => ({ src: A, dst: B, type: 'ipv4', ip: pkt });
const echo = datagram({
  protocol: 1,
  totalLength: 84,
  l4: { kind: 'icmp', type: 8, code: 0, id: 7, seq: 1 },
});
const udp = datagram({ protocol: 17, totalLength: 31, l4: { kind: 'udp', sport: 40000, dport: 9999 } });
const error = (type: number, code: number, quoted: Ipv4Packet, extra = {}) =>
  datagram({
    src: ip('10.0.0.254'),
    dst: ip('10.0.0.1'),
    tos: 0xc0,
    dontFragment: false,
    protocol: 1,
    totalLength: 28 + quoted.totalLength,
    l4: { kind: 'icmp', type, code, quoted, ...extra },
  });
const syn = datagram({
  protocol: 6,
  totalLength: 60,
  l4: {
    kind: 'tcp',
    sport: 40001,
    dport: 80,
    seq: 1000,
    ack: 0,
    flags: 2,
    window: 64240,
    headerLength: 40,
    options: { mss: 1460, sackPermitted: true, timestamp: { val: 5, ecr: 0 }, windowScale: 10 },
  },
});

function line(f: Frame, o: Partial<PrintOptions> = {}): string {
  const b = emitEthernet(f);
  return new Printer({ ...base, ...o }).line(decodePacket(b, LINKTYPE_ETHERNET, 3_723_000_042, b.length));
}

describe('tcpdump line format', () => {
  it.each<[string, Frame, Partial<PrintOptions>, string]>([
    [
      'ARP request',
      {
        src: A,
        dst: 'ff:ff:ff:ff:ff:ff',
        type: 'arp',
        arp: {
          op: 1,
          senderMac: A,
          senderIp: ip('10.0.0.1'),
          targetMac: '00:00:00:00:00:00',
          targetIp: ip('10.0.0.2'),
        },
      },
      {},
      'ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
    ],
    [
      'ARP reply with -e',
      {
        src: B,
        dst: A,
        type: 'arp',
        arp: { op: 2, senderMac: B, senderIp: ip('10.0.0.2'), targetMac: A, targetIp: ip('10.0.0.1') },
      },
      { e: true },
      `${B} > ${A}, ethertype ARP (0x0806), length 42: Reply 10.0.0.2 is-at ${B}, length 28`,
    ],
    ['ICMP echo request', eth(echo), {}, 'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64'],
    [
      'ICMP echo with -v',
      eth(echo),
      { v: 1 },
      'IP (tos 0x0, ttl 64, id 5, offset 0, flags [DF], proto ICMP (1), length 84)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64',
    ],
    ['UDP', eth(udp), {}, 'IP 10.0.0.1.40000 > 10.0.0.2.9999: UDP, length 3'],
    [
      'port unreachable',
      eth(error(3, 3, udp)),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 udp port 9999 unreachable, length 39',
    ],
    [
      'host unreachable',
      eth(error(3, 1, echo)),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP host 10.0.0.2 unreachable, length 92',
    ],
    [
      'admin prohibited',
      eth(error(3, 13, udp)),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP host 10.0.0.2 unreachable - admin prohibited filter, length 39',
    ],
    [
      'need to frag',
      eth(error(3, 4, udp, { mtu: 1400 })),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1400), length 39',
    ],
    [
      'time exceeded',
      eth(error(11, 0, echo)),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP time exceeded in-transit, length 92',
    ],
    [
      'time exceeded -v quotes the datagram',
      eth(error(11, 0, echo)),
      { v: 1 },
      'IP (tos 0xc0, ttl 64, id 5, offset 0, flags [none], proto ICMP (1), length 112)\n    10.0.0.254 > 10.0.0.1: ICMP time exceeded in-transit, length 92\n\tIP (tos 0x0, ttl 64, id 5, offset 0, flags [DF], proto ICMP (1), length 84)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64',
    ],
    [
      'redirect',
      eth(error(5, 1, echo, { gateway: ip('10.0.0.253') })),
      {},
      'IP 10.0.0.254 > 10.0.0.1: ICMP redirect 10.0.0.2 to host 10.0.0.253, length 92',
    ],
    [
      'TCP SYN with options',
      eth(syn),
      {},
      'IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 10], length 0',
    ],
    ['TCP with -q', eth(syn), { q: true }, 'IP 10.0.0.1.40001 > 10.0.0.2.80: tcp 0'],
    [
      'port names without -n',
      eth(syn),
      { n: false, ports: (p) => (p === 80 ? 'http' : String(p)) },
      'IP 10.0.0.1.40001 > 10.0.0.2.http: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 10], length 0',
    ],
  ])('%s', (_name, frame, o, expected) => {
    expect(line(frame, o)).toBe(`01:02:03.000042 ${expected}\n`);
  });

  it('-t leaves the timestamp out', () => {
    expect(line(eth(udp), { t: 1 })).toBe('IP 10.0.0.1.40000 > 10.0.0.2.9999: UDP, length 3\n');
  });

  it('-i any: device, direction word, and with -e the cooked header', () => {
    const l3 = emitL3(eth(echo));
    const b = emitSll2(
      { protocol: l3.type, ifindex: 2, hatype: ARPHRD_ETHER, pkttype: SLL_PKTTYPE.outgoing, addr: A },
      l3.bytes,
    );
    const p = decodePacket(b, LINKTYPE_LINUX_SLL2, 0, b.length);
    expect(new Printer(base).line(p)).toBe(
      '00:00:00.000000 va    Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n',
    );
    expect(new Printer({ ...base, e: true }).line(p)).toBe(
      `00:00:00.000000 va    Out ifindex 2 ${A} ethertype IPv4 (0x0800), length 104: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n`,
    );
  });

  it('TCP sequence numbers are relative after the first packet with ACK of a conversation', () => {
    const printer = new Printer(base);
    const seg = (from: 'a' | 'b', seq: number, ack: number, flags: number) => {
      const l4 = {
        kind: 'tcp' as const,
        sport: from === 'a' ? 40001 : 80,
        dport: from === 'a' ? 80 : 40001,
        seq,
        ack,
        flags,
        window: 100,
        headerLength: 20,
      };
      const d = datagram({
        protocol: 6,
        totalLength: 40,
        l4,
        ...(from === 'b' ? { src: ip('10.0.0.2'), dst: ip('10.0.0.1') } : {}),
      });
      const b = emitEthernet(eth(d));
      return printer.line(decodePacket(b, LINKTYPE_ETHERNET, 0, b.length)).split(': ')[1];
    };
    expect(seg('a', 1000, 0, 2)).toBe('Flags [S], seq 1000, win 100, length 0\n');
    expect(seg('b', 5000, 1001, 0x12)).toBe('Flags [S.], seq 5000, ack 1001, win 100, length 0\n');
    expect(seg('a', 1001, 5001, 0x10)).toBe('Flags [.], ack 1, win 100, length 0\n');
    expect(seg('b', 5001, 1001, 0x11)).toBe('Flags [F.], seq 1, ack 1, win 100, length 0\n');
  });

  it('time of day in UTC with microseconds', () => {
    expect(timeOfDay(86_400e6 + 1)).toBe('00:00:00.000001');
  });
});
