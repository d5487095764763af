/**
 * Which process holds a socket open, for `ss -p` and `netstat -p`. Linux
 * finds it by walking /proc/PID/fd for `socket:[INODE]`; the emulated
 * kernel has no file table, so a program records its socket here when it
 * opens it and clears the record when it closes it (an orphaned socket,
 * e.g. in FIN-WAIT or TIME-WAIT after close(), has no owner, as in Linux).
 */
export interface SocketOwner {
  /** /proc/PID/comm (15 characters at most). */
  readonly comm: string;
  readonly pid: number;
  readonly fd: number;
}

const owners = new WeakMap<object, SocketOwner[]>();

/** Records that `owner` holds `sock` (fork or dup may add more owners). */
export function addSocketOwner(sock: object, owner: SocketOwner): void {
  owners.set(sock, [...(owners.get(sock) ?? []), owner]);
}

/** close(): the socket is no longer held by `pid` (by anyone when pid is omitted). */
export function dropSocketOwner(sock: object, pid?: number): void {
  const left = pid === undefined ? [] : (owners.get(sock) ?? []).filter((o) => o.pid !== pid);
  if (left.length > 0) owners.set(sock, left);
  else owners.delete(sock);
}

/** The processes holding the socket, as ss lists them in users:(...). */
export function socketOwners(sock: object): readonly SocketOwner[] {
  return owners.get(sock) ?? [];
}
