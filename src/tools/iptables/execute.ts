import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import type { Rule } from '../../kernel/netfilter/types.js';
import { OTHER_PROBLEM, XtError } from './errors.js';
import type { ParsedCommand } from './parse-args.js';
import { ruleSpecText } from './rule-text.js';

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

const sameRule = (a: Rule, b: Rule) => ruleSpecText(a) === ruleSpecText(b);

/**
 * Applies one parsed edit to a table transaction, with iptables' own
 * checks first (they print `iptables: ...`), then the kernel's
 * (KernelReject). Returns false for -C without a match.
 */
export function applyEdit(
  draft: TableDraft,
  cmd: ParsedCommand,
  onRule?: (rule: Rule) => void,
  tableExists = true,
): void {
  const chain = cmd.chain;
  // nf_tables has no table until a write creates it; only these create one.
  if (
    !tableExists &&
    (cmd.command === 'C' ||
      (cmd.command === 'D' && cmd.rulenum === undefined) ||
      (cmd.command === 'Z' && cmd.rulenum !== undefined))
  )
    throw plain('Bad rule (does a matching rule exist in that chain?).');
  if (!tableExists && !'AINP'.includes(cmd.command ?? '') && !(cmd.command === 'F' && chain !== undefined))
    throw noChain();
  const need = (name: string | undefined) => {
    if (name === undefined || !draft.has(name)) throw noChain();
    return name;
  };
  switch (cmd.command) {
    case 'A':
      // Without a closure per rule: a restore appends 100k of them.
      need(chain);
      for (const r of cmd.rules) {
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
      for (const r of cmd.rules)
        kernel('RULE_INSERT', `rule in chain ${chain}`, () => (draft.insert(chain!, at, r), onRule?.(r)));
      return;
    }
    case 'R':
      need(chain);
      if (cmd.rulenum! > draft.rules(chain!).length) throw plain('Index of replacement too big.');
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
      need(chain);
      if (cmd.rulenum !== undefined) {
        if (cmd.rulenum > draft.rules(chain!).length) throw plain('Index of deletion too big.');
        draft.deleteAt(chain!, cmd.rulenum - 1);
        return;
      }
      for (const r of cmd.rules) {
        const k = draft.rules(chain!).findIndex((x) => sameRule(x, r));
        if (k < 0) throw plain('Bad rule (does a matching rule exist in that chain?).');
        draft.deleteAt(chain!, k);
      }
      return;
    case 'C':
      if (chain === undefined || !draft.has(chain))
        throw plain('Bad rule (does a matching rule exist in that chain?).');
      for (const r of cmd.rules)
        if (!draft.rules(chain!).some((x) => sameRule(x, r)))
          throw plain('Bad rule (does a matching rule exist in that chain?).');
      return;
    case 'N':
      if (draft.has(chain!)) throw plain('Chain already exists.');
      draft.newChain(chain!);
      return;
    case 'X':
      if (chain === undefined) {
        // iptables-nft also deletes idle built-in chains; the kernel's chain order (oldest first).
        for (const c of draft.kernelChains())
          if (draft.isBuiltin(c)) draft.deleteIdleBuiltin(c);
          else kernel('CHAIN_DEL', `chain ${c}`, () => draft.deleteChain(c));
        return;
      }
      if (!draft.has(chain) || draft.isBuiltin(chain)) throw noChain();
      kernel('CHAIN_DEL', `chain ${chain}`, () => draft.deleteChain(chain));
      return;
    case 'E':
      need(chain);
      if (draft.has(cmd.newName!)) throw plain('File exists.');
      // iptables-nft renames a base chain into something only nft can list; not modelled.
      if (draft.isBuiltin(chain!)) throw noChain();
      draft.renameChain(chain!, cmd.newName!);
      return;
    case 'F':
      if (chain === undefined) {
        // The kernel's chain order (oldest first), as the rule deletions are reported.
        for (const c of draft.kernelChains()) draft.flush(c);
        return;
      }
      draft.flush(need(chain));
      draft.touch(chain);
      return;
    case 'Z':
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
        cmd.counters ? { packets: cmd.counters[0], bytes: cmd.counters[1] } : undefined,
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
