import type { Ipv4Packet } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type { L2Info } from './context.js';
import type { Hook, Policy, Rule, TableName } from './types.js';

/**
 * The nfnetlink multicast groups of nf_tables, as a listener binds them
 * (NFNLGRP_NFTABLES: ruleset changes, NFNLGRP_NFTRACE: traced packets).
 * The kernel only reports; `xtables-monitor` formats.
 */
export const NFT_GROUP = { events: 1, trace: 2 } as const;

/** A rule's verdict as nft_do_chain reports it (NFT_RETURN is what a `-j RETURN` rule yields). */
export type TraceVerdict = 'ACCEPT' | 'DROP' | 'CONTINUE' | 'RETURN' | 'JUMP' | 'GOTO';

/** The packet part of the first trace message of a base chain (packet_dumped). */
export interface TracePacket {
  readonly in: Link | null;
  readonly out: Link | null;
  readonly l2: L2Info | null;
  readonly packet: Ipv4Packet;
}

/** NFT_MSG_TRACE: NFT_TRACETYPE_RULE or NFT_TRACETYPE_POLICY. */
export interface TraceMessage {
  readonly kind: 'trace';
  readonly type: 'rule' | 'policy';
  readonly id: number;
  readonly table: TableName;
  readonly chain: string;
  /** The rule's handle and the rule as it stands (what a GETRULE by handle returns). */
  readonly handle: number;
  readonly rule: Rule | null;
  readonly verdict: TraceVerdict;
  /** JUMP/GOTO: the chain. */
  readonly target?: string;
  readonly packet: TracePacket | null;
}

/** A base chain's attributes in a NEWCHAIN notification. */
export interface BaseChainInfo {
  readonly hook: Hook;
  readonly priority: number;
  readonly type: 'filter' | 'nat' | 'route';
  readonly policy: Policy;
  readonly use: number;
  readonly packets: bigint;
  readonly bytes: bigint;
}

/** NFT_MSG_NEW/DEL{TABLE,CHAIN,RULE} and NEWGEN, in commit order. */
export type RulesetMessage =
  | {
      readonly kind: 'table';
      readonly op: 'new' | 'del';
      readonly table: TableName;
      readonly handle: number;
      readonly use: number;
    }
  | {
      readonly kind: 'chain';
      readonly op: 'new' | 'del';
      readonly table: TableName;
      readonly chain: string;
      /** Set on a NEWCHAIN of a base chain (a DELCHAIN carries no hook). */
      readonly base: BaseChainInfo | null;
    }
  | {
      readonly kind: 'rule';
      readonly op: 'new' | 'del';
      readonly table: TableName;
      readonly chain: string;
      readonly rule: Rule;
    }
  | { readonly kind: 'gen'; readonly genid: number; readonly comm: string };

export type NftMessage = TraceMessage | RulesetMessage;

/**
 * One edit of a table transaction, recorded by the draft while someone
 * listens for ruleset events; the store turns them into messages at commit.
 */
export type RulesetChange =
  | { readonly kind: 'table'; readonly op: 'new' | 'del' }
  | {
      readonly kind: 'chain';
      readonly op: 'new' | 'del';
      readonly chain: string;
      readonly base: boolean;
      readonly policy: Policy;
    }
  | { readonly kind: 'rule'; readonly op: 'new' | 'del'; readonly chain: string; readonly rule: Rule };

interface Listener {
  readonly groups: number;
  readonly deliver: (msg: NftMessage) => void;
}

/**
 * Listeners by the namespace's netfilter state (any object per
 * namespace): a key that needs no import of Netns here.
 */
const listeners = new WeakMap<object, Set<Listener>>();
/** Trace listeners anywhere: the packet path skips all trace work while 0 (nft_trace_enabled). */
let traceListeners = 0;

/** Binds an nfnetlink socket of the namespace to the groups; returns the unbind. */
export function nftListen(owner: object, groups: number, deliver: (msg: NftMessage) => void): () => void {
  let set = listeners.get(owner);
  if (!set) {
    set = new Set();
    listeners.set(owner, set);
  }
  const l: Listener = { groups, deliver };
  set.add(l);
  if (groups & NFT_GROUP.trace) traceListeners++;
  let bound = true;
  return () => {
    if (!bound) return;
    bound = false;
    set.delete(l);
    if (groups & NFT_GROUP.trace) traceListeners--;
  };
}

/** nfnetlink_has_listeners for the group. */
export function nftHasListener(owner: object, group: number): boolean {
  if (group === NFT_GROUP.trace && traceListeners === 0) return false;
  const set = listeners.get(owner);
  if (!set) return false;
  for (const l of set) if (l.groups & group) return true;
  return false;
}

/** Multicasts one message to the listeners of its group. */
export function nftNotify(owner: object, msg: NftMessage): void {
  const set = listeners.get(owner);
  if (!set) return;
  const group = msg.kind === 'trace' ? NFT_GROUP.trace : NFT_GROUP.events;
  for (const l of [...set]) if (l.groups & group) l.deliver(msg);
}
