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
import { join } from 'node:path';
import { root, timeRun } from './lib.mjs';

const SERVICES = Number(process.env.BENCH_PROXY_SERVICES ?? 10_000);
const ENDPOINTS = 10;
const NODES = 100;

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
