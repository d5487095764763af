/**
 * What netfilter's unit tests build again and again: a rule with nothing
 * but its verdict, an ICMP packet and its conntrack entry, a TCP header,
 * the context of a packet at a hook, the errno a table operation fails
 * with, and a table as the kernel numbers it.
 */
import type { Ipv4Packet, TcpHeader } from '../../net/packet.js';
import { IPPROTO } from '../../net/packet.js';
import type { Netns } from '../netns.js';
import type { NfCtx } from './context.js';
import { Conn } from './conntrack/conn.js';
import { NfError } from './errors.js';
import type { Chain, Rule, Table, Verdict } from './types.js';
import { chainHandle, newCounters, ruleHandles } from './types.js';

/** A rule with no address, interface, protocol or extension match (each can be given in `fields`). */
export function bareRule(verdict: Verdict = { kind: 'none' }, fields: Partial<Rule> = {}): Rule {
  return {
    src: null,
    dst: null,
    inIface: null,
    outIface: null,
    proto: 0,
    protoInvert: false,
    fragment: null,
    matches: [],
    verdict,
    counters: newCounters(),
    ...fields,
  };
}

/** A bare rule carrying `name` as its comment, so a test can tell which rule an error blames. */
export const namedRule = (verdict: Verdict, name?: string): Rule =>
  bareRule(verdict, name ? { matches: [{ name: 'comment', data: { comment: name } }] } : {});

export const ACCEPT: Verdict = { kind: 'standard', verdict: 'ACCEPT' };
export const DROP: Verdict = { kind: 'standard', verdict: 'DROP' };

/** `-j CHAIN`, named as namedRule names. */
export const jumpRule = (chain: string, name?: string): Rule =>
  namedRule({ kind: 'jump', chain, goto: false }, name);
/** `-j DNAT` named 'dnat': a target only the nat table takes. */
export const dnatRule = (): Rule => namedRule({ kind: 'target', target: { name: 'DNAT', data: {} } }, 'dnat');

/** The NfError's code, followed by the comment of the rule it blames if that rule has one. */
export function blamed(e: NfError): string {
  const comment = e.rule?.matches[0]?.data['comment'];
  return comment === undefined ? e.code : `${e.code} ${String(comment)}`;
}

/** The code of the NfError `fn` throws, or 'ok'. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof NfError) return e.code;
    throw e;
  }
  return 'ok';
}

/** An ICMP packet 10.0.0.1 -> 10.0.0.2 (84 bytes, DF, no ICMP header unless `fields` gives one). */
export const icmpPacket = (fields: Partial<Ipv4Packet> = {}): Ipv4Packet => ({
  src: 0x0a000001,
  dst: 0x0a000002,
  protocol: IPPROTO.ICMP,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 84,
  dontFragment: true,
  ...fields,
});

/** A conntrack entry for icmpPacket()'s flow: its tuple (id 1) as original, the addresses swapped as reply. */
export function icmpConn(): Conn {
  const t = { src: 0x0a000001, dst: 0x0a000002, proto: IPPROTO.ICMP, sport: 1, dport: 0x800 };
  return new Conn(t, { ...t, src: t.dst, dst: t.src });
}

/** A TCP header 40000 -> 80 (seq 1, no ack, window 64240); `headerLength` counts the bytes of `options` too. */
export const tcpHeader = (
  flags: number,
  headerLength: number,
  options?: TcpHeader['options'],
): TcpHeader => ({
  kind: 'tcp',
  sport: 40000,
  dport: 80,
  seq: 1,
  ack: 0,
  flags,
  window: 64240,
  headerLength,
  ...(options && { options }),
});

/** `packet` arriving for this host at filter INPUT, from no device in particular (`fields` change that). */
export const inputCtx = (netns: Netns, packet: Ipv4Packet, fields: Partial<NfCtx> = {}): NfCtx => ({
  netns,
  hook: 'INPUT',
  in: null,
  out: null,
  l2: null,
  route: { input: true, local: true, broadcast: false },
  fromSocket: false,
  table: 'filter',
  packet,
  ...fields,
});

/** A table as the kernel holds it: every chain's handle and rule handles, rules, the next handle. */
export function kernelView(t: Table | undefined) {
  if (t === undefined) return null;
  const chain = (c: Chain) => ({
    name: c.name,
    handle: chainHandle(t, c),
    handles: ruleHandles(t, c),
    rules: c.rules.length,
  });
  const user = [...t.user.values()].map(chain).sort((a, b) => a.handle - b.handle);
  return { builtins: t.builtins.map(chain), user, next: t.nextHandle };
}
