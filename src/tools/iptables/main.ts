import type { Command, Proc } from '../process.js';
import type { Table, TableName } from '../../kernel/netfilter/types.js';
import { isTableName } from '../../kernel/netfilter/tables.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import { PARAMETER_PROBLEM, RESOURCE_PROBLEM, VERSION_PROBLEM, XtError } from './errors.js';
import { parseArgs } from './parse-args.js';
import type { TableDraft } from '../../kernel/netfilter/draft.js';
import type { ParsedCommand } from './parse-args.js';
import { applyEdit, KernelReject, plain } from './execute.js';
import {
  listChain,
  listTable,
  orderedChains,
  ruleRow,
  specHead,
  specRuleLine,
  specRules,
  taintedNotice,
} from './list.js';

export const VERSION = 'v1.8.9 (nf_tables)';

/** Prints an XtError as xtables_error does for PROG, returning its status. */
export function report(proc: Proc, prog: string, e: unknown): number {
  if (e instanceof XtError) {
    if (e.plain) proc.stderr.write(`${e.message}\n`);
    else {
      if (!e.bare) proc.stderr.write(`${prog} ${VERSION}: ${e.message}\n`);
      else if (e.message !== '') proc.stderr.write(`${e.message}\n`);
      if (e.status === PARAMETER_PROBLEM)
        proc.stderr.write(`Try \`${prog} -h' or '${prog} --help' for more information.\n`);
    }
    return e.status;
  }
  if (e instanceof KernelReject) {
    proc.stderr.write(`${prog} ${VERSION}:  ${e.message}\n`);
    return RESOURCE_PROBLEM;
  }
  throw e;
}

function requireTable(name: string): TableName {
  if (!isTableName(name))
    throw new XtError(
      VERSION_PROBLEM,
      `table '${name}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`,
    );
  return name;
}

/** `iptables`: one command against the namespace's tables. */
export const iptables: Command = async (proc) => {
  try {
    return run(proc);
  } catch (e) {
    return report(proc, 'iptables', e);
  }
};

function run(proc: Proc): number {
  const nf = proc.netns.netfilter;
  const cmd = parseArgs(
    proc.argv.slice(1),
    (t, c) => isTableName(t) && nf.view(t as TableName).user.has(c),
    (text) => proc.stderr.write(text),
    proc.netns,
  );
  if (cmd.print !== undefined) {
    proc.stdout.write(cmd.print);
    return 0;
  }
  const table = requireTable(cmd.table);
  // 1.8.9 has no case for `-S` with `-Z CHAIN N`: it does nothing at all.
  if (cmd.command === 'S' && cmd.zeroRule) return 0;
  if (cmd.command === 'L' || cmd.command === 'S') {
    const status = show(proc, table, cmd);
    if (cmd.zero) zeroListed(proc, table, cmd);
    return status;
  }
  // -F, -X or -Z of every chain of a table nothing created: nothing to do, and no table
  // appears (but -F -v makes the built-ins it then flushes).
  if (
    !nf.exists(table) &&
    cmd.chain === undefined &&
    (cmd.command === 'X' || cmd.command === 'Z' || (cmd.command === 'F' && !cmd.verbose))
  )
    return 0;
  // `-P CHAIN POLICY -c P B` parses the counters but 1.8.9 never sends them.
  if (cmd.command === 'P') cmd.counters = undefined;
  const draft = nf.begin(table);
  // `iptables -X INPUT` (measured; iptables-restore checks first and says there is no such chain).
  if (cmd.command === 'X' && cmd.chain !== undefined && draft.isBuiltin(cmd.chain) && nf.exists(table)) {
    deleteBuiltin(draft, nf.view(table), cmd.chain);
    nf.commit(draft);
    return 0;
  }
  applyEdit(draft, cmd, undefined, nf.exists(table), (text) => proc.stdout.write(text));
  if (cmd.command === 'C') return 0;
  try {
    nf.commit(draft);
  } catch (e) {
    if (e instanceof NfError) {
      const op = cmd.command === 'I' ? 'RULE_INSERT' : cmd.command === 'R' ? 'RULE_REPLACE' : 'RULE_APPEND';
      throw new KernelReject(e, op, `rule in chain ${cmd.chain}`);
    }
    throw e;
  }
  return 0;
}

/**
 * `iptables -X INPUT`: a built-in not created is no chain; one with policy
 * DROP is skipped (nft_may_delete_chain), which -X of one chain reports as
 * ENOTEMPTY; one with rules reaches the kernel, which refuses (EBUSY); an
 * idle one is deleted (it leaves the hook, as with -X of every chain).
 */
function deleteBuiltin(draft: TableDraft, table: Table, chain: string): void {
  const c = table.builtins.find((b) => b.name === chain);
  if (!c?.hooked) throw plain('No chain/target/match by that name.');
  if (c.policy !== 'ACCEPT') throw plain('Directory not empty.');
  if (c.rules.length > 0) throw new KernelReject(new NfError('EBUSY'), 'CHAIN_DEL', `chain ${chain}`);
  draft.deleteIdleBuiltin(chain);
}

/** The -Z half of `-L -Z` and `-S -Z`: zero what was listed, naming each chain with -v (one rule: silently). */
function zeroListed(proc: Proc, name: TableName, cmd: ParsedCommand): void {
  const nf = proc.netns.netfilter;
  if (!nf.exists(name)) return;
  const draft = nf.begin(name);
  if (cmd.zeroRule) {
    if (draft.has(cmd.chain!) && cmd.rulenum! <= draft.rules(cmd.chain!).length)
      draft.zero(cmd.chain!, cmd.rulenum! - 1);
    nf.commit(draft);
    return;
  }
  const chains = orderedChains(nf.view(name)).filter((c) => cmd.chain === undefined || c.name === cmd.chain);
  for (const c of chains) {
    if (cmd.verbose) proc.stdout.write(`Zeroing chain \`${c.name}'\n`);
    draft.zero(c.name);
  }
  nf.commit(draft);
}

function show(proc: Proc, name: TableName, cmd: ParsedCommand): number {
  const table = proc.netns.netfilter.view(name);
  const f = { numeric: cmd.numeric, verbose: cmd.verbose, exact: cmd.exact, lineNumbers: cmd.lineNumbers };
  const chains = orderedChains(table);
  const picked = cmd.chain === undefined ? chains : chains.filter((c) => c.name === cmd.chain);
  if (picked.length === 0)
    throw new XtError(1, `chain \`${cmd.chain}' in table \`${name}' is incompatible, use 'nft' tool.`);
  if (cmd.chain === undefined) proc.stdout.write(taintedNotice(table));
  if (cmd.command === 'L') {
    if (cmd.rulenum !== undefined) {
      const r = picked[0].rules[cmd.rulenum - 1];
      if (r) proc.stdout.write(ruleRow(r, cmd.rulenum, f));
      return 0;
    }
    proc.stdout.write(cmd.chain === undefined ? listTable(table, f) : listChain(table, picked[0], f));
    return 0;
  }
  if (cmd.rulenum !== undefined) {
    const r = picked[0].rules[cmd.rulenum - 1];
    if (r) proc.stdout.write(specRuleLine(picked[0].name, r, cmd.verbose) + '\n');
    return 0;
  }
  let out = '';
  for (const c of picked) out += specHead(c, cmd.verbose);
  for (const c of picked) out += specRules(c, cmd.verbose);
  proc.stdout.write(out);
  return 0;
}

export { plain };
