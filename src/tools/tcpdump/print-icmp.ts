import { formatIPv4 } from '../../net/ipv4.js';
import type { Ipv4View } from './decode.js';
import { be16, be32, ipv4View } from './decode.js';

/** Names tcpdump gives a port in `udp port 53 unreachable` (numbers with -n). */
export type PortNamer = (port: number, proto: 'tcp' | 'udp') => string;

const UNREACH: Record<number, string> = {
  5: '%s unreachable - source route failed',
  6: 'net %s unreachable - unknown',
  7: 'host %s unreachable - unknown',
  8: '%s unreachable - source host isolated',
  9: 'net %s unreachable - admin prohibited',
  10: 'host %s unreachable - admin prohibited',
  11: 'net %s unreachable - tos prohibited',
  12: 'host %s unreachable - tos prohibited',
  13: 'host %s unreachable - admin prohibited filter',
  14: 'host %s unreachable - host precedence violation',
  15: 'host %s unreachable - precedence cutoff',
};

const REDIRECT: Record<number, string> = {
  0: 'redirect %s to net %s',
  1: 'redirect %s to host %s',
  2: 'redirect-tos %s to net %s',
  3: 'redirect-tos %s to host %s',
};

/** icmp_print's unreachable wording, from the datagram the error quotes. */
function unreachable(code: number, body: Uint8Array, quoted: Ipv4View | null, ports: PortNamer): string {
  const dst = quoted ? formatIPv4(quoted.dst) : '';
  switch (code) {
    case 0:
      return `net ${dst} unreachable`;
    case 1:
      return `host ${dst} unreachable`;
    case 2:
      return `${dst} protocol ${quoted?.protocol ?? 0} unreachable`;
    case 3: {
      if (!quoted) return `${dst} port ? unreachable`;
      const dport = be16(quoted.payload, 2);
      const proto = quoted.protocol === 6 ? 'tcp' : quoted.protocol === 17 ? 'udp' : null;
      // Other protocols: bytes 2-3 of the quoted header read as a port all the same.
      if (!proto) return `${dst} protocol ${quoted.protocol} port ${dport} unreachable`;
      return `${dst} ${proto} port ${ports(dport, proto)} unreachable`;
    }
    case 4: {
      const mtu = be16(body, 6);
      return mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
    }
    default:
      return (UNREACH[code] ?? `#${code}`).replace('%s', dst);
  }
}

function timeExceeded(code: number): string {
  if (code === 0) return 'time exceeded in-transit';
  if (code === 1) return 'ip reassembly time exceeded';
  return `time exceeded-#${code}`;
}

const ICMP_TYPES: Record<number, string> = {
  4: 'source quench',
  9: 'router advertisement',
  10: 'router solicitation',
  13: 'time stamp request',
  14: 'time stamp reply',
  17: 'address mask request',
  18: 'address mask reply',
};

/** Whether the ICMP type carries a quoted datagram (ICMP_ERRTYPE). */
export const isIcmpError = (type: number): boolean => [3, 4, 5, 11, 12].includes(type);

/** The text after `ICMP ` for an ICMP message (icmp_print without -v extras). */
export function icmpText(body: Uint8Array, ports: PortNamer): string {
  const type = body[0];
  const code = body[1];
  const quoted = isIcmpError(type) ? ipv4View(body.subarray(8)) : null;
  switch (type) {
    case 0:
    case 8:
      return `echo ${type === 8 ? 'request' : 'reply'}, id ${be16(body, 4)}, seq ${be16(body, 6)}`;
    case 3:
      return unreachable(code, body, quoted, ports);
    case 5:
      return (REDIRECT[code] ?? `redirect-#${code} %s to %s`)
        .replace('%s', quoted ? formatIPv4(quoted.dst) : '')
        .replace('%s', formatIPv4(be32(body, 4)));
    case 11:
      return timeExceeded(code);
    case 12:
      return `parameter problem - octet ${body[4]}`;
    default:
      return ICMP_TYPES[type] ?? `type-#${type}`;
  }
}
