/**
 * libxt_sctp (iptables 1.8.9): `-p sctp [--sport R] [--dport R]
 * [--chunk-types any|all|only TYPE[:FLAGS],...]`. kube-proxy writes
 * `-m sctp -p sctp ... --dport N` for SCTP service ports. iptables-nft does
 * not translate this match to nft expressions, so, unlike tcp and udp,
 * `--dport 0:65535` survives in iptables-save; the kernel's xt_sctp
 * refuses the rule (EINVAL) unless the rule says `-p sctp`, uninverted.
 */
import type { ExtData, ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { parsePortRange, portText } from './ports.js';

/** sctp_chunk_names[]: name, chunk type, the flags settable per bit (bit 7 first). */
const CHUNKS: readonly (readonly [string, number, string])[] = [
  ['DATA', 0, '----IUBE'],
  ['INIT', 1, '--------'],
  ['INIT_ACK', 2, '--------'],
  ['SACK', 3, '--------'],
  ['HEARTBEAT', 4, '--------'],
  ['HEARTBEAT_ACK', 5, '--------'],
  ['ABORT', 6, '-------T'],
  ['SHUTDOWN', 7, '--------'],
  ['SHUTDOWN_ACK', 8, '--------'],
  ['ERROR', 9, '--------'],
  ['COOKIE_ECHO', 10, '--------'],
  ['COOKIE_ACK', 11, '--------'],
  ['ECN_ECNE', 12, '--------'],
  ['ECN_CWR', 13, '--------'],
  ['SHUTDOWN_COMPLETE', 14, '-------T'],
  ['I_DATA', 64, '----IUBE'],
  ['RE_CONFIG', 130, '--------'],
  ['PAD', 132, '--------'],
  ['ASCONF', 193, '--------'],
  ['ASCONF_ACK', 128, '--------'],
  ['FORWARD_TSN', 192, '--------'],
  ['I_FORWARD_TSN', 194, '--------'],
];

/** XT_NUM_SCTP_FLAGS: how many chunk types may carry flag conditions. */
const MAX_FLAG_INFOS = 4;

export interface ChunkTypes {
  readonly mode: 'any' | 'all' | 'only';
  /** The chunk types set in the 256-bit chunkmap. */
  readonly types: readonly number[];
  /**
   * xt_sctp_flag_info[]. `chunktype` is the index into the names table, as
   * libxt_sctp stores it (the same number as the type for DATA..SHUTDOWN_COMPLETE
   * only, so flags on I_DATA are kept but never printed).
   */
  readonly flags: readonly { chunktype: number; flag: number; mask: number }[];
}

const ALL_TYPES = Array.from({ length: 256 }, (_, i) => i);

/** parse_sctp_chunks / parse_sctp_chunk. */
function parseChunkTypes(modeText: string, list: string): ChunkTypes {
  const mode = modeText.toLowerCase();
  if (mode !== 'any' && mode !== 'all' && mode !== 'only')
    throw paramError('Match type has to be one of "ALL", "ANY" or "ONLY"');
  if (list.toUpperCase() === 'ALL') return { mode, types: ALL_TYPES, flags: [] };
  if (list.toUpperCase() === 'NONE') return { mode, types: [], flags: [] };
  const types = new Set<number>();
  const flags: { chunktype: number; flag: number; mask: number }[] = [];
  // strtok: empty pieces between commas are skipped.
  for (const piece of list.split(',').filter((p) => p !== '')) {
    const colon = piece.indexOf(':');
    const name = colon < 0 ? piece : piece.slice(0, colon);
    const index = CHUNKS.findIndex(([n]) => n === name.toUpperCase());
    if (index < 0) throw paramError(`Unknown sctp chunk \`${name}'`);
    types.add(CHUNKS[index][1]);
    if (colon < 0) continue;
    for (const ch of piece.slice(colon + 1)) {
      const at = CHUNKS[index][2].indexOf(ch.toUpperCase());
      if (at < 0) throw paramError(`Invalid flags for chunk type ${index}`);
      const bit = 1 << (7 - at);
      const set = ch !== ch.toLowerCase();
      let info = flags.find((f) => f.chunktype === index);
      if (!info) {
        if (flags.length === MAX_FLAG_INFOS)
          throw paramError(
            'Number of chunk types with flags exceeds currently allowed limit.Increasing this limit involves changing IPT_NUM_SCTP_FLAGS andrecompiling both the kernel space and user space modules',
          );
        flags.push((info = { chunktype: index, flag: 0, mask: 0 }));
      }
      info.mask |= bit;
      if (set) info.flag |= bit;
    }
  }
  return { mode, types: [...types].sort((a, b) => a - b), flags };
}

/** print_chunks: the mode, then NONE, ALL or each set type (name or 0x%04X) with its flags. */
function chunksText(c: ChunkTypes, numeric: boolean): string {
  const s = ` ${c.mode}`;
  if (c.types.length === 0) return `${s} NONE`;
  if (c.types.length === 256) return `${s} ALL`;
  const words = c.types.map((type) => {
    let w = numeric
      ? `0x${type.toString(16).toUpperCase().padStart(4, '0')}`
      : (CHUNKS.find(([, t]) => t === type)?.[0] ?? '');
    for (const f of c.flags) {
      if (f.chunktype !== type || f.mask === 0) continue;
      // print_chunk_flags indexes the names table by the chunk type.
      const valid = CHUNKS[type]?.[2] ?? '--------';
      w += ':';
      for (let bit = 7; bit >= 0; bit--)
        if (f.mask & (1 << bit)) {
          const letter = valid[7 - bit];
          w += f.flag & (1 << bit) ? letter : letter.toLowerCase();
        }
    }
    return w;
  });
  return `${s} ${words.join(',')}`;
}

type Range = [number, number];

/** sctp_save prints every port option it holds, 0:65535 included. */
function savePorts(d: ExtData, key: 'sport' | 'dport'): string {
  const r = d[key] as Range | undefined;
  if (!r) return '';
  return `${d[`${key}Inv`] ? ' !' : ''} --${key} ${r[0] === r[1] ? r[0] : `${r[0]}:${r[1]}`}`;
}

/** print_ports: left out when the range is everything and not inverted. */
function printPorts(d: ExtData, key: 'sport' | 'dport', label: string, numeric: boolean): string {
  const r = d[key] as Range | undefined;
  const invert = Boolean(d[`${key}Inv`]);
  if (!r || (r[0] === 0 && r[1] === 65535 && !invert)) return '';
  const inv = invert ? '!' : '';
  const port = (p: number) => portText(p, 'sctp', numeric);
  return r[0] === r[1] ? ` ${label}:${inv}${port(r[0])}` : ` ${label}s:${inv}${port(r[0])}:${port(r[1])}`;
}

const PORT_KEYS: Readonly<Record<string, 'sport' | 'dport'>> = {
  sport: 'sport',
  'source-port': 'sport',
  dport: 'dport',
  'destination-port': 'dport',
};

export const sctp: ExtSpec = {
  name: 'sctp',
  options: {
    sport: { arg: true },
    'source-port': { arg: true },
    dport: { arg: true },
    'destination-port': { arg: true },
    'chunk-types': { arg: true, arg2: true, arg2Message: '--chunk-types requires two args' },
  },
  parse(d, opt, arg, invert) {
    const key = PORT_KEYS[opt];
    if (key) {
      if (d[key])
        throw paramError(`Only one \`--${key === 'sport' ? 'source' : 'destination'}-port' allowed`);
      d[key] = parsePortRange(arg, 'sctp');
      d[`${key}Inv`] = invert;
      return;
    }
    if (d.chunks) throw paramError("Only one `--chunk-types' allowed");
    const [mode, list] = arg.split('\0');
    d.chunks = parseChunkTypes(mode, list);
    d.chunksInv = invert;
  },
  save(d) {
    let s = savePorts(d, 'sport') + savePorts(d, 'dport');
    const c = d.chunks as ChunkTypes | undefined;
    if (c) s += `${d.chunksInv ? ' !' : ''} --chunk-types${chunksText(c, false)}`;
    return s;
  },
  print(d, numeric) {
    let s = ' sctp' + printPorts(d, 'sport', 'spt', numeric) + printPorts(d, 'dport', 'dpt', numeric);
    const c = d.chunks as ChunkTypes | undefined;
    if (c) s += `${d.chunksInv ? ' !' : ''}${chunksText(c, numeric)}`;
    return s;
  },
};
