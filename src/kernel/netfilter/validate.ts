import type { Chain, Hook, Table } from './types.js';
import { NfError } from './errors.js';
import { ruleAllowedAt } from './constraints.js';

/** NFT_JUMP_STACK_SIZE: a base chain is level 0; reaching level 16 is -EMLINK. */
const JUMP_STACK_SIZE = 16;

/**
 * nft_table_validate: walk every base chain and everything it reaches,
 * checking each extension's hook mask and the jump depth (which is also
 * how loops are caught: a loop reachable from a base chain never ends).
 * Chains no base chain reaches are not checked, as in the kernel.
 */
export function validateTable(table: Table): void {
  for (const base of table.builtins) {
    const seen = new Map<string, number>();
    walk(table, base, base.name, 0, seen);
  }
}

function walk(table: Table, chain: Chain, hook: Hook, level: number, seen: Map<string, number>): void {
  if (level === JUMP_STACK_SIZE) throw new NfError('EMLINK');
  // A chain already checked at this level or deeper passed with less headroom.
  const prev = seen.get(chain.name);
  if (prev !== undefined && prev >= level) return;
  seen.set(chain.name, level);
  for (const rule of chain.rules) {
    if (!ruleAllowedAt(hook, rule)) throw new NfError('EINVAL', rule);
    if (rule.verdict.kind !== 'jump') continue;
    const next = table.user.get(rule.verdict.chain);
    if (!next) throw new NfError('ENOENT', rule);
    try {
      walk(table, next, hook, level + 1, seen);
    } catch (e) {
      // The kernel blames the jump that led into trouble.
      if (e instanceof NfError && e.rule === null) throw new NfError(e.code, rule);
      throw e;
    }
  }
}
