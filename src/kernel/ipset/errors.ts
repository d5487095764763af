/**
 * The errors ip_set_core returns (ENOENT and the IPSET_ERR_* codes of
 * include/uapi/linux/netfilter/ipset/ip_set*.h). The kernel returns the
 * code; the ipset tool turns it into its message, which depends on the
 * command, as lib/errcode.c does.
 */
export type IpsetErrno =
  /** No set by that name. */
  | 'ENOENT'
  /** A value out of what the type accepts (-ERANGE, -EINVAL). */
  | 'ERANGE'
  | 'EXIST'
  | 'EXIST_SETNAME2'
  | 'TYPE_MISMATCH'
  | 'BUSY'
  | 'REFERENCED'
  | 'HASH_FULL'
  | 'BITMAP_RANGE'
  | 'INVALID_CIDR'
  | 'TIMEOUT'
  | 'COMMENT'
  | 'COUNTER'
  | 'NAME'
  | 'LOOP'
  | 'BEFORE'
  | 'NEXT'
  | 'LIST_FULL'
  | 'REF'
  /** A protocol of 0 in an ip,port element. */
  | 'INVALID_PROTO';

export class IpsetError extends Error {
  constructor(
    readonly code: IpsetErrno,
    /** The restore line (IPSET_ATTR_LINENO) the kernel blames, when it reports one. */
    readonly lineno?: number,
  ) {
    super(code);
  }
}

export function fail(code: IpsetErrno): never {
  throw new IpsetError(code);
}
