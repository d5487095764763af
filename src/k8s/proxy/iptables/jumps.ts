/**
 * The jumps from built-in chains into kube-proxy's chains. kube-proxy does
 * not restore these (that would replace every rule of INPUT, PREROUTING...):
 * on a full sync it runs `iptables -N CHAIN` and `iptables -C`/`-I` for each
 * (proxier.go iptablesJumpChains, EnsureRule(Prepend)), so the last one
 * listed for a chain ends up first.
 */
export interface JumpChain {
  readonly table: 'filter' | 'nat';
  /** kube-proxy's chain, jumped to. */
  readonly dstChain: string;
  /** The built-in chain holding the jump. */
  readonly srcChain: string;
  readonly comment: string;
  readonly extraArgs: readonly string[];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'] as const;

const jump = (
  table: JumpChain['table'],
  dstChain: string,
  srcChain: string,
  comment: string,
  extraArgs: readonly string[] = [],
): JumpChain => ({
  table,
  dstChain,
  srcChain,
  comment,
  extraArgs,
});

export const JUMP_CHAINS: readonly JumpChain[] = [
  jump('filter', 'KUBE-EXTERNAL-SERVICES', 'INPUT', 'kubernetes externally-visible service portals', NEW),
  jump('filter', 'KUBE-EXTERNAL-SERVICES', 'FORWARD', 'kubernetes externally-visible service portals', NEW),
  jump('filter', 'KUBE-NODEPORTS', 'INPUT', 'kubernetes health check service ports'),
  jump('filter', 'KUBE-SERVICES', 'FORWARD', 'kubernetes service portals', NEW),
  jump('filter', 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', NEW),
  jump('filter', 'KUBE-FORWARD', 'FORWARD', 'kubernetes forwarding rules'),
  jump('filter', 'KUBE-PROXY-FIREWALL', 'INPUT', 'kubernetes load balancer firewall', NEW),
  jump('filter', 'KUBE-PROXY-FIREWALL', 'OUTPUT', 'kubernetes load balancer firewall', NEW),
  jump('filter', 'KUBE-PROXY-FIREWALL', 'FORWARD', 'kubernetes load balancer firewall', NEW),
  jump('nat', 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals'),
  jump('nat', 'KUBE-SERVICES', 'PREROUTING', 'kubernetes service portals'),
  jump('nat', 'KUBE-POSTROUTING', 'POSTROUTING', 'kubernetes postrouting rules'),
];

/** Duplicates of kubelet's chains, created by kube-proxy too (without comments). */
export const KUBELET_JUMP_CHAINS: readonly JumpChain[] = [
  jump('filter', 'KUBE-FIREWALL', 'INPUT', ''),
  jump('filter', 'KUBE-FIREWALL', 'OUTPUT', ''),
];

/** The rule words of a jump, as EnsureRule receives them. */
export function jumpArgs(j: JumpChain): string[] {
  const comment = j.comment ? ['-m', 'comment', '--comment', j.comment] : [];
  return [...j.extraArgs, ...comment, '-j', j.dstChain];
}

/** The ensure step as one shell command per call kube-proxy makes: create the chain, then check-or-insert the jump. */
export function renderJumpCommands(jumps: readonly JumpChain[]): string {
  const q = (w: string) => (/^[\w./:,=-]+$/.test(w) ? w : `"${w}"`);
  return jumps
    .map((j) => {
      const rule = jumpArgs(j).map(q).join(' ');
      return [
        `iptables -w -t ${j.table} -N ${j.dstChain} 2>/dev/null`,
        `iptables -w -t ${j.table} -C ${j.srcChain} ${rule} 2>/dev/null || iptables -w -t ${j.table} -I ${j.srcChain} ${rule}`,
      ].join('\n');
    })
    .join('\n')
    .concat('\n');
}

/**
 * The same end state as restore input for a fresh host: per table, the
 * chains declared, then the jumps inserted in kube-proxy's order. Meant to
 * be applied with `--noflush` before the sync's own restore input.
 */
export function renderJumpsAsRestore(jumps: readonly JumpChain[]): string {
  const out: string[] = [];
  for (const table of ['filter', 'nat'] as const) {
    const mine = jumps.filter((j) => j.table === table);
    if (mine.length === 0) continue;
    out.push(`*${table}`);
    for (const c of new Set(mine.map((j) => j.dstChain))) out.push(`:${c} - [0:0]`);
    for (const j of mine)
      out.push(['-I', j.srcChain, ...jumpArgs(j).map((w) => (/\s/.test(w) ? `"${w}"` : w))].join(' '));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
