import type { Ipv4Packet } from '../../net/packet.js';
import type { Netns } from '../netns.js';
import type { Counters, Hook, Rule, TableName, XtModule } from '../netfilter/types.js';
import type { TraceRecorder } from './recorder.js';
import type { ConntrackEvent, DropCode, VerdictEvent } from './events.js';
import { nfctOf } from '../netfilter/conntrack/skb.js';
import { conntrackTable } from '../netfilter/conntrack/table.js';
import { nfBridgeOf } from '../bridge/nf-bridge-info.js';
import { packetView, rewritable, tupleView } from './view.js';
import { dropReason } from './drop-reasons.js';

/** The first part of a rule that did not match: an ip header flag (`-s`, `-i`, `-p`, `-f`) or a match extension. */
export type Mismatch = string | XtModule;

/**
 * One followed packet's pass through one netfilter hook (nfHook puts it in
 * NfCtx.trace): the tables, chains, rules and verdicts, conntrack and the
 * rewrites, and why the hook dropped the packet.
 */
export class NfTrace {
  /** The last verdict a table gave: it explains a drop. */
  private last: VerdictEvent | null = null;
  /** The comment (`-m comment`) of the last rule that matched: it says why kube-proxy's DROP/REJECT is there. */
  private comment: string | null = null;

  constructor(
    readonly rec: TraceRecorder,
    readonly netns: Netns,
    readonly id: number,
    readonly hook: Hook,
  ) {}

  entered(packet: Ipv4Packet, inDev: string | null, outDev: string | null): void {
    const bridged = nfBridgeOf(packet, this.netns);
    this.rec.push(this.netns, this.id, {
      type: 'hook',
      hook: this.hook,
      in: inDev,
      out: outDev,
      view: packetView(packet),
      ...(bridged ? { physIn: bridged.physIn.name } : {}),
      ...(bridged?.physOut ? { physOut: bridged.physOut.name } : {}),
    });
  }

  chain(table: TableName, chain: string, via: 'hook' | 'jump' | 'goto' | 'return'): void {
    this.rec.push(this.netns, this.id, { type: 'chain', table, chain, via });
  }

  rule(table: TableName, chain: string, index: number, rule: Rule, miss: Mismatch | null): void {
    const failed = miss === null ? {} : { failed: typeof miss === 'string' ? miss : `-m ${miss.name}` };
    if (miss === null) {
      const text = rule.matches.find((m) => m.name === 'comment')?.data.comment;
      this.comment = typeof text === 'string' ? text : null;
    }
    this.rec.push(this.netns, this.id, {
      type: 'rule',
      table,
      chain,
      index,
      rule,
      matched: miss === null,
      ...failed,
    });
  }

  /** Rules from..to (1-based) the chain's index ruled out, all failing on `failed`. */
  ruledOut(table: TableName, chain: string, from: number, to: number, failed: string): void {
    this.rec.push(this.netns, this.id, { type: 'ruled-out', table, chain, from, to, failed });
  }

  /** A matched rule's (index > 0) or the policy's (index 0) verdict, with the counters it bumped. */
  verdict(
    table: TableName,
    chain: string,
    index: number,
    target: string,
    verdict: 'ACCEPT' | 'DROP' | 'CONTINUE',
    counters: Counters | null,
  ): void {
    const event: VerdictEvent = {
      type: 'verdict',
      packet: this.id,
      ns: this.netns.name ?? '',
      table,
      chain,
      index,
      target,
      verdict,
      ...(counters ? { counters: { packets: Number(counters.packets), bytes: Number(counters.bytes) } } : {}),
    };
    this.rec.events.push(event);
    this.last = event;
  }

  /** The packet's conntrack after lookup (or at confirmation of a new entry). */
  conntrack(packet: Ipv4Packet, action: 'lookup' | 'confirm', wasNew: boolean): void {
    const nfct = nfctOf(packet, this.netns);
    let event: Omit<ConntrackEvent, 'packet' | 'ns'>;
    if (!nfct) event = { type: 'conntrack', hook: this.hook, action, state: 'INVALID', entry: 'none' };
    else if ('untracked' in nfct)
      event = { type: 'conntrack', hook: this.hook, action, state: 'UNTRACKED', entry: 'none' };
    else {
      const { conn, info } = nfct;
      this.rec.followConn(conn, this.id, this.netns);
      event = {
        type: 'conntrack',
        hook: this.hook,
        action,
        state: info,
        entry: wasNew ? 'new' : 'existing',
        orig: tupleView(conn.orig),
        reply: tupleView(conn.reply),
        ...(conn.tcp ? { tcpState: conn.tcp.state } : {}),
      };
    }
    this.rec.push(this.netns, this.id, event);
  }

  /** Header fields a hook function changed between `before` and `after`. */
  rewrite(by: string, before: Ipv4Packet, after: Ipv4Packet): void {
    if (before === after) return;
    const a = rewritable(before);
    const b = rewritable(after);
    const changes = b
      .map(([field, to], i) => ({ field, from: a[i]?.[1] ?? '', to }))
      .filter((c, i) => a[i]?.[0] === c.field && c.from !== c.to);
    if (changes.length > 0)
      this.rec.push(this.netns, this.id, { type: 'rewrite', hook: this.hook, by, changes });
  }

  /** The hook dropped the packet: explained by the last verdict, or by `code`. */
  dropped(code?: DropCode, detail?: string): void {
    if (code === 'conntrack-full' && detail === undefined)
      detail = `nf_conntrack_max ${conntrackTable(this.netns).max}, at ${this.hook}`;
    const last = this.last;
    const where = last ? `${last.table}/${last.chain}` : this.hook;
    const resolved: DropCode =
      code ??
      (!last
        ? 'nf-drop'
        : last.index === 0
          ? 'nf-policy'
          : last.target === 'REJECT'
            ? 'nf-reject'
            : 'nf-rule');
    const comment = last && last.index > 0 && this.comment ? `: "${this.comment}"` : '';
    const what =
      last && last.index > 0
        ? `${where} rule ${last.index}${comment}`
        : last
          ? `${where} policy DROP`
          : where;
    this.rec.push(this.netns, this.id, {
      type: 'drop',
      code: resolved,
      reason: dropReason(resolved, detail ?? what),
    });
  }
}
