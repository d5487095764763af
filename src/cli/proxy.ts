/**
 * `podpath proxy sync CLUSTER.yaml --node NAME [--no-jumps]`: the input
 * kube-proxy (iptables mode) on that node would pipe into
 * `iptables-restore --noflush --counters` on a full sync, preceded by the
 * jumps from built-in chains it ensures first, written as restore input too.
 */
import { readFileSync } from 'node:fs';
import { loadCluster } from '../k8s/cluster/load.js';
import { ClusterError } from '../k8s/cluster/errors.js';
import { proxySync } from '../k8s/cluster/kube-proxy.js';
import { renderJumpsAsRestore } from '../k8s/proxy/iptables/jumps.js';

export const PROXY_USAGE = 'usage: podpath proxy sync CLUSTER.yaml --node NAME [--no-jumps]\n';

export function proxyCommand(args: string[]): number {
  const [sub, ...rest] = args;
  const nodeAt = rest.indexOf('--node');
  const node = nodeAt >= 0 ? rest[nodeAt + 1] : undefined;
  const noJumps = rest.includes('--no-jumps');
  const files = rest.filter((a, i) => !a.startsWith('--') && (nodeAt < 0 || i !== nodeAt + 1));
  if (sub !== 'sync' || !node || files.length !== 1) {
    process.stderr.write(PROXY_USAGE);
    return 2;
  }
  const file = files[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(`podpath: ${file}: No such file or directory\n`);
    return 1;
  }
  try {
    const result = proxySync(loadCluster(text, file), node);
    if (!result) {
      process.stderr.write(`podpath: node "${node}" not found in ${file}\n`);
      return 1;
    }
    if (!noJumps)
      process.stdout.write(
        `# kube-proxy ensures these jumps (iptables -N / -I) before its restore\n${renderJumpsAsRestore(result.jumps)}`,
      );
    process.stdout.write(result.restore);
    return 0;
  } catch (error) {
    if (!(error instanceof ClusterError)) throw error;
    process.stderr.write(`podpath: ${error.message}\n`);
    return 1;
  }
}
