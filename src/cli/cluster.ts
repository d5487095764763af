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
import { serveTwin } from '../k8s/controllers/serve.js';
import { openStore } from '../k8s/storage/open.js';
import type { Store } from '../k8s/storage/types.js';
import { parseListen, systemHost, untilSignalled } from './apiserver.js';
import { progressBar } from './progress.js';

export const UP_USAGE =
  'usage: podpath up CLUSTER.yaml [--steps] [--serve HOST:PORT [--storage memory|sqlite:PATH|etcd://HOST:PORT]]\n';

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

/** The twin of `cluster`, with a progress bar on the terminal while a large one builds. */
export async function buildTwin(cluster: Cluster, world?: World): Promise<Twin> {
  const bar = progressBar();
  const twin = await bringUp(cluster, world, (phase, done, total) =>
    bar.update(`building ${phase}`, done, total),
  );
  bar.done();
  return twin;
}

export async function clusterIn(file: string, world: World): Promise<Twin | null> {
  const cluster = readCluster(file);
  return cluster && buildTwin(cluster, world);
}

/**
 * `podpath up FILE [--steps] [--serve HOST:PORT [--storage S]]`: the summary,
 * or with --steps every command the components ran, as a script; with
 * --serve the twin is then published on an API server (in memory unless
 * --storage says otherwise) and its controllers follow that API until
 * SIGINT or SIGTERM.
 */
export async function up(
  args: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const rest = [...args];
  const take = (flag: string): string | undefined | null => {
    const i = rest.indexOf(flag);
    if (i < 0) return undefined;
    const value = rest[i + 1];
    rest.splice(i, 2);
    return value === undefined || value.startsWith('-') ? null : value;
  };
  const serve = take('--serve');
  const storage = take('--storage');
  const steps = rest.includes('--steps');
  const files = rest.filter((a) => a !== '--steps');
  const listen = serve ? parseListen(serve) : undefined;
  if (
    files.length !== 1 ||
    files[0].startsWith('-') ||
    serve === null ||
    storage === null ||
    listen === null ||
    (storage !== undefined && serve === undefined) ||
    (steps && serve !== undefined)
  ) {
    err.write(UP_USAGE);
    return 2;
  }
  const cluster = readCluster(files[0], err);
  if (!cluster) return 1;
  let store: Store | undefined;
  if (listen)
    try {
      store = openStore(storage ?? 'memory');
    } catch (error) {
      err.write(`podpath up: ${(error as Error).message}\n`);
      return 2;
    }
  const twin = await buildTwin(cluster);
  out.write(steps ? renderSteps(twin.steps) : await summary(twin));
  if (!listen || !store) return 0;
  const served = await serveTwin(twin, {
    store,
    host: systemHost,
    listen,
    onSync: (r) =>
      out.write(
        `kube-proxy on ${r.node}: ${r.partial ? 'partial' : 'full'} sync, ${r.services} services (${r.filterRules} filter, ${r.natRules} nat rules)\n`,
      ),
    onError: (e) => err.write(`podpath up: ${(e as Error).message}\n`),
  });
  out.write(`serving the twin's API on ${served.url} (storage ${storage ?? 'memory'})\n`);
  await untilSignalled();
  await served.close();
  await store.close();
  return 0;
}
