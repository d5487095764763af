import type { IpsetErrno } from '../../kernel/ipset/errors.js';

export const VERSION = 'v7.17';

/** ipset's two kinds of failure: OTHER_PROBLEM (1) and PARAMETER_PROBLEM (2, with the help hint). */
export class IpsetToolError extends Error {
  constructor(
    readonly status: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

/** A syntax error of the element or option parsers (exit 1). */
export const syntax = (msg: string): IpsetToolError => new IpsetToolError(1, `Syntax error: ${msg}`);
/** A parameter problem (exit 2, followed by "Try `ipset help'"). */
export const param = (msg: string): IpsetToolError => new IpsetToolError(2, msg);
/** A plain error of exit status 1. */
export const other = (msg: string): IpsetToolError => new IpsetToolError(1, msg);

export type Cmd =
  'create' | 'destroy' | 'flush' | 'rename' | 'swap' | 'list' | 'save' | 'add' | 'del' | 'test';

/** lib/errcode.c: the kernel's answer in words, some of them per command. */
export function kernelMessage(code: IpsetErrno, cmd: Cmd): string {
  switch (code) {
    case 'ENOENT':
      return 'The set with the given name does not exist';
    case 'EXIST':
      if (cmd === 'create') return 'Set cannot be created: set with the same name already exists';
      if (cmd === 'del') return "Element cannot be deleted from the set: it's not added";
      return "Element cannot be added to the set: it's already added";
    case 'EXIST_SETNAME2':
      return cmd === 'rename'
        ? 'Set cannot be renamed: a set with the new name already exists'
        : 'Sets cannot be swapped: the second set does not exist';
    case 'TYPE_MISMATCH':
      return 'The sets cannot be swapped: their type does not match';
    case 'BUSY':
      return 'Set cannot be destroyed: it is in use by a kernel component';
    case 'REFERENCED':
      return 'Set cannot be renamed: it is in use by another system';
    case 'HASH_FULL':
      return 'Hash is full, cannot add more elements';
    case 'BITMAP_RANGE':
      return 'Element is out of the range of the set';
    case 'INVALID_CIDR':
      return 'The value of the CIDR parameter of the IP address is invalid';
    case 'TIMEOUT':
      return 'Timeout cannot be used: set was created without timeout support';
    case 'COMMENT':
      return 'Comment cannot be used: set was created without comment support';
    case 'COUNTER':
      return 'Packet/byte counters cannot be used: set was created without counter support';
    case 'NAME':
      return 'Set to be added/deleted/tested as element does not exist.';
    case 'LOOP':
      return 'Sets with list:set type cannot be added to the set.';
    case 'BEFORE':
      return "The set to which you referred with 'before' or 'after' does not exist.";
    case 'REF':
      return "The set to which you referred with 'before' or 'after' is not added to the set.";
    case 'INVALID_PROTO':
      return 'Invalid protocol specified';
    case 'LIST_FULL':
      return 'The set is full, more elements cannot be added.';
    case 'NEXT':
    case 'ERANGE':
      return 'Kernel error received: Numerical result out of range';
  }
}
