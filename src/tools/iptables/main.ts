import type { Command, Proc } from '../process.js';
import type { TableName } from '../../kernel/netfilter/types.js';
import { isTableName } from '../../kernel/netfilter/tables.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import { PARAMETER_PROBLEM, RESOURCE_PROBLEM, VERSION_PROBLEM, XtError } from './errors.js';
import { parseArgs } from './parse-args.js';
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
  verboseRuleLine,
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
  if (cmd.verbose && 'ACDRI'.includes(cmd.command ?? ''))
    for (const r of cmd.rules) proc.stdout.write(verboseRuleLine(r));
  // -Z -v names each chain it zeroes: the given one, or every chain the kernel has.
  if (cmd.command === 'Z' && cmd.verbose)
    for (const c of orderedChains(nf.view(table)))
      if (cmd.chain === undefined ? c.kind !== 'builtin' || c.hooked : c.name === cmd.chain)
        proc.stdout.write(`Zeroing chain \`${c.name}'\n`);
  // -F or -Z of every chain of a table nothing created: nothing to do, and no table appears.
  if (!nf.exists(table) && (cmd.command === 'F' || cmd.command === 'Z') && cmd.chain === undefined) return 0;
  // `-P CHAIN POLICY -c P B` parses the counters but 1.8.9 never sends them.
  if (cmd.command === 'P') cmd.counters = undefined;
  const draft = nf.begin(table);
  // `iptables -X INPUT` reaches the kernel, which refuses to delete a base chain
  // (iptables-restore checks first and says there is no such chain).
  if (cmd.command === 'X' && cmd.chain !== undefined && draft.isBuiltin(cmd.chain) && nf.exists(table))
    throw new KernelReject(new NfError('EBUSY'), 'CHAIN_DEL', `chain ${cmd.chain}`);
  applyEdit(draft, cmd, undefined, nf.exists(table));
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
