import type { Hook, Rule, TableName, XtModule } from './types.js';

/**
 * Where an xtables extension may be used: xt_{match,target}.table and
 * .hooks as the kernel modules declare them (net/netfilter/xt_*.c,
 * net/ipv4/netfilter/ipt_*.c), checked by xt_check_{match,target}.
 */
interface Constraint {
  readonly table?: TableName;
  readonly hooks?: readonly Hook[];
  /** checkentry(): extra checks against the rule, false = EINVAL. */
  readonly check?: (rule: Rule, ext: XtModule) => boolean;
}

const IPPROTO_TCP = 6;

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
  CT: { table: 'raw' },
  NOTRACK: { table: 'raw' },
  TRACE: { table: 'raw' },
  TOS: { table: 'mangle' },
  TTL: { table: 'mangle' },
};

export const MATCH_CONSTRAINTS: Readonly<Record<string, Constraint>> = {
  owner: { hooks: ['OUTPUT', 'POSTROUTING'] },
  mac: { hooks: ['PREROUTING', 'INPUT', 'FORWARD'] },
};

/** Checks done when a rule is added (table and checkentry); hooks wait for the graph walk. */
export function ruleAcceptable(table: TableName, rule: Rule): boolean {
  const exts = rule.verdict.kind === 'target' ? [rule.verdict.target] : [];
  for (const ext of exts) {
    const c = TARGET_CONSTRAINTS[ext.name];
    if (c?.table && c.table !== table) return false;
    if (c?.check && !c.check(rule, ext)) return false;
  }
  for (const m of rule.matches) {
    const c = MATCH_CONSTRAINTS[m.name];
    if (c?.table && c.table !== table) return false;
  }
  return true;
}

/** Whether every extension of the rule may run at this hook. */
export function ruleAllowedAt(hook: Hook, rule: Rule): boolean {
  for (const m of rule.matches) {
    const hooks = MATCH_CONSTRAINTS[m.name]?.hooks;
    if (hooks && !hooks.includes(hook)) return false;
  }
  if (rule.verdict.kind === 'target') {
    const hooks = TARGET_CONSTRAINTS[rule.verdict.target.name]?.hooks;
    if (hooks && !hooks.includes(hook)) return false;
  }
  return true;
}
