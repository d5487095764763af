/** A node's interface as the dump describes it: what the rebuild recreates. */
export interface NodeLink {
  /** The line of the file where the interface starts (JSON: 1). */
  readonly line: number;
  readonly name: string;
  readonly mtu: number;
  /** null for devices without one (ip prints link/none). */
  readonly mac: string | null;
  /** IFF_UP: the administrator brought it up. */
  readonly up: boolean;
  readonly loopback: boolean;
  /** The real device kind (veth, bridge, vxlan...; "" for a physical NIC): kept for the record, built as dummy. */
  readonly kind: string;
  readonly addrs: readonly NodeAddr[];
}

/** One IPv4 address of an interface. */
export interface NodeAddr {
  readonly line: number;
  readonly local: string;
  readonly prefixlen: number;
  readonly peer?: string;
  readonly broadcast?: string;
  readonly scope: string;
  readonly label?: string;
  readonly noprefixroute: boolean;
  readonly metric?: number;
}

/** `ip addr add` arguments that give `dev` this address. */
export function addrArgv(dev: string, a: NodeAddr): string[] {
  return [
    ...(a.peer === undefined ? [`${a.local}/${a.prefixlen}`] : [a.local, 'peer', `${a.peer}/${a.prefixlen}`]),
    ...(a.broadcast === undefined ? [] : ['brd', a.broadcast]),
    'scope',
    a.scope,
    ...(a.noprefixroute ? ['noprefixroute'] : []),
    ...(a.metric === undefined ? [] : ['metric', String(a.metric)]),
    'dev',
    dev,
    ...(a.label === undefined || a.label === dev ? [] : ['label', a.label]),
  ];
}
