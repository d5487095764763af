// proxy-sync: kube-proxy (iptables mode) for 10,000 services x 10 endpoints
// on 100 nodes, on one node: the full sync (restore input computed by
// IptablesSyncer, then piped through podpath's iptables-restore into the
// node's emulated kernel) and the sync after one endpoint changes (a partial
// sync: only that service's chains are rewritten, as upstream does since
// 1.26), in a fresh node process (bench/proxy-sync-worker.mjs).
//
// No real reference: there is no kube-proxy here to time, and upstream
// documents no sync budget. The targets are ours, stated as such: a full
// sync under 10 s (a third of the default syncPeriod), one endpoint under 1 s
// (kube-proxy's default minSyncPeriod).
//
// endpoint-change-1000-nodes (issue 8, target 4): one endpoint added to the
// same 10,000 services on a 1,000-node cluster, the time until every node's
// kube-proxy has computed and applied its partial sync (target: 100 ms, as
// the reference), in bench/proxy-sync-cluster-worker.mjs: every node's
// syncer and kernel, measured (BENCH_PROXY_CLUSTER_SYNCERS and _KERNELS
// measure fewer and extrapolate, as the notes then say).
import { join } from 'node:path';
import { root, timeRun } from './lib.mjs';

const SERVICES = Number(process.env.BENCH_PROXY_SERVICES ?? 10_000);
const ENDPOINTS = 10;
const NODES = 100;
const CLUSTER_NODES = 1000;
const CLUSTER_SYNCERS = Number(process.env.BENCH_PROXY_CLUSTER_SYNCERS ?? 1000);
const CLUSTER_KERNELS = Number(process.env.BENCH_PROXY_CLUSTER_KERNELS ?? 1000);
const CLUSTER_TARGET_MS = 100;

export function proxySync() {
  const run = timeRun(
    [
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=8192',
      join(root, 'bench/proxy-sync-worker.mjs'),
      String(SERVICES),
      String(ENDPOINTS),
      String(NODES),
    ],
    root,
  );
  const fail = (name) => ({
    name,
    podpath: null,
    reference: null,
    unit: 'ms',
    ratio: null,
    failures: [`podpath: ${run.failed}: ${run.stderr}`],
  });
  if (run.failed) return [fail('proxy-sync-10k-full'), fail('proxy-sync-10k-endpoint-change')];
  const r = JSON.parse(run.stdout);
  const full = {
    name: 'proxy-sync-10k-full',
    podpath: r.fullMs,
    reference: null,
    unit: 'ms',
    ratio: null,
    target: { text: 'reference: none; < 10 s', met: r.fullMs < 10_000 },
    notes: [
      `${SERVICES} services x ${ENDPOINTS} endpoints on ${NODES} nodes, node-0: ` +
        `${r.filterRules} filter + ${r.natRules} nat rules, ${r.natChains} service chains per node`,
      `restore input ${r.fullGenerateMs.toFixed(0)} ms + iptables-restore ${r.fullRestoreMs.toFixed(0)} ms`,
      `memory: RSS ${r.rssBeforeMb.toFixed(0)} MB with the cluster objects, ` +
        `${r.rssOneNodeMb.toFixed(0)} MB with node-0's kernel holding its rules`,
    ],
    failures: r.check,
  };
  if (r.otherNodes > 0)
    full.notes.push(
      `${r.otherNodes} more nodes' restore inputs: ${r.otherNodesGenerateMs.toFixed(0)} ms, ${r.otherNodesRules} rules`,
    );
  const change = {
    name: 'proxy-sync-10k-endpoint-change',
    podpath: r.changeMs,
    reference: null,
    unit: 'ms',
    ratio: null,
    target: { text: 'reference: none; < 1 s', met: r.changeMs < 1000 },
    notes: [
      `partial sync: ${r.changeLines} restore lines (restore input ${r.changeGenerateMs.toFixed(0)} ms + ` +
        `iptables-restore ${r.changeRestoreMs.toFixed(0)} ms)`,
    ],
  };
  return [full, change];
}

export function endpointChangeCluster() {
  const name = 'endpoint-change-1000-nodes';
  const run = timeRun(
    [
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=16384',
      join(root, 'bench/proxy-sync-cluster-worker.mjs'),
      String(SERVICES),
      String(ENDPOINTS),
      String(CLUSTER_NODES),
      String(Math.min(CLUSTER_SYNCERS, CLUSTER_NODES)),
      String(Math.min(CLUSTER_KERNELS, CLUSTER_SYNCERS)),
    ],
    root,
  );
  const figure = { name, podpath: null, reference: CLUSTER_TARGET_MS, unit: 'ms', ratio: null };
  if (run.failed) return [{ ...figure, failures: [`podpath: ${run.failed}: ${run.stderr}`] }];
  const r = JSON.parse(run.stdout);
  const extrapolated = r.syncers < r.nodes || r.kernels < r.nodes;
  return [
    {
      ...figure,
      podpath: r.clusterMs,
      ratio: r.clusterMs === null ? null : CLUSTER_TARGET_MS / r.clusterMs,
      target: {
        text: `reference: the target, < ${CLUSTER_TARGET_MS} ms`,
        met: r.clusterMs !== null && r.clusterMs < CLUSTER_TARGET_MS,
      },
      notes: [
        `${SERVICES} services x ${ENDPOINTS} endpoints on ${r.nodes} nodes, one endpoint added: every node's ` +
          `partial sync writes ${r.linesPerNode.toFixed(0)} lines (KUBE-SERVICES whole, the service's chains)`,
        `per node: computing ${r.computeOthersMs.toFixed(3)} ms (mean of ${r.syncers - 1} nodes' syncers sharing ` +
          `one cache; the first node's ${r.computeFirstMs.toFixed(1)} ms derives what the change means for the cluster), ` +
          `iptables-restore ${r.restoreOthersMs?.toFixed(3)} ms (mean of ${r.kernels - 1} nodes' kernels, namespaces of ` +
          `one world; ${r.restoreOthersCpuMs?.toFixed(3)} ms of CPU with the collector's threads), the first node's ` +
          `${r.restoreFirstMs?.toFixed(0)} ms (it reads the restore input the change made, once for the cluster)`,
        extrapolated
          ? `EXTRAPOLATED: the ${r.syncers} computes and ${r.kernels} restores measured, plus ${r.nodes - r.syncers} x ` +
            `${r.computeWarmMs.toFixed(3)} ms of compute and ${r.nodes - r.kernels} x ${r.restoreWarmMs?.toFixed(3)} ms of restore ` +
            `(the later half of the measured nodes, which understates: a whole cluster's data is colder)`
          : `measured on all ${r.nodes} nodes: ${r.syncerMbPerNode.toFixed(1)} MB per node's syncer, ` +
            `${r.kernelMbPerNode?.toFixed(2)} MB per node's kernel (its nat table's chains are one map for the cluster)`,
      ],
      failures: r.check,
    },
  ];
}
