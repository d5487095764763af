import type { BaseChainInfo, RulesetChange, RulesetMessage } from './monitor.js';
import type { Chain, Hook, Policy, Table } from './types.js';
import { chainReferences } from './tables.js';
import { tablePriority } from './hooks.js';

/** The nf_tables chain type iptables-nft gives a table's base chain. */
const chainType = (table: Table['name'], hook: Hook): BaseChainInfo['type'] =>
  table === 'nat' ? 'nat' : table === 'mangle' && hook === 'OUTPUT' ? 'route' : 'filter';

/** A table's chains in the kernel: hooked built-ins and user chains. */
const chainCount = (table: Table): number => table.builtins.filter((b) => b.hooked).length + table.user.size;

/** chain->use: its rules plus the rules that jump or go to it. */
const chainUse = (table: Table, chain: Chain | undefined): number =>
  chain ? chain.rules.length + (chainReferences(table).get(chain.name) ?? 0) : 0;

function baseInfo(table: Table, hook: Hook, policy: Policy): BaseChainInfo {
  const chain = table.builtins.find((b) => b.name === hook);
  const counted = chain?.policyStats === true;
  return {
    hook,
    priority: tablePriority(table.name, hook),
    type: chainType(table.name, hook),
    policy,
    use: chainUse(table, chain),
    packets: counted ? chain.counters.packets : 0n,
    bytes: counted ? chain.counters.bytes : 0n,
  };
}

/**
 * nf_tables_commit's notifications for one table's batch, in the order of
 * its messages: a new table first, then each chain and rule change. The
 * counts they carry (use, counters) are those of the committed table, as
 * the kernel fills them in when it sends.
 */
export function rulesetMessages(
  table: Table,
  changes: readonly RulesetChange[],
  handles: { readonly old: number; readonly now: number },
  created: boolean,
): RulesetMessage[] {
  const name = table.name;
  const out: RulesetMessage[] = [];
  if (created)
    out.push({ kind: 'table', op: 'new', table: name, handle: handles.now, use: chainCount(table) });
  for (const c of changes) {
    switch (c.kind) {
      case 'table':
        out.push(
          c.op === 'del'
            ? { kind: 'table', op: 'del', table: name, handle: handles.old, use: 0 }
            : { kind: 'table', op: 'new', table: name, handle: handles.now, use: chainCount(table) },
        );
        break;
      case 'chain':
        out.push({
          kind: 'chain',
          op: c.op,
          table: name,
          chain: c.chain,
          base: c.base && c.op === 'new' ? baseInfo(table, c.chain as Hook, c.policy) : null,
        });
        break;
      case 'rule':
        out.push({ kind: 'rule', op: c.op, table: name, chain: c.chain, rule: c.rule });
        break;
    }
  }
  return out;
}
