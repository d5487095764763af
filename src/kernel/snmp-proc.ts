import type { Netns } from './netns.js';
import { tcpTable } from './socket/tcp.js';
import {
  ICMP_IN_MIB,
  ICMP_OUT_MIB,
  ICMP_TYPE_NAMES,
  IPEXT_MIB,
  IP_MIB,
  MPTCPEXT_MIB,
  TCPEXT_MIB,
  TCP_MIB,
  UDP_MIB,
} from './snmp.js';

/** A header line of names and a line of values, both starting with `title:` (snmp_seq_show's pairs). */
const pair = (title: string, names: readonly string[], values: readonly (number | string)[]) =>
  `${title}: ${names.join(' ')}\n${title}: ${values.join(' ')}\n`;

/** icmpmsg_put: the nonzero per-type counters, In types then Out types, 16 to a line pair. */
function icmpMsgLines(netns: Netns): string {
  const { icmpMsgIn, icmpMsgOut } = netns.mib;
  const all: [string, number][] = [];
  for (let t = 0; t < 256; t++) if (icmpMsgIn[t]) all.push([`InType${t}`, icmpMsgIn[t]]);
  for (let t = 0; t < 256; t++) if (icmpMsgOut[t]) all.push([`OutType${t}`, icmpMsgOut[t]]);
  let text = '';
  for (let i = 0; i < all.length; i += 16) {
    const chunk = all.slice(i, i + 16);
    text += pair(
      'IcmpMsg',
      chunk.map(([n]) => n),
      chunk.map(([, v]) => v),
    );
  }
  return text;
}

/** TCP_MIB_CURRESTAB: tcp_set_state counts connections into ESTABLISHED and out of ESTABLISHED or CLOSE-WAIT. */
function currEstab(netns: Netns): number {
  let n = 0;
  for (const s of tcpTable(netns).sockets) if (s.state === 'ESTABLISHED' || s.state === 'CLOSE-WAIT') n++;
  return n;
}

/** /proc/net/snmp (snmp_seq_show): Ip, Icmp, IcmpMsg, Tcp, Udp, UdpLite. */
export function snmpProcRead(netns: Netns): string {
  const mib = netns.mib;
  const forwarding = netns.sysctl.int('net.ipv4.conf.all.forwarding') ? 1 : 2;
  const ttl = netns.sysctl.int('net.ipv4.ip_default_ttl');
  const ip = pair(
    'Ip',
    ['Forwarding', 'DefaultTTL', ...IP_MIB],
    [forwarding, ttl, ...IP_MIB.map((n) => mib.ip[n])],
  );
  const types = ICMP_TYPE_NAMES;
  const icmp = pair(
    'Icmp',
    [...ICMP_IN_MIB, ...types.map(([n]) => `In${n}`), ...ICMP_OUT_MIB, ...types.map(([n]) => `Out${n}`)],
    [
      ...ICMP_IN_MIB.map((n) => mib.icmp[n]),
      ...types.map(([, t]) => mib.icmpMsgIn[t]),
      ...ICMP_OUT_MIB.map((n) => mib.icmp[n]),
      ...types.map(([, t]) => mib.icmpMsgOut[t]),
    ],
  );
  // RtoAlgorithm 1 (RFC 2698), RtoMin and RtoMax in ms (TCP_RTO_MIN, TCP_RTO_MAX), MaxConn -1 (dynamic).
  const tcp = pair(
    'Tcp',
    ['RtoAlgorithm', 'RtoMin', 'RtoMax', 'MaxConn', ...TCP_MIB],
    [1, 200, 120000, -1, ...TCP_MIB.map((n) => (n === 'CurrEstab' ? currEstab(netns) : mib.tcp[n]))],
  );
  const udp = pair(
    'Udp',
    UDP_MIB,
    UDP_MIB.map((n) => mib.udp[n]),
  );
  const udpLite = pair(
    'UdpLite',
    UDP_MIB,
    UDP_MIB.map((n) => mib.udpLite[n]),
  );
  return ip + icmp + icmpMsgLines(netns) + tcp + udp + udpLite;
}

/** /proc/net/netstat (netstat_seq_show): TcpExt, IpExt, MPTcpExt. */
export function netstatProcRead(netns: Netns): string {
  const mib = netns.mib;
  return (
    pair(
      'TcpExt',
      TCPEXT_MIB,
      TCPEXT_MIB.map((n) => mib.tcpExt[n]),
    ) +
    pair(
      'IpExt',
      IPEXT_MIB,
      IPEXT_MIB.map((n) => mib.ipExt[n]),
    ) +
    pair(
      'MPTcpExt',
      MPTCPEXT_MIB,
      MPTCPEXT_MIB.map(() => 0),
    )
  );
}
