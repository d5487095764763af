import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import type { Rule } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { OTHER_PROBLEM, XtError } from './errors.js';
import type { ParsedCommand } from './parse-args.js';
import { ruleCompareKey } from './rule-text.js';
import { verboseRuleLine } from './list.js';

/** The `iptables: ...` messages (nft_strerror), exit status 1. */
export const plain = (msg: string): XtError => new XtError(OTHER_PROBLEM, `iptables: ${msg}`, true);
const noChain = () => plain('No chain/target/match by that name.');

/** The nf_tables message each edit sends, for kernel error reports. */
export const OP_NAME: Record<string, string> = {
  A: 'RULE_APPEND',
  I: 'RULE_INSERT',
  R: 'RULE_REPLACE',
  D: 'RULE_DELETE',
  X: 'CHAIN_DEL',
  N: 'CHAIN_ADD',
  E: 'CHAIN_RENAME',
  F: 'RULE_DELETE',
  P: 'CHAIN_ADD',
  Z: 'RULE_REPLACE',
};

/** An edit failed in the kernel: remembered so a batch can report which message it was. */
export class KernelReject extends Error {
  constructor(
    readonly nf: NfError,
    readonly op: string,
    readonly what: string,
  ) {
    super(`${op} failed (${nf.message}): ${what}`);
  }
}

/** -C and -D find a rule as iptables-nft compares them (extension data, not -S text). */
const sameAs = (r: Rule) => {
  const key = ruleCompareKey(r);
  return (x: Rule) => ruleCompareKey(x) === key;
};

/**
 * Applies one parsed edit to a table transaction, with iptables' own
 * checks first (they print `iptables: ...`), then the kernel's
 * (KernelReject). With -v, `say` gets what iptables prints as it works
 * through the edit (each rule it adds, finds or replaces, each chain it
 * flushes or deletes), so a failure leaves what came before it printed.
 */
export function applyEdit(
  draft: TableDraft,
  cmd: ParsedCommand,
  onRule?: (rule: Rule) => void,
  tableExists = true,
  say?: (text: string) => void,
): void {
  const chain = cmd.chain;
  const out = cmd.verbose ? say : undefined;
  // nf_tables has no table until a write creates it; only these create one.
  if (
    !tableExists &&
    (cmd.command === 'C' ||
      (cmd.command === 'D' && cmd.rulenum === undefined) ||
      (cmd.command === 'Z' && cmd.rulenum !== undefined))
  )
    throw plain('Bad rule (does a matching rule exist in that chain?).');
  // -E looks its names up as below (a built-in name always exists); -F -v creates every built-in.
  if (
    !tableExists &&
    !'AINPE'.includes(cmd.command ?? '') &&
    !(cmd.command === 'F' && (chain !== undefined || out))
  )
    throw noChain();
  const need = (name: string | undefined) => {
    if (name === undefined || !draft.has(name)) throw noChain();
    return name;
  };
  switch (cmd.command) {
    case 'A':
      // nft_rule_append prints the rule before it looks the chain up.
      if (out && cmd.rules.length > 0) out(verboseRuleLine(cmd.rules[0]));
      // Without a closure per rule: a restore appends 100k of them.
      need(chain);
      for (let k = 0; k < cmd.rules.length; k++) {
        const r = cmd.rules[k];
        if (out && k > 0) out(verboseRuleLine(r));
        try {
          draft.append(chain!, r);
        } catch (e) {
          throw rejected(e, 'RULE_APPEND', `rule in chain ${chain}`);
        }
        onRule?.(r);
      }
      return;
    case 'I': {
      need(chain);
      const at = (cmd.rulenum ?? 1) - 1;
      if (at > draft.rules(chain!).length) throw plain('Index of insertion too big.');
      // Each address pair is inserted at the same position, so they end up in reverse order.
      for (const r of cmd.rules) {
        out?.(verboseRuleLine(r));
        kernel('RULE_INSERT', `rule in chain ${chain}`, () => (draft.insert(chain!, at, r), onRule?.(r)));
      }
      return;
    }
    case 'R':
      // A built-in not created yet is no chain to replace in (nor to delete from by number).
      if (chain === undefined || !draft.created(chain)) throw noChain();
      if (cmd.rulenum! > draft.rules(chain!).length) throw plain('Index of replacement too big.');
      out?.(verboseRuleLine(cmd.rules[0]));
      kernel(
        'RULE_REPLACE',
        `rule in chain ${chain}`,
        () => (draft.replace(chain!, cmd.rulenum! - 1, cmd.rules[0]), onRule?.(cmd.rules[0])),
      );
      return;
    case 'D':
      // Deleting by spec looks the rule up: a missing chain reads as a missing rule.
      if (cmd.rulenum === undefined && (chain === undefined || !draft.has(chain)))
        throw plain('Bad rule (does a matching rule exist in that chain?).');
      if (chain === undefined || (cmd.rulenum !== undefined && !draft.created(chain))) throw noChain();
      need(chain);
      if (cmd.rulenum !== undefined) {
        if (cmd.rulenum > draft.rules(chain).length) throw plain('Index of deletion too big.');
        draft.deleteAt(chain!, cmd.rulenum - 1);
        return;
      }
      for (const r of cmd.rules) {
        const k = draft.rules(chain!).findIndex(sameAs(r));
        if (k < 0) throw plain('Bad rule (does a matching rule exist in that chain?).');
        out?.(verboseRuleLine(r));
        draft.deleteAt(chain!, k);
      }
      return;
    case 'C':
      if (chain === undefined || !draft.has(chain))
        throw plain('Bad rule (does a matching rule exist in that chain?).');
      for (const r of cmd.rules) {
        if (!draft.rules(chain!).some(sameAs(r)))
          throw plain('Bad rule (does a matching rule exist in that chain?).');
        out?.(verboseRuleLine(r));
      }
      return;
    case 'N':
      if (draft.has(chain!)) throw plain('Chain already exists.');
      // A renamed built-in's name is taken in the kernel only: it refuses.
      kernel('CHAIN_USER_ADD', `chain ${chain}`, () => draft.newChain(chain!));
      return;
    case 'X':
      if (chain === undefined) {
        if (out) for (const c of sortedUserChains(draft)) out(`Deleting chain \`${c}'\n`);
        // iptables-nft also deletes idle built-in chains; the kernel's chain order (oldest first).
        for (const c of draft.kernelChains())
          if (draft.isBuiltin(c)) draft.deleteIdleBuiltin(c);
          else kernel('CHAIN_DEL', `chain ${c}`, () => draft.deleteChain(c));
        return;
      }
      if (!draft.has(chain) || draft.isBuiltin(chain)) throw noChain();
      out?.(`Deleting chain \`${chain}'\n`);
      kernel('CHAIN_DEL', `chain ${chain}`, () => draft.deleteChain(chain));
      return;
    case 'E': {
      // nft_chain_user_rename: a built-in name always exists; then the old
      // chain must be in the kernel. No check of the new name otherwise (any
      // length, `ACCEPT`, even empty), and a built-in is renamed too: the
      // base chain goes on under its new name, out of iptables' sight.
      const to = cmd.newName!;
      if (draft.has(to)) throw plain('File exists.');
      if (chain === undefined || !draft.created(chain)) throw noChain();
      kernel('CHAIN_RENAME', `chain ${to}`, () => draft.renameChain(chain, to));
      return;
    }
    case 'F':
      if (chain === undefined) {
        if (out) {
          // nft_xt_builtin_init makes every built-in first; then each chain is flushed by name.
          for (const c of builtinNames(draft)) draft.touch(c);
          for (const c of [...builtinNames(draft), ...sortedUserChains(draft)]) {
            out(`Flushing chain \`${c}'\n`);
            draft.flush(c);
          }
          return;
        }
        // One DELRULE for the whole table: in the kernel's chain order (oldest first), as the
        // rule deletions are reported, and renamed built-ins too.
        for (const c of draft.kernelChains()) draft.flush(c);
        draft.flushForeign();
        return;
      }
      draft.flush(need(chain));
      draft.touch(chain);
      out?.(`Flushing chain \`${chain}'\n`);
      return;
    case 'Z':
      // -v names each chain it zeroes that the kernel has (never for one rule).
      if (out && cmd.rulenum === undefined)
        for (const c of [...builtinNames(draft), ...sortedUserChains(draft)])
          if ((chain === undefined || c === chain) && draft.created(c)) out(`Zeroing chain \`${c}'\n`);
      if (chain === undefined) {
        for (const c of [...builtinNames(draft), ...draft.userChains()]) draft.zero(c);
        return;
      }
      // Zeroing one rule looks the rule up: a missing chain reads as a missing rule.
      if (cmd.rulenum !== undefined && !draft.has(chain))
        throw plain('Bad rule (does a matching rule exist in that chain?).');
      need(chain);
      // A rule number past the end zeroes nothing and is not an error in 1.8.9.
      if (cmd.rulenum !== undefined) {
        if (cmd.rulenum <= draft.rules(chain).length) draft.zero(chain, cmd.rulenum - 1);
      } else draft.zero(chain);
      return;
    case 'P':
      if (!draft.has(chain!) || !draft.isBuiltin(chain!)) throw plain('Bad built-in chain name.');
      if (cmd.policy !== 'ACCEPT' && cmd.policy !== 'DROP')
        throw plain("Bad policy name. Run `dmesg' for more information.");
      draft.setPolicy(
        chain!,
        cmd.policy,
        cmd.counters ? newCounters(cmd.counters[0], cmd.counters[1]) : undefined,
      );
      return;
  }
}

/** A kernel refusal (NfError) as the KernelReject of this message; anything else as it is. */
const rejected = (e: unknown, op: string, what: string): unknown =>
  e instanceof NfError ? new KernelReject(e, op, what) : e;

/** Runs one kernel edit, turning its refusal into a KernelReject. */
function kernel(op: string, what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw rejected(e, op, what);
  }
}

const BUILTIN_ORDER = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
const builtinNames = (draft: TableDraft) => BUILTIN_ORDER.filter((n) => draft.isBuiltin(n));

/** User chains as iptables-nft sorts its cache (strcmp order) before walking it. */
const sortedUserChains = (draft: TableDraft) =>
  draft.userChains().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
