import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DnsMessage, RData, ResourceRecord } from './message.js';
import { decodeMessage, encodeMessage } from './message.js';
import { DnsFormatError } from './name.js';
import { ednsOf } from './edns.js';
import { RRTYPE } from './types.js';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );

// UDP payloads captured on this machine: dig 9.18 asking dnsmasq 2.90.
const DIG_QUERY = hex(`764c 0120 0001 0000 0000 0001 0361 7069 0765 7861 6d70 6c65 0474 6573 7400 0001 0001
  0000 2904 d000 0000 0000 0c00 0a00 08f1 5795 68b1 f33c 8c`);
const DNSMASQ_CNAME =
  hex(`85ad 8580 0001 0002 0000 0001 0377 7777 0765 7861 6d70 6c65 0474 6573 7400 0001 0001
  c00c 0005 0001 0000 0000 0012 0361 7069 0765 7861 6d70 6c65 0474 6573 7400 c02e 0001 0001 0000 0000 0004
  0a00 000a 0000 2904 d000 0000 0000 00`);
const DNSMASQ_SRV = hex(`9618 8580 0001 0001 0000 0002 055f 6874 7470 045f 7463 7007 6578 616d 706c 6504 7465
  7374 0000 2100 01c0 0c00 2100 0100 0000 0000 1800 0000 051f 9003 6170 6907 6578 616d 706c 6504 7465 7374
  00c0 3b00 0100 0100 0000 0000 040a 0000 0a00 0029 04d0 0000 0000 0000`);
const DNSMASQ_REFUSED =
  hex(`3010 8185 0001 0000 0000 0001 0239 3901 3001 3002 3130 0769 6e2d 6164 6472 0461 7270
  6100 000c 0001 0000 2904 d000 0000 0000 0600 0f00 0200 0e`);

describe('DNS wire format', () => {
  it('decodes the query dig sends: RD and AD set, EDNS with a client cookie', () => {
    const m = decodeMessage(DIG_QUERY);
    expect(m.header).toMatchObject({ id: 0x764c, qr: false, rd: true, ad: true, rcode: 0 });
    expect(m.questions).toEqual([{ name: 'api.example.test', type: RRTYPE.A, class: 1 }]);
    const edns = ednsOf(m)!;
    expect(edns).toMatchObject({ udpSize: 1232, version: 0, dnssecOk: false });
    expect(edns.options.map((o) => [o.code, o.data.length])).toEqual([[10, 8]]);
    expect(encodeMessage(m)).toEqual(DIG_QUERY);
  });

  it.each([
    ['CNAME chain', DNSMASQ_CNAME],
    ['SRV with an additional address', DNSMASQ_SRV],
    ['REFUSED with an Extended DNS Error', DNSMASQ_REFUSED],
  ])('re-encodes a dnsmasq answer (%s) byte for byte with owner-only compression', (_, bytes) => {
    expect(encodeMessage(decodeMessage(bytes), 'owners')).toEqual(bytes);
  });

  it('follows pointers: the CNAME target and the next owner', () => {
    const m = decodeMessage(DNSMASQ_CNAME);
    expect(m.header).toMatchObject({ qr: true, aa: true, rd: true, ra: true });
    expect(m.answers.map((a) => [a.name, a.data])).toEqual([
      ['www.example.test', { kind: 'name', name: 'api.example.test' }],
      ['api.example.test', { kind: 'a', address: 0x0a00000a }],
    ]);
  });

  it('suffix compression shortens repeated suffixes', () => {
    const m = decodeMessage(DNSMASQ_CNAME);
    expect(encodeMessage(m, 'suffix').length).toBe(DNSMASQ_CNAME.length - 12);
    expect(decodeMessage(encodeMessage(m, 'suffix'))).toEqual(m);
  });

  it.each([
    ['a forward pointer', hex('0000 0000 0001 0000 0000 0000 c00c 0001 0001')],
    ['a truncated header', hex('0000 0000 00')],
    ['a label past the end', hex('0000 0000 0001 0000 0000 0000 0561 62')],
    ['rdata past the end', hex('0000 8000 0000 0001 0000 0000 0000 0100 0100 0000 0000 04 0a00')],
  ])('rejects %s', (_, bytes) => {
    expect(() => decodeMessage(bytes)).toThrow(DnsFormatError);
  });
});

// Lower case only: suffix compression matches names case-insensitively (as BIND's does), so
// `q` then `Q` comes back as `q` twice, which is what a server sends.
const label = fc.stringMatching(/^[a-z0-9_-]{1,20}$/);
const name = fc.array(label, { maxLength: 4 }).map((ls) => ls.join('.'));
const u16 = fc.integer({ min: 0, max: 0xffff });
const rdata: fc.Arbitrary<[number, RData]> = fc.oneof(
  fc
    .integer({ min: 0, max: 0xffffffff })
    .map((address): [number, RData] => [RRTYPE.A, { kind: 'a', address }]),
  fc
    .uint8Array({ minLength: 16, maxLength: 16 })
    .map((address): [number, RData] => [RRTYPE.AAAA, { kind: 'aaaa', address }]),
  fc
    .tuple(fc.constantFrom(RRTYPE.CNAME, RRTYPE.PTR, RRTYPE.NS), name)
    .map(([t, n]): [number, RData] => [t, { kind: 'name', name: n }]),
  fc
    .tuple(u16, name)
    .map(([p, n]): [number, RData] => [RRTYPE.MX, { kind: 'mx', preference: p, exchange: n }]),
  fc
    .tuple(u16, u16, u16, name)
    .map(([priority, weight, port, target]): [number, RData] => [
      RRTYPE.SRV,
      { kind: 'srv', priority, weight, port, target },
    ]),
  fc
    .array(
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      { minLength: 1, maxLength: 3 },
    )
    .map((strings): [number, RData] => [RRTYPE.TXT, { kind: 'txt', strings }]),
  fc.uint8Array({ maxLength: 20 }).map((bytes): [number, RData] => [99, { kind: 'raw', bytes }]),
);
const record: fc.Arbitrary<ResourceRecord> = fc
  .tuple(name, rdata, fc.integer({ min: 0, max: 0xffffffff }))
  .map(([n, [type, data], ttl]) => ({ name: n, type, class: 1, ttl, data }));
const message: fc.Arbitrary<DnsMessage> = fc.record({
  header: fc.record({
    id: u16,
    qr: fc.boolean(),
    opcode: fc.integer({ min: 0, max: 15 }),
    aa: fc.boolean(),
    tc: fc.boolean(),
    rd: fc.boolean(),
    ra: fc.boolean(),
    z: fc.boolean(),
    ad: fc.boolean(),
    cd: fc.boolean(),
    rcode: fc.integer({ min: 0, max: 15 }),
  }),
  questions: fc.array(fc.record({ name, type: u16, class: u16 }), { maxLength: 2 }),
  answers: fc.array(record, { maxLength: 4 }),
  authority: fc.array(record, { maxLength: 2 }),
  additional: fc.array(record, { maxLength: 3 }),
});

describe('DNS wire format round trip', () => {
  it.each(['suffix', 'owners', 'none'] as const)('decode(encode(m)) is m with %s compression', (mode) => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeMessage(encodeMessage(m, mode))).toEqual(m);
      }),
    );
  });

  it('compression never makes a message longer', () => {
    fc.assert(
      fc.property(message, (m) => {
        const none = encodeMessage(m, 'none').length;
        expect(encodeMessage(m, 'owners').length).toBeLessThanOrEqual(none);
        expect(encodeMessage(m, 'suffix').length).toBeLessThanOrEqual(none);
      }),
    );
  });
});
