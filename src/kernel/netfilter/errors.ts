import type { Rule, Table } from './types.js';

/** errno values an nf_tables transaction can fail with, and their strerror text. */
export const NF_ERRNO = {
  EINVAL: 'Invalid argument',
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EBUSY: 'Device or resource busy',
  EMLINK: 'Too many links',
  E2BIG: 'Argument list too long',
  ERANGE: 'Numerical result out of range',
} as const;

export type NfErrno = keyof typeof NF_ERRNO;

/**
 * A rejected table update. `rule` names the rule the kernel blamed (for
 * graph checks at commit), so a batch can report the line that added it.
 */
export class NfError extends Error {
  /** The table that failed nft_table_validate at commit, for the replay's blame (replayBlame). */
  table: Table | null = null;

  constructor(
    readonly code: NfErrno,
    readonly rule: Rule | null = null,
  ) {
    super(NF_ERRNO[code]);
  }
}
