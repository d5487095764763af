import { describe, expect, it } from 'vitest';
import { parseSysctl } from './sysctl.js';
import { natStatus, parseConntrack } from './conntrack.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { dumpErrorOf } from './testing.js';

const ip = (t: string) => parseIPv4(t)!;

describe('sysctl -a', () => {
  it('keeps the net.* keys, device names with dots restored, empty values too', () => {
    const text =
      'kernel.domainname = (none)\nnet.ipv4.ip_forward = 1\nnet.ipv4.conf.flannel/1.rp_filter = 2\nnet.ipv4.tcp_fastopen_key =\n';
    expect(parseSysctl(text)).toEqual([
      { line: 2, key: 'net.ipv4.ip_forward', value: '1' },
      { line: 3, key: 'net.ipv4.conf.flannel.1.rp_filter', value: '2' },
      { line: 4, key: 'net.ipv4.tcp_fastopen_key', value: '' },
    ]);
  });

  it('names a line that is not key = value', () => {
    expect(dumpErrorOf(() => parseSysctl('net.ipv4.ip_forward = 1\nnet.ipv4.ip_forward: 1\n')).message).toBe(
      'sysctl.txt:2: not a "key = value" line: "net.ipv4.ip_forward: 1"',
    );
  });
});

/** `conntrack -L` lines as conntrack-tools 1.4.7 prints them. */
const CONNTRACK = `tcp      6 431999 ESTABLISHED src=10.0.1.2 dst=10.0.1.1 sport=40000 dport=80 src=10.0.2.2 dst=10.0.1.2 sport=8080 dport=40000 [ASSURED] mark=0 use=1
icmp     1 29 src=10.0.1.2 dst=10.0.1.1 type=8 code=0 id=43 src=10.0.1.1 dst=10.0.1.2 type=0 code=0 id=43 mark=0 use=1
udp      17 25 src=10.0.1.2 dst=10.0.3.3 sport=5000 dport=53 [UNREPLIED] src=10.0.3.3 dst=10.0.2.1 sport=53 dport=5000 mark=7 zone=2 use=1
conntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown.
`;

describe('conntrack -L', () => {
  it('reads both tuples, the state, flags, mark and zone of each entry', () => {
    const [tcp, icmp, udp] = parseConntrack(CONNTRACK);
    expect(tcp.create).toEqual({
      orig: { src: ip('10.0.1.2'), dst: ip('10.0.1.1'), proto: 6, sport: 40000, dport: 80 },
      reply: { src: ip('10.0.2.2'), dst: ip('10.0.1.2'), proto: 6, sport: 8080, dport: 40000 },
      timeout: 431999,
      status: IPS.ASSURED | IPS.SEEN_REPLY,
      mark: 0,
      tcpState: 'ESTABLISHED',
    });
    expect(icmp.create.orig).toEqual({
      src: ip('10.0.1.2'),
      dst: ip('10.0.1.1'),
      proto: 1,
      sport: 43,
      dport: 8 << 8,
    });
    expect(udp.create).toMatchObject({ status: 0, mark: 7, zone: 2 });
  });

  it('reads the NAT an entry went through off its tuples', () => {
    const [tcp, icmp, udp] = parseConntrack(CONNTRACK);
    expect(natStatus(tcp.create)).toBe(IPS.DST_NAT | IPS.DST_NAT_DONE);
    expect(natStatus(icmp.create)).toBe(0);
    expect(natStatus(udp.create)).toBe(IPS.SRC_NAT | IPS.SRC_NAT_DONE);
  });

  it('names the line of a bad entry', () => {
    expect(
      dumpErrorOf(() => parseConntrack('tcp 6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2\n'))
        .message,
    ).toBe('conntrack.txt:1: expected an original and a reply tuple (src=... dst=... twice)');
    const bad = CONNTRACK.replace('dst=10.0.1.1 type=8', 'dst=10.0.1 type=8');
    expect(dumpErrorOf(() => parseConntrack(bad)).message).toBe(
      'conntrack.txt:2: bad or missing dst= "10.0.1"',
    );
    expect(
      dumpErrorOf(() => parseConntrack(CONNTRACK.replace('ESTABLISHED', 'ESTABLISHEDISH'))).message,
    ).toBe('conntrack.txt:1: bad or missing TCP state "ESTABLISHEDISH"');
  });
});
