import type { Ipv4View } from './decode.js';
import { be16, be32, l4Checksum } from './decode.js';

const FLAGS: readonly [number, string][] = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
];

/** tcp_flag_values in bittok2str_nosep order; `none` without flags. */
export function tcpFlags(flags: number): string {
  const s = FLAGS.filter(([bit]) => flags & bit)
    .map(([, c]) => c)
    .join('');
  return s || 'none';
}

/** The options list tcp_print writes between `options [` and `]`. */
export function tcpOptions(b: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < b.length;) {
    const kind = b[i];
    if (kind === 0) {
      out.push('eol');
      break;
    }
    if (kind === 1) {
      out.push('nop');
      i++;
      continue;
    }
    const len = b[i + 1] ?? 0;
    if (len < 2) break;
    if (kind === 2) out.push(`mss ${be16(b, i + 2)}`);
    else if (kind === 3) out.push(`wscale ${b[i + 2]}`);
    else if (kind === 4) out.push('sackOK');
    else if (kind === 8) out.push(`TS val ${be32(b, i + 2)} ecr ${be32(b, i + 6)}`);
    else if (kind === 5) {
      const blocks: string[] = [];
      for (let j = i + 2; j + 8 <= i + len; j += 8) blocks.push(`{${be32(b, j)}:${be32(b, j + 4)}}`);
      out.push(`sack ${blocks.length} ${blocks.join('')}`);
    } else out.push(`unknown-${kind}`);
    i += len;
  }
  return out.join(',');
}

/**
 * tcp_seq_hash: the first packet with ACK of a conversation records both
 * initial numbers (printed absolute); later ones print relative to them,
 * as tcpdump does without -S.
 */
export class TcpSeqState {
  private readonly conversations = new Map<string, { seq: number; ack: number }>();

  relative(ip: Ipv4View, sport: number, dport: number, seq: number, ack: number, flags: number) {
    if (!(flags & 0x10)) return { seq, ack };
    const a = `${ip.src}.${sport}`;
    const b = `${ip.dst}.${dport}`;
    const rev = a > b;
    const key = rev ? `${b}>${a}` : `${a}>${b}`;
    const known = this.conversations.get(key);
    if (!known || flags & 0x02) {
      this.conversations.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      return { seq, ack };
    }
    return rev
      ? { seq: (seq - known.ack) >>> 0, ack: (ack - known.seq) >>> 0 }
      : { seq: (seq - known.seq) >>> 0, ack: (ack - known.ack) >>> 0 };
  }
}

/** The text after `SRC.PORT > DST.PORT: ` for a TCP segment. */
export function tcpText(ip: Ipv4View, state: TcpSeqState, opts: { q: boolean; v: number }): string {
  const b = ip.payload;
  const sport = be16(b, 0);
  const dport = be16(b, 2);
  const hlen = (b[12] >> 4) * 4;
  const flags = b[13];
  const length = Math.max(0, b.length - hlen);
  if (opts.q) return `tcp ${length}`;
  const { seq, ack } = state.relative(ip, sport, dport, be32(b, 4), be32(b, 8), flags);
  let s = `Flags [${tcpFlags(flags)}]`;
  if (opts.v) {
    const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
    const cksum = be16(b, 16);
    const right = l4Checksum(ip, 16);
    s += `, cksum ${hex(cksum)} (${cksum === right ? 'correct' : `incorrect -> ${hex(right)}`})`;
  }
  if (length > 0 || flags & 0x07) s += length > 0 ? `, seq ${seq}:${(seq + length) >>> 0}` : `, seq ${seq}`;
  if (flags & 0x10) s += `, ack ${ack}`;
  s += `, win ${be16(b, 14)}`;
  if (flags & 0x20) s += `, urg ${be16(b, 18)}`;
  if (hlen > 20) s += `, options [${tcpOptions(b.subarray(20, hlen))}]`;
  return `${s}, length ${length}`;
}
