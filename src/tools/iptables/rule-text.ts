import type { AddrMatch, Rule, XtModule } from '../../kernel/netfilter/types.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { findMatch, findTarget } from './modules/index.js';
import { protoName } from './names.js';

/** xtables_ipmask_to_cidr: the prefix length, or -1 for a non-contiguous mask. */
export function maskLen(mask: number): number {
  const inv = ~mask >>> 0;
  if ((inv & (inv + 1)) !== 0) return -1;
  return Math.clz32(inv);
}

function saveAddr(flag: string, a: AddrMatch | null): string {
  if (!a || (a.mask === 0 && !a.invert)) return '';
  const len = maskLen(a.mask);
  return `${a.invert ? '! ' : ''}-${flag} ${formatIPv4(a.addr)}/${len < 0 ? formatIPv4(a.mask) : len} `;
}

const matchSave = (m: XtModule) => {
  const spec = findMatch(m.name);
  return `-m ${spec?.alias ?? m.name}${spec ? spec.save(m.data) : ''} `;
};

/** A match as -C and -D compare it: its saved text unless the extension says otherwise. */
const matchKey = (m: XtModule) => {
  const spec = findMatch(m.name);
  return spec?.compareKey ? `-m ${spec.alias ?? m.name}${spec.compareKey(m.data)} ` : matchSave(m);
};

/** One rule as `-S` and iptables-save print it (nft_ipv4_save_rule), without the leading `-A CHAIN `. */
export const ruleSpecText = (rule: Rule): string => ruleText(rule, matchSave);

/**
 * What -C and -D compare to find a rule (nft_rule_cmp): the saved text,
 * but each match as its extension compares it (ExtSpec.compareKey).
 */
export const ruleCompareKey = (rule: Rule): string => ruleText(rule, matchKey);

function ruleText(rule: Rule, matchText: (m: XtModule) => string): string {
  let s = saveAddr('s', rule.src) + saveAddr('d', rule.dst);
  if (rule.inIface) s += `${rule.inIface.invert ? '! ' : ''}-i ${rule.inIface.name} `;
  if (rule.outIface) s += `${rule.outIface.invert ? '! ' : ''}-o ${rule.outIface.name} `;
  if (rule.proto > 0) s += `${rule.protoInvert ? '! ' : ''}-p ${protoName(rule.proto) ?? rule.proto} `;
  if (rule.fragment) s += `${rule.fragment.invert ? '! ' : ''}-f `;
  for (const m of rule.matches) s += matchText(m);
  return s + verdictText(rule);
}

function verdictText(rule: Rule): string {
  const v = rule.verdict;
  switch (v.kind) {
    case 'none':
      return '';
    case 'standard':
      return `-j ${v.verdict}`;
    case 'jump':
      // A chain renamed to the empty name (`iptables -E X ''`) is printed as no target at all.
      return v.chain === '' ? '' : `-${v.goto ? 'g' : 'j'} ${v.chain}`;
    case 'target':
      return `-j ${v.target.name}${findTarget(v.target.name)?.save(v.target.data) ?? ''}`;
  }
}

/** The `-A CHAIN ...` line, with `[p:b] ` in front when counters are asked for. */
export function ruleLine(chain: string, rule: Rule, counters: boolean): string {
  const prefix = counters ? `[${rule.counters.packets}:${rule.counters.bytes}] ` : '';
  return `${prefix}-A ${chain} ${ruleSpecText(rule)}`.replace(/ $/, '');
}

/** The name of a rule's target column in -L. */
export function targetName(rule: Rule): string {
  const v = rule.verdict;
  if (v.kind === 'standard') return v.verdict;
  if (v.kind === 'jump') return v.chain;
  if (v.kind === 'target') return v.target.name === 'NOTRACK' ? 'CT' : v.target.name;
  return '';
}

export { protoName };
