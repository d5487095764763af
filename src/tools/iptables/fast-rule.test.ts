import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableName } from '../../kernel/netfilter/types.js';
import { dump } from '../../../test/iptables-dumps.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generateKubeProxyDump } from '../../../bench/gen-kube-proxy.mjs';
import { parseFastRule, plainBytes, plainText } from './fast-rule.js';
import { parseArgs } from './parse-args.js';
import { splitLine } from './restore.js';

/** Chains a `-j NAME` may name in these cases. */
const USER = new Set(['KUBE-SVC-X', 'KUBE-SEP-X', 'KUBE-MARK-MASQ', 'USER1', 'USER2']);
const exists = (_t: string, c: string) => USER.has(c) || c.startsWith('KUBE-');

/** What parseArgs makes of the line in a restore (after `-t TABLE`), or its error message. */
function general(line: string, table: TableName): { chain?: string; rules: unknown[] } | string {
  try {
    const cmd = parseArgs(splitLine(line, ['-t', table]), exists);
    return { chain: cmd.chain, rules: cmd.rules };
  } catch (e) {
    return (e as Error).message;
  }
}

/** The fast path agrees with parseArgs: the same rule, or it leaves the line to parseArgs. */
function agrees(line: string, table: TableName): boolean {
  const fast = parseFastRule(line, table, exists, undefined);
  if (!fast) return true;
  expect({ chain: fast.chain, rules: [fast.rule] }).toEqual(general(line, table));
  return true;
}

describe('parseFastRule', () => {
  it.each([
    ['nat', '-A KUBE-SEP-X -s 10.244.1.2/32 -j KUBE-MARK-MASQ'],
    ['nat', '-A KUBE-SEP-X -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:8080'],
    [
      'nat',
      '-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "a/b:c cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ',
    ],
    [
      'nat',
      '-A KUBE-SVC-X -m comment --comment "x -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-X',
    ],
    ['nat', '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000'],
    ['nat', '-A POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN'],
    ['nat', '-A POSTROUTING -j MASQUERADE --random-fully'],
    [
      'filter',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    ],
    [
      'filter',
      '-A KUBE-SERVICES -d 10.96.0.46/32 -p tcp -m comment --comment "ns/svc:db has no endpoints" -m tcp --dport 5432 -j REJECT --reject-with icmp-port-unreachable',
    ],
    [
      'filter',
      '-A KUBE-EXTERNAL-SERVICES -p udp -m addrtype --dst-type LOCAL -m udp --dport 30499 -j REJECT',
    ],
    ['filter', '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT'],
    ['filter', '-A INPUT'],
    ['filter', '-A INPUT -m comment --comment ""'],
    // Words read in place are the same words quoted.
    ['filter', '-A INPUT "!" -s 1.2.3.4 "-m" comment "--comment" "-j" -j ACCEPT'],
  ] as [TableName, string][])('builds what parseArgs builds: %s %s', (table, line) => {
    const fast = parseFastRule(line, table, exists, undefined);
    expect(fast).not.toBeNull();
    expect({ chain: fast!.chain, rules: [fast!.rule] }).toEqual(general(line, table));
  });

  it.each([
    ['filter', '-I INPUT -j ACCEPT', 'another command'],
    ['filter', '-A INPUT -j NOPE', 'a jump to a missing chain (restore defers that error)'],
    ['filter', '-A INPUT ! -j ACCEPT', '! before -j'],
    ['filter', '-A INPUT -s 1.2.3.4,5.6.7.8 -j ACCEPT', 'several addresses'],
    ['filter', '-A INPUT -s localhost -j ACCEPT', 'a host name'],
    ['filter', '-A INPUT -p tcp --dport 80 -j ACCEPT', 'the -p match loaded implicitly'],
    ['filter', '-A INPUT -p tcp -m tcp --dport=80 -j ACCEPT', 'an inline argument'],
    ['filter', '-A INPUT -p tcp -m tcp --dp 80 -j ACCEPT', 'an abbreviation'],
    ['filter', '-A INPUT -m tcp --dport 80 -j ACCEPT', "TCP match without '-p tcp'"],
    ['filter', '-A INPUT -s 1.2.3.4 -s 1.2.3.5 -j ACCEPT', 'an option twice'],
    ['filter', '-A INPUT -m comment --comment a"b c" -j ACCEPT', 'a quote inside a word'],
    ['filter', '-A INPUT -p tcp -m tcp --tcp-flags SYN,ACK SYN -j ACCEPT', 'a two-word argument'],
    ['filter', '-A INPUT -i eth0 -j ACCEPT', 'an interface'],
    ['filter', '-A INPUT -j ACCEPT !', 'a trailing !'],
    ['filter', '-A INPUT -m comment --commentx a -j ACCEPT', 'an option name it begins'],
    ['filter', '-A INPUT -m comment -comment a -j ACCEPT', 'one dash'],
    ['filter', '-A INPUT !! -j ACCEPT', 'a word of two !'],
    ['filter', '-A INPUT -m statistic --mode random -j ACCEPT', 'a final check failing'],
    ['nat', '-A PREROUTING -j DROP', 'DROP in nat'],
    ['filter', '-A THIS-CHAIN-NAME-IS-FAR-TOO-LONG -j ACCEPT', 'a chain name too long'],
    ['filter', '-A INPUT -j NFLOG --nflog-range 10', 'an option iptables warns of'],
  ] as [TableName, string, string][])('leaves to parseArgs %s %s (%s)', (table, line) => {
    expect(parseFastRule(line, table, exists, undefined)).toBeNull();
  });

  it('gives rules whose matches read the same words for the same protocol one shared list', () => {
    const rule = (line: string, table: TableName = 'nat') =>
      parseFastRule(line, table, exists, undefined)!.rule;
    const a = rule('-A KUBE-SEP-X -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:8080');
    const b = rule('-A KUBE-SEP-Y -p tcp -m tcp -j DNAT --to-destination 10.244.1.3:8080');
    expect(b.matches).toBe(a.matches);
    // A match given no option is one module for every rule of the protocol, beside a comment of its own.
    const dnat = (comment: string, proto = 'tcp') =>
      rule(
        `-A KUBE-SEP-X -p ${proto} -m comment --comment "${comment}" -m ${proto} -j DNAT --to-destination 10.244.1.2:80`,
      );
    expect(dnat('a').matches[1]).toBe(dnat('b').matches[1]);
    expect(dnat('a').matches[0]).not.toBe(dnat('b').matches[0]);
    expect(dnat('a', 'udp').matches[1]).not.toBe(dnat('a').matches[1]);
    agrees(
      '-A KUBE-SEP-X -p tcp -m comment --comment "c" -m tcp -j DNAT --to-destination 10.244.1.2:80',
      'nat',
    );
    const stat = '-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-X';
    expect(rule(`-A KUBE-SVC-X ${stat}`).matches).toBe(rule(`-A KUBE-SVC-Y ${stat}`).matches);
    // Each of these parses to matches of its own, as parseArgs makes them.
    for (const [first, second] of [
      ['-p tcp -m multiport --dports 80 -j ACCEPT', '-p udp -m multiport --dports 80 -j ACCEPT'],
      [
        '-p tcp -m tcp -j DNAT --to-destination 10.0.0.1:80',
        '-p tcp -m tcp -j DNAT --to-destination 10.0.0.1:80 --dport 81',
      ],
      ['-m tcp -p tcp --dport 80 -j ACCEPT', '-m tcp -p tcp --dport 80 -j ACCEPT'],
      [
        '-m statistic --mode nth --every 2 --packet 0 -j ACCEPT',
        '-m statistic --mode nth --every 2 --packet 0 -j ACCEPT',
      ],
      ['-m comment --comment "a" -j ACCEPT', '-m comment --comment "a" -j ACCEPT'],
    ]) {
      const one = parseFastRule(`-A PREROUTING ${first}`, 'nat', exists, undefined);
      const two = parseFastRule(`-A PREROUTING ${second}`, 'nat', exists, undefined);
      if (one && two) expect(two.rule.matches).not.toBe(one.rule.matches);
      agrees(`-A PREROUTING ${first}`, 'nat');
      agrees(`-A PREROUTING ${second}`, 'nat');
    }
  });

  it("takes an earlier line's matches for the same words only where nothing else in the line changes them", () => {
    const stat = '-m statistic --mode random --probability 0.25000000000';
    const mark = '-m mark --mark 0x1/0x1';
    // Each first line makes matches kept by their words; each second starts with those words.
    for (const [first, second] of [
      [`${stat} -j ACCEPT`, `${stat} -j ACCEPT -m udp -p udp --dport 53`],
      [`${stat} -j ACCEPT`, `${stat} -j ACCEPT -p tcp`],
      [`${stat} -j ACCEPT`, `${stat} -j ACCEPT ${mark}`],
      [`${mark} -j ACCEPT`, `${mark} -j ACCEPT --mark 0x2`],
      [`${mark} -s 10.0.0.1/32 -j ACCEPT`, `${mark} -s 10.0.0.2/32 -j ACCEPT`],
      [`-p tcp ${mark} -j ACCEPT`, `-p udp ${mark} -j ACCEPT`],
      [`${mark} -j ACCEPT`, `${mark} -j MARK --set-mark 2`],
      [`${mark} -j ACCEPT`, `! -p tcp ${mark} -j ACCEPT`],
    ]) {
      agrees(`-A PREROUTING ${first}`, 'mangle');
      agrees(`-A PREROUTING ${second}`, 'mangle');
      agrees(`-A PREROUTING ${first}`, 'mangle');
    }
  });

  it('agrees with parseArgs on every rule of random dumps', () => {
    fc.assert(
      fc.property(dump, (text) => {
        let table: TableName = 'filter';
        for (const raw of text.split('\n')) {
          if (raw.startsWith('*')) table = raw.slice(1) as TableName;
          const line = raw.replace(/^\[\d+:\d+\] /, '');
          if (line.startsWith('-A')) agrees(line, table);
        }
        return true;
      }),
      { numRuns: 50, seed: 20261123 },
    );
  });

  it('agrees with parseArgs on a kube-proxy dump, taking every rule', () => {
    const { text } = generateKubeProxyDump({ services: 40 }) as { text: string };
    expect(plainText(text)).toBe(true);
    let table: TableName = 'filter';
    let taken = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('*')) table = line.slice(1) as TableName;
      if (!line.startsWith('-A')) continue;
      expect(parseFastRule(line, table, exists, undefined)).not.toBeNull();
      agrees(line, table);
      taken++;
    }
    expect(taken).toBeGreaterThan(300);
  });
});

describe('plainText', () => {
  it.each([
    ['-A X -m comment --comment "a b" -j Y\n', true],
    ['-A X\t-j Y\n', false],
    ['-A X -m comment --comment "a \\" b" -j Y\n', false],
    ['-A X -m comment --comment "é" -j Y\n', false],
    ['-A X -j Y\r\n', false],
  ])('%j: %s', (text, plain) => {
    expect(plainText(text)).toBe(plain);
  });
});

describe('plainBytes', () => {
  // Bytes near the edges of what a plain text allows.
  const edgy = fc.constantFrom(
    0,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    0x1f,
    0x20,
    0x5b,
    0x5c,
    0x5d,
    0x7e,
    0x7f,
    0x80,
    0xff,
  );
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constant(10), edgy);

  it('agrees with plainText on the text the bytes are', () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (codes) => {
        expect(plainBytes(Buffer.from(codes))).toBe(plainText(String.fromCharCode(...codes)));
      }),
      { seed: 6, numRuns: 3000 },
    );
  });

  it('finds one refused byte anywhere in a long plain text, and lets other control characters be', () => {
    const text = Buffer.from('-A X -j Y\n'.repeat(50), 'latin1');
    expect(plainBytes(text)).toBe(true);
    for (const at of [0, 1, 97, text.length - 1]) {
      for (const odd of [9, 0x0b, 0x0c, 0x0d, 0x5c, 0x80, 0xff]) {
        const copy = Buffer.from(text);
        copy[at] = odd;
        expect(plainBytes(copy)).toBe(false);
      }
      for (const word of [0, 1, 0x1f, 0x7f]) {
        const copy = Buffer.from(text);
        copy[at] = word;
        expect(plainBytes(copy)).toBe(true);
      }
    }
  });
});
