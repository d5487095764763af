import type { IPv4 } from '../../net/ipv4.js';
import type { Link } from '../link/link.js';
import { fail } from '../errno.js';
import { RT_TABLE_DEFAULT, RT_TABLE_LOCAL, RT_TABLE_MAIN } from './route.js';
import { routesChanged } from './generation.js';

/** FR_ACT_*: what a matching rule does. */
export type RuleAction = 'lookup' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';

/** One policy routing rule (struct fib4_rule). Addresses are kept as given, matched under their mask. */
export interface Rule {
  readonly pref: number;
  readonly invert: boolean;
  readonly src: IPv4;
  readonly srcLen: number;
  readonly dst: IPv4;
  readonly dstLen: number;
  readonly tos: number;
  readonly mark: number;
  readonly markMask: number;
  /** Device names: a rule may name a device that does not exist (yet), shown `[detached]`. */
  readonly iif: string | null;
  readonly oif: string | null;
  readonly action: RuleAction;
  readonly table: number;
  /** goto target preference. */
  readonly target: number;
  /** -1 when not set. */
  readonly suppressPrefixLen: number;
  readonly protocol: number;
}

export const RULE_DEFAULTS: Omit<Rule, 'pref' | 'action' | 'table'> = {
  invert: false,
  src: 0,
  srcLen: 0,
  dst: 0,
  dstLen: 0,
  tos: 0,
  mark: 0,
  markMask: 0,
  iif: null,
  oif: null,
  target: 0,
  suppressPrefixLen: -1,
  protocol: 0,
};

/** A delete request: unset (0/null) fields match any rule (rule_find + fib4_rule_compare). */
export type RuleSpec = Partial<Rule> & { readonly prefGiven: boolean };

const rule = (pref: number, table: number): Rule => ({
  ...RULE_DEFAULTS,
  pref,
  action: 'lookup',
  table,
  protocol: 2,
});

/**
 * The rules a namespace starts with. Rules never change, so every
 * namespace's list starts with these same objects (made once: a spread
 * object of this many fields costs microseconds, and a cluster makes
 * 30,000 namespaces).
 */
const DEFAULT_RULES: readonly Rule[] = [
  rule(0, RT_TABLE_LOCAL),
  rule(32766, RT_TABLE_MAIN),
  rule(32767, RT_TABLE_DEFAULT),
];

/** The rule list of one namespace, kept in priority order. */
export class RuleList {
  private rules: Rule[] = [...DEFAULT_RULES];

  list(): readonly Rule[] {
    return this.rules;
  }

  /** fib_default_rule_pref: one below the second rule's preference, or 0. */
  defaultPref(): number {
    const second = this.rules[1];
    return second && second.pref ? second.pref - 1 : 0;
  }

  /** fib_nl_newrule with NLM_F_EXCL: after every rule of the same or lower preference. */
  add(r: Rule): void {
    routesChanged();
    if (this.rules.some((x) => sameRule(x, r))) fail('EEXIST');
    let at = 0;
    while (at < this.rules.length && this.rules[at].pref <= r.pref) at++;
    this.rules.splice(at, 0, r);
  }

  /** fib_nl_delrule: the first rule the spec matches, or ENOENT. */
  delete(spec: RuleSpec): Rule {
    routesChanged();
    const i = this.rules.findIndex((r) => matchesSpec(r, spec));
    if (i < 0) fail('ENOENT');
    return this.rules.splice(i, 1)[0];
  }

  remove(r: Rule): void {
    routesChanged();
    const i = this.rules.indexOf(r);
    if (i >= 0) this.rules.splice(i, 1);
  }

  /** The rule a goto jumps to: the first with exactly the target preference. */
  gotoTarget(r: Rule): Rule | undefined {
    return this.rules.find((x) => x.pref === r.target);
  }
}

function sameRule(a: Rule, b: Rule): boolean {
  return (Object.keys(b) as (keyof Rule)[]).every((k) => k === 'protocol' || a[k] === b[k]);
}

function matchesSpec(r: Rule, s: RuleSpec): boolean {
  if (s.action && s.action !== 'lookup' && r.action !== s.action) return false;
  if (s.table && r.table !== s.table) return false;
  if (s.prefGiven && r.pref !== s.pref) return false;
  if (s.iif && r.iif !== s.iif) return false;
  if (s.oif && r.oif !== s.oif) return false;
  if (s.mark && r.mark !== s.mark) return false;
  if (s.markMask && r.markMask !== s.markMask) return false;
  if (
    s.suppressPrefixLen !== undefined &&
    s.suppressPrefixLen !== -1 &&
    r.suppressPrefixLen !== s.suppressPrefixLen
  )
    return false;
  if (s.protocol && r.protocol !== s.protocol) return false;
  if (s.srcLen && (r.srcLen !== s.srcLen || r.src !== s.src)) return false;
  if (s.dstLen && (r.dstLen !== s.dstLen || r.dst !== s.dst)) return false;
  if (s.tos && r.tos !== s.tos) return false;
  return true;
}

const masked = (a: IPv4, len: number): number => (len === 0 ? 0 : (a >>> (32 - len)) >>> 0);

/** What a rule selects on from the flow (fib_rule_match + fib4_rule_match). */
export interface RuleFlow {
  readonly src: IPv4;
  readonly dst: IPv4;
  readonly tos: number;
  readonly mark: number;
  /** lo for locally generated traffic (flowi_iif = LOOPBACK_IFINDEX). */
  readonly iif: Link | null;
  readonly oif: Link | null;
}

export function ruleMatches(r: Rule, f: RuleFlow): boolean {
  let ok =
    (r.iif === null || (f.iif !== null && f.iif.name === r.iif)) &&
    (r.oif === null || (f.oif !== null && f.oif.name === r.oif)) &&
    ((r.mark ^ f.mark) & r.markMask) === 0 &&
    masked(r.src, r.srcLen) === masked(f.src, r.srcLen) &&
    masked(r.dst, r.dstLen) === masked(f.dst, r.dstLen) &&
    (r.tos === 0 || r.tos === f.tos);
  if (r.invert) ok = !ok;
  return ok;
}
