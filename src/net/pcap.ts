/**
 * The classic libpcap file format (pcap-savefile(5)): a 24-byte global
 * header, then per packet a 16-byte record header and the bytes. Written
 * little-endian with microsecond timestamps, as tcpdump -w does on x86.
 */

export const PCAP_MAGIC = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
/** Linux cooked capture v2 (what `-i any` records). */
export const LINKTYPE_LINUX_SLL2 = 276;
export const SNAPLEN = 262144;

export interface PcapRecord {
  /** Microseconds since the epoch. */
  readonly timeUs: number;
  readonly bytes: Uint8Array;
  /** Length on the wire; equals bytes.length unless truncated by the snapshot length. */
  readonly origLen: number;
}

export interface PcapFile {
  readonly linkType: number;
  readonly snaplen: number;
  readonly records: readonly PcapRecord[];
}

export function emitPcapHeader(linkType: number, snaplen = SNAPLEN): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, PCAP_MAGIC, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, snaplen, true);
  v.setUint32(20, linkType, true);
  return b;
}

export function emitPcapRecord(r: PcapRecord): Uint8Array {
  const b = new Uint8Array(16 + r.bytes.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, Math.floor(r.timeUs / 1e6), true);
  v.setUint32(4, Math.round(r.timeUs % 1e6), true);
  v.setUint32(8, r.bytes.length, true);
  v.setUint32(12, r.origLen, true);
  b.set(r.bytes, 16);
  return b;
}

export type PcapParse = { ok: true; file: PcapFile } | { ok: false; error: string };

/** Reads a savefile in either byte order, with micro- or nanosecond timestamps. */
export function parsePcap(b: Uint8Array): PcapParse {
  if (b.length < 24)
    return { ok: false, error: 'truncated dump file; tried to read 4 file header bytes, only got 0' };
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const NANO_MAGIC = 0xa1b23c4d;
  const magics = [PCAP_MAGIC, NANO_MAGIC];
  const le = magics.includes(v.getUint32(0, true));
  if (!le && !magics.includes(v.getUint32(0, false))) return { ok: false, error: 'bad dump file format' };
  const nano = v.getUint32(0, le) === NANO_MAGIC;
  const records: PcapRecord[] = [];
  let at = 24;
  while (at + 16 <= b.length) {
    const sec = v.getUint32(at, le);
    const frac = v.getUint32(at + 4, le);
    const incl = v.getUint32(at + 8, le);
    const orig = v.getUint32(at + 12, le);
    if (at + 16 + incl > b.length) break;
    const timeUs = sec * 1e6 + (nano ? Math.floor(frac / 1000) : frac);
    records.push({ timeUs, bytes: b.slice(at + 16, at + 16 + incl), origLen: orig });
    at += 16 + incl;
  }
  return { ok: true, file: { linkType: v.getUint32(20, le), snaplen: v.getUint32(16, le), records } };
}
