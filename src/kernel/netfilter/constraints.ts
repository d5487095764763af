import type { Hook, Rule, TableName, XtModule } from './types.js';
import type { NfErrno } from './errors.js';
import { NfError } from './errors.js';
import { recentCheck } from './matches/recent.js';
import { hashlimitCheck } from './matches/hashlimit.js';
import { stringCheck } from './matches/string.js';
import { physdevCheck } from './matches/physdev.js';
import { ecnCheck } from './matches/ecn.js';
import { devgroupCheck } from './matches/devgroup.js';
import { connbytesCheck } from './matches/connbytes.js';

/**
 * Where an xtables extension may be used: xt_{match,target}.table and
 * .hooks as the kernel modules declare them (net/netfilter/xt_*.c,
 * net/ipv4/netfilter/ipt_*.c), checked by xt_check_{match,target}.
 */
interface Constraint {
  readonly table?: TableName;
  /** Tables a checkentry accepts (xt_rpfilter: raw or mangle), when more than one. */
  readonly tables?: readonly TableName[];
  readonly hooks?: readonly Hook[];
  /** checkentry(): extra checks against the rule, false = EINVAL; `hook` is the base chain's (null in a user chain). */
  readonly check?: (rule: Rule, ext: XtModule, hook: Hook | null) => boolean;
}

const IPPROTO_TCP = 6;
const IPPROTO_SCTP = 132;
const CLAMP_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

export const TARGET_CONSTRAINTS: Readonly<Record<string, Constraint>> = {
  REJECT: {
    table: 'filter',
    hooks: ['INPUT', 'FORWARD', 'OUTPUT'],
    check: (rule, ext) =>
      ext.data['with'] !== 'tcp-reset' || (rule.proto === IPPROTO_TCP && !rule.protoInvert),
  },
  DNAT: { table: 'nat', hooks: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { table: 'nat', hooks: ['PREROUTING', 'OUTPUT'] },
  SNAT: { table: 'nat', hooks: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { table: 'nat', hooks: ['POSTROUTING'] },
  NETMAP: { table: 'nat' },
  CT: { table: 'raw' },
  NOTRACK: { table: 'raw' },
  TRACE: { table: 'raw' },
  TOS: { table: 'mangle' },
  TTL: { table: 'mangle' },
  DSCP: { table: 'mangle' },
  CLASSIFY: { hooks: ['OUTPUT', 'FORWARD', 'POSTROUTING'] },
  // .proto = TCP; path-MTU clamping needs a route out (checked at a base chain only, as nft_compat does).
  TCPMSS: {
    check: (rule, ext, hook) =>
      rule.proto === IPPROTO_TCP &&
      !rule.protoInvert &&
      (ext.data['mss'] !== undefined || hook === null || CLAMP_HOOKS.includes(hook)),
  },
  CHECKSUM: { table: 'mangle' },
  // ecn_tg_check: setting TCP flags needs -p tcp.
  ECN: {
    table: 'mangle',
    check: (rule, ext) =>
      (ext.data['ece'] === undefined && ext.data['cwr'] === undefined) ||
      (rule.proto === IPPROTO_TCP && !rule.protoInvert),
  },
  // nfqueue_tg_check: a --queue-balance over all 65536 queues wraps the u16 count to 0.
  NFQUEUE: { check: (_rule, ext) => ext.data['total'] !== 0 },
  // tee_tg_check: a copy needs a gateway.
  TEE: { check: (_rule, ext) => ext.data['gateway'] !== 0 },
};

export const MATCH_CONSTRAINTS: Readonly<Record<string, Constraint>> = {
  owner: { hooks: ['OUTPUT', 'POSTROUTING'] },
  mac: { hooks: ['PREROUTING', 'INPUT', 'FORWARD'] },
  recent: { check: (_rule, ext) => recentCheck(ext) },
  hashlimit: { check: (_rule, ext) => errnoCheck(hashlimitCheck(ext)) },
  string: { check: (_rule, ext) => errnoCheck(stringCheck(ext)) },
  physdev: { check: (_rule, ext, hook) => physdevCheck(ext, hook) },
  // xt_sctp declares .proto = IPPROTO_SCTP: xt_check_match wants `-p sctp`, not inverted.
  sctp: { check: (rule) => rule.proto === IPPROTO_SCTP && !rule.protoInvert },
  ecn: { check: (rule, ext) => ecnCheck(rule, ext) },
  rpfilter: { hooks: ['PREROUTING'], tables: ['raw', 'mangle'] },
  devgroup: { check: (_rule, ext, hook) => devgroupCheck(ext, hook) },
  connbytes: { check: (_rule, ext) => connbytesCheck(ext) },
  // xt_esp and ipt_ah declare .proto = IPPROTO_ESP / IPPROTO_AH.
  esp: { check: (rule) => rule.proto === 50 && !rule.protoInvert },
  ah: { check: (rule) => rule.proto === 51 && !rule.protoInvert },
  // xt_tcpmss declares .proto = IPPROTO_TCP.
  tcpmss: { check: (rule) => rule.proto === IPPROTO_TCP && !rule.protoInvert },
};

/** A checkentry that fails with another errno than EINVAL throws it. */
function errnoCheck(code: NfErrno | null): boolean {
  if (code === null) return true;
  if (code === 'EINVAL') return false;
  throw new NfError(code);
}

/** Checks done when a rule is added (table and checkentry); hooks wait for the graph walk. */
export function ruleAcceptable(table: TableName, rule: Rule, hook: Hook | null = null): boolean {
  return checkedHookMask(table, rule, hook) >= 0;
}

/**
 * ruleAcceptable and ruleHookMask in one pass, one lookup an extension
 * (a restore checks 100,000 rules as it adds them): the rule's hook mask,
 * or -1 when it may not be added (checks in ruleAcceptable's order).
 */
export function checkedHookMask(table: TableName, rule: Rule, hook: Hook | null): number {
  let mask = ALL_HOOKS;
  if (rule.verdict.kind === 'target') {
    const ext = rule.verdict.target;
    const e = TARGET_EXT.get(ext.name);
    if (e !== undefined) {
      if (!acceptable(e.constraint, table, rule, ext, hook)) return -1;
      mask = e.mask;
    }
  }
  const matches = rule.matches;
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    const e = MATCH_EXT.get(m.name);
    if (e === undefined) continue;
    if (!acceptable(e.constraint, table, rule, m, hook)) return -1;
    mask &= e.mask;
  }
  return mask;
}

/** Whether checking the rule runs a checkentry function (one may have effects: connbytes turns accounting on). */
export function hasCheckentry(rule: Rule): boolean {
  if (rule.verdict.kind === 'target' && TARGET_EXT.get(rule.verdict.target.name)?.constraint.check)
    return true;
  for (const m of rule.matches) if (MATCH_EXT.get(m.name)?.constraint.check) return true;
  return false;
}

function acceptable(c: Constraint, table: TableName, rule: Rule, ext: XtModule, hook: Hook | null): boolean {
  if (c.table && c.table !== table) return false;
  if (c.tables && !c.tables.includes(table)) return false;
  return !c.check || c.check(rule, ext, hook);
}

/** Whether every extension of the rule may run at this hook. */
export function ruleAllowedAt(hook: Hook, rule: Rule): boolean {
  return (ruleHookMask(rule) & HOOK_BIT[hook]) !== 0;
}

/** A hook as a bit of a hook mask (1 << NF_INET_*), as xt_{match,target}.hooks. */
export const HOOK_BIT: Readonly<Record<Hook, number>> = {
  PREROUTING: 1,
  INPUT: 2,
  FORWARD: 4,
  OUTPUT: 8,
  POSTROUTING: 16,
};
const ALL_HOOKS = 31;

const maskOf = (hooks: readonly Hook[] | undefined) =>
  hooks ? hooks.reduce((m, h) => m | HOOK_BIT[h], 0) : ALL_HOOKS;
/** An extension's constraint and the hooks it allows, by name: one Map lookup gives both. */
const extensions = (table: Readonly<Record<string, Constraint>>) =>
  new Map(Object.entries(table).map(([name, c]) => [name, { constraint: c, mask: maskOf(c.hooks) }]));
const MATCH_EXT = extensions(MATCH_CONSTRAINTS);
const TARGET_EXT = extensions(TARGET_CONSTRAINTS);

/** The hooks at which every extension of the rule may run, as a mask of HOOK_BIT. */
export function ruleHookMask(rule: Rule): number {
  let mask = ALL_HOOKS;
  for (const m of rule.matches) mask &= MATCH_EXT.get(m.name)?.mask ?? ALL_HOOKS;
  if (rule.verdict.kind === 'target') mask &= TARGET_EXT.get(rule.verdict.target.name)?.mask ?? ALL_HOOKS;
  return mask;
}
