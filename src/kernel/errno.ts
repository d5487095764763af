/**
 * Kernel errors as data: a netlink or syscall failure carries its errno, and
 * the tool prints it the way the real tool does (e.g. "RTNETLINK answers: File exists").
 */
export const ERRNO = {
  EPERM: { errno: 1, message: 'Operation not permitted' },
  ENOENT: { errno: 2, message: 'No such file or directory' },
  ESRCH: { errno: 3, message: 'No such process' },
  EBUSY: { errno: 16, message: 'Device or resource busy' },
  EEXIST: { errno: 17, message: 'File exists' },
  ENODEV: { errno: 19, message: 'No such device' },
  EINVAL: { errno: 22, message: 'Invalid argument' },
  ENOSPC: { errno: 28, message: 'No space left on device' },
  ESPIPE: { errno: 29, message: 'Illegal seek' },
  ELOOP: { errno: 40, message: 'Too many levels of symbolic links' },
  ERANGE: { errno: 34, message: 'Numerical result out of range' },
  EOPNOTSUPP: { errno: 95, message: 'Operation not supported' },
  EADDRINUSE: { errno: 98, message: 'Address already in use' },
  EADDRNOTAVAIL: { errno: 99, message: 'Cannot assign requested address' },
  ENETDOWN: { errno: 100, message: 'Network is down' },
  ENETUNREACH: { errno: 101, message: 'Network is unreachable' },
  ECONNRESET: { errno: 104, message: 'Connection reset by peer' },
  ENOBUFS: { errno: 105, message: 'No buffer space available' },
  ETIMEDOUT: { errno: 110, message: 'Connection timed out' },
  ECONNREFUSED: { errno: 111, message: 'Connection refused' },
  EHOSTUNREACH: { errno: 113, message: 'No route to host' },
  EINPROGRESS: { errno: 115, message: 'Operation now in progress' },
  EHOSTDOWN: { errno: 112, message: 'Host is down' },
  ENOPROTOOPT: { errno: 92, message: 'Protocol not available' },
  ENONET: { errno: 64, message: 'Machine is not on the network' },
  EPROTO: { errno: 71, message: 'Protocol error' },
  EPIPE: { errno: 32, message: 'Broken pipe' },
  EDESTADDRREQ: { errno: 89, message: 'Destination address required' },
  EMSGSIZE: { errno: 90, message: 'Message too long' },
  EACCES: { errno: 13, message: 'Permission denied' },
} as const;

export type ErrnoName = keyof typeof ERRNO;

/** A failed kernel call; tools catch it and print `err.message` in their own way. */
export class KernelError extends Error {
  readonly errno: number;
  constructor(readonly code: ErrnoName) {
    super(ERRNO[code].message);
    this.errno = ERRNO[code].errno;
  }
}

export function fail(code: ErrnoName): never {
  throw new KernelError(code);
}
