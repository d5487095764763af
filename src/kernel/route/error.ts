import { KernelError } from '../errno.js';
import type { ErrnoName } from '../errno.js';

/** A netlink error that carries an extended ack message (`Error: Nexthop has invalid gateway.`). */
export class ExtackError extends KernelError {
  constructor(
    code: ErrnoName,
    readonly extack: string,
  ) {
    super(code);
  }
}

export function failExt(code: ErrnoName, extack: string): never {
  throw new ExtackError(code, extack);
}
