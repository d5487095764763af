import type { IPv4 } from '../ipv4.js';
import type { Compression } from './name.js';
import { DnsFormatError, NameWriter, readName } from './name.js';
import { RRTYPE } from './types.js';

/**
 * A DNS message (RFC 1035 4.1) as plain values, with `encodeMessage` /
 * `decodeMessage` for the wire. dig, the emulated dnsmasq and the cluster
 * DNS build and read messages only through this module.
 */

export interface DnsHeader {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  /** The reserved Z bit. */
  readonly z: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  /** The low 4 bits of the response code (EDNS adds 8 high bits in OPT). */
  readonly rcode: number;
}

export interface DnsQuestion {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

export interface EdnsOption {
  readonly code: number;
  readonly data: Uint8Array;
}

/** Record data, decoded for the types the tools use and kept as bytes otherwise. */
export type RData =
  | { readonly kind: 'a'; readonly address: IPv4 }
  | { readonly kind: 'aaaa'; readonly address: Uint8Array }
  /** CNAME, PTR, NS: one domain name. */
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'mx'; readonly preference: number; readonly exchange: string }
  | {
      readonly kind: 'srv';
      readonly priority: number;
      readonly weight: number;
      readonly port: number;
      readonly target: string;
    }
  /** TXT: character-strings as latin1 text (one byte per char). */
  | { readonly kind: 'txt'; readonly strings: readonly string[] }
  | { readonly kind: 'opt'; readonly options: readonly EdnsOption[] }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  /** For OPT: the requestor's UDP payload size. */
  readonly class: number;
  /** For OPT: extended rcode, version and flags (RFC 6891 6.1.3). */
  readonly ttl: number;
  readonly data: RData;
}

export interface DnsMessage {
  readonly header: DnsHeader;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
}

/** The rdata kind a type is decoded as. */
function kindOf(type: number): RData['kind'] {
  switch (type) {
    case RRTYPE.A:
      return 'a';
    case RRTYPE.AAAA:
      return 'aaaa';
    case RRTYPE.CNAME:
    case RRTYPE.PTR:
    case RRTYPE.NS:
      return 'name';
    case RRTYPE.MX:
      return 'mx';
    case RRTYPE.SRV:
      return 'srv';
    case RRTYPE.TXT:
      return 'txt';
    case RRTYPE.OPT:
      return 'opt';
    default:
      return 'raw';
  }
}

export function encodeMessage(msg: DnsMessage, compression: Compression = 'suffix'): Uint8Array {
  const out: number[] = [];
  const h = msg.header;
  u16(out, h.id);
  u16(
    out,
    (+h.qr << 15) |
      ((h.opcode & 15) << 11) |
      (+h.aa << 10) |
      (+h.tc << 9) |
      (+h.rd << 8) |
      (+h.ra << 7) |
      (+h.z << 6) |
      (+h.ad << 5) |
      (+h.cd << 4) |
      (h.rcode & 15),
  );
  for (const n of [msg.questions, msg.answers, msg.authority, msg.additional]) u16(out, n.length);
  const names = new NameWriter(compression);
  for (const q of msg.questions) {
    names.write(out, q.name, 'owner');
    u16(out, q.type);
    u16(out, q.class);
  }
  for (const rr of [...msg.answers, ...msg.authority, ...msg.additional]) writeRecord(out, rr, names);
  return Uint8Array.from(out);
}

function writeRecord(out: number[], rr: ResourceRecord, names: NameWriter): void {
  names.write(out, rr.name, 'owner');
  u16(out, rr.type);
  u16(out, rr.class);
  u32(out, rr.ttl);
  const lengthAt = out.length;
  u16(out, 0);
  const d = rr.data;
  switch (d.kind) {
    case 'a':
      u32(out, d.address);
      break;
    case 'aaaa':
    case 'raw':
      out.push(...(d.kind === 'aaaa' ? d.address : d.bytes));
      break;
    case 'name':
      // RFC 3597 4: only the well-known types of RFC 1035 may be compressed.
      names.write(out, d.name, 'rdata');
      break;
    case 'mx':
      u16(out, d.preference);
      names.write(out, d.exchange, 'rdata');
      break;
    case 'srv':
      u16(out, d.priority);
      u16(out, d.weight);
      u16(out, d.port);
      // RFC 2782: the target is never compressed.
      names.write(out, d.target, 'uncompressed');
      break;
    case 'txt':
      for (const s of d.strings) {
        out.push(s.length);
        for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 255);
      }
      break;
    case 'opt':
      for (const o of d.options) {
        u16(out, o.code);
        u16(out, o.data.length);
        out.push(...o.data);
      }
      break;
  }
  const len = out.length - lengthAt - 2;
  out[lengthAt] = len >> 8;
  out[lengthAt + 1] = len & 255;
}

/** Parses a whole message; throws DnsFormatError when it is malformed (a server answers FORMERR or drops it). */
export function decodeMessage(buf: Uint8Array): DnsMessage {
  if (buf.length < 12) throw new DnsFormatError('short header');
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()];
  const header: DnsHeader = {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 15,
    aa: (flags & 0x400) !== 0,
    tc: (flags & 0x200) !== 0,
    rd: (flags & 0x100) !== 0,
    ra: (flags & 0x80) !== 0,
    z: (flags & 0x40) !== 0,
    ad: (flags & 0x20) !== 0,
    cd: (flags & 0x10) !== 0,
    rcode: flags & 15,
  };
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number) => Array.from({ length: n }, () => readRecord(r));
  const answers = section(counts[1]);
  const authority = section(counts[2]);
  const additional = section(counts[3]);
  return { header, questions, answers, authority, additional };
}

function readRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const len = r.u16();
  const end = r.pos + len;
  if (end > r.buf.length) throw new DnsFormatError('rdata runs past the message');
  const data = readRData(r, type, end);
  if (r.pos !== end) throw new DnsFormatError('rdata length mismatch');
  return { name, type, class: cls, ttl, data };
}

function readRData(r: Reader, type: number, end: number): RData {
  switch (kindOf(type)) {
    case 'a':
      if (end - r.pos !== 4) throw new DnsFormatError('bad A rdata');
      return { kind: 'a', address: r.u32() };
    case 'aaaa':
      if (end - r.pos !== 16) throw new DnsFormatError('bad AAAA rdata');
      return { kind: 'aaaa', address: r.bytes(16) };
    case 'name':
      return { kind: 'name', name: r.name() };
    case 'mx':
      return { kind: 'mx', preference: r.u16(), exchange: r.name() };
    case 'srv':
      return { kind: 'srv', priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
    case 'txt': {
      const strings: string[] = [];
      while (r.pos < end) {
        const n = r.u8();
        if (r.pos + n > end) throw new DnsFormatError('bad TXT rdata');
        strings.push(String.fromCharCode(...r.bytes(n)));
      }
      return { kind: 'txt', strings };
    }
    case 'opt': {
      const options: EdnsOption[] = [];
      while (r.pos < end) {
        const code = r.u16();
        const n = r.u16();
        if (r.pos + n > end) throw new DnsFormatError('bad OPT rdata');
        options.push({ code, data: r.bytes(n) });
      }
      return { kind: 'opt', options };
    }
    default:
      return { kind: 'raw', bytes: r.bytes(end - r.pos) };
  }
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new DnsFormatError('message truncated');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  u16(): number {
    this.need(2);
    const v = (this.buf[this.pos] << 8) | this.buf[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  name(): string {
    const { name, next } = readName(this.buf, this.pos);
    this.pos = next;
    return name;
  }
}

function u16(out: number[], v: number): void {
  out.push((v >> 8) & 255, v & 255);
}

function u32(out: number[], v: number): void {
  out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}
