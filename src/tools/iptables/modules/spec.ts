import type { XtOpt } from './util.js';
import type { Netns } from '../../../kernel/netns.js';

export type ExtData = Record<string, unknown>;

/** What an extension's parser may ask about the rule being built. */
export interface ParseCtx {
  readonly proto: number;
  readonly protoInvert: boolean;
  /** The namespace the rule is for: extensions that name kernel objects (ipset) look them up. */
  readonly netns?: Netns;
  /** Prints a warning on stderr and goes on (libxt_NFLOG's deprecated --nflog-range). */
  readonly warn?: (text: string) => void;
}

export interface OptSpec {
  /** Takes an argument (getopt required_argument). */
  readonly arg: boolean;
  /** Takes a second word too (--tcp-flags MASK COMP), passed joined by NUL. */
  readonly arg2?: boolean;
  /** The error when the second word is missing, if not `--OPT requires two args.` (libxt_sctp drops the dot). */
  readonly arg2Message?: string;
}

/**
 * An xtables extension as libxt_*.so provides it: its options, a parser
 * filling `data`, a final check, and the two printers (`save` for -S and
 * iptables-save, `print` for -L). Printers return text with their
 * leading spaces, exactly as the C functions printf them.
 */
export interface ExtSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, OptSpec>>;
  init?(): ExtData;
  parse(data: ExtData, opt: string, arg: string, invert: boolean, ctx: ParseCtx): void;
  final?(data: ExtData, ctx: ParseCtx): void;
  save(data: ExtData): string;
  print(data: ExtData, numeric: boolean): string;
  /**
   * The x6 option table (xt_option_entry[]) of extensions built on the
   * xtables option framework: iptables checks each option against it
   * (once, invertible) before parse, and after final (mandatory,
   * exclusions, companions).
   */
  readonly xtopts?: readonly XtOpt[];
  /**
   * What -C and -D compare instead of the saved text, when they differ.
   * iptables-nft finds a rule by memcmp of the first `userspacesize` bytes
   * of each extension's data (compare_matches): an option given explicitly
   * can differ from its default though both print alike, and an extension
   * without a userspacesize (libxt_helper) is equal to any other of its name.
   */
  compareKey?(data: ExtData): string;
  /** Name printed after -m when it differs (the state match is conntrack underneath). */
  readonly alias?: string;
}
