/**
 * `podpath up CLUSTER.yaml` and the cluster half of `podpath run --cluster`:
 * load the file (located errors, nothing built on bad input), bring the
 * twin up in a World, print its summary.
 */
import { readFileSync } from 'node:fs';
import type { World } from '../kernel/world.js';
import { loadCluster } from '../k8s/cluster/load.js';
import { ClusterError } from '../k8s/cluster/errors.js';
import type { Cluster } from '../k8s/cluster/model.js';
import { bringUp } from '../k8s/twin/up.js';
import { summary } from '../k8s/twin/summary.js';
import { renderSteps } from '../k8s/twin/host.js';
import type { Twin } from '../k8s/twin/twin.js';

export const UP_USAGE = 'usage: podpath up CLUSTER.yaml [--steps]\n';

/** The cluster in `file`, or null after printing why not (missing file, located error). */
interface Out {
  write(text: string): unknown;
}

export function readCluster(file: string, err: Out = process.stderr): Cluster | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    err.write(`podpath: ${file}: No such file or directory\n`);
    return null;
  }
  try {
    return loadCluster(text, file);
  } catch (error) {
    if (!(error instanceof ClusterError)) throw error;
    err.write(`podpath: ${error.message}\n`);
    return null;
  }
}

export async function clusterIn(file: string, world: World): Promise<Twin | null> {
  const cluster = readCluster(file);
  return cluster && bringUp(cluster, world);
}

/** `podpath up FILE [--steps]`: the summary, or with --steps every command the components ran, as a script. */
export async function up(
  args: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const steps = args.includes('--steps');
  const files = args.filter((a) => a !== '--steps');
  if (files.length !== 1 || files[0].startsWith('-')) {
    err.write(UP_USAGE);
    return 2;
  }
  const cluster = readCluster(files[0], err);
  if (!cluster) return 1;
  const twin = await bringUp(cluster);
  out.write(steps ? renderSteps(twin.steps) : await summary(twin));
  return 0;
}
