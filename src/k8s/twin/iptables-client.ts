/**
 * The iptables calls the components make through their client libraries,
 * each one run as the `iptables` command it execs: go-iptables (the CNI
 * plugins: `--wait`, ListChains = `-S`, AppendUnique = `-C` then `-A`) and
 * kube-proxy's utiliptables (`-w 5 -W 100000`, EnsureChain = `-N` tolerating "exists",
 * EnsureRule = `-C` then `-I`/`-A`).
 */
import type { Host } from './host.js';

export type Table = 'filter' | 'nat' | 'mangle' | 'raw';

/** utiliptables' wait flags for iptables 1.6.1 and later (getIPTablesWaitFlag). */
const KUBE_WAIT = ['-w', '5', '-W', '100000'];

/** go-iptables ListChains: the `-N`/`-P` lines of `iptables -S`. */
export async function listChains(host: Host, netns: string, table: Table): Promise<string[]> {
  const out = await host.run(netns, ['iptables', '--wait', '-t', table, '-S']);
  return out
    .split('\n')
    .filter((l) => l.startsWith('-P ') || l.startsWith('-N '))
    .map((l) => l.split(' ')[1]);
}

/** go-iptables NewChain. */
export async function newChain(host: Host, netns: string, table: Table, chain: string): Promise<void> {
  await host.run(netns, ['iptables', '--wait', '-t', table, '-N', chain]);
}

/** go-iptables AppendUnique: the rule is appended unless `-C` finds it already there. */
export async function appendUnique(
  host: Host,
  netns: string,
  table: Table,
  chain: string,
  rule: readonly string[],
): Promise<void> {
  const check = await host.try(netns, ['iptables', '--wait', '-t', table, '-C', chain, ...rule]);
  if (check.status !== 0) await host.run(netns, ['iptables', '--wait', '-t', table, '-A', chain, ...rule]);
}

/** utiliptables EnsureChain: `-N`, where exit 1 (chain already exists) is success. */
export async function ensureChain(host: Host, netns: string, table: Table, chain: string): Promise<void> {
  const argv = ['iptables', ...KUBE_WAIT, '-t', table, '-N', chain];
  const r = await host.try(netns, argv);
  if (r.status !== 0 && r.status !== 1) await host.run(netns, argv);
}

/** utiliptables EnsureRule: `-C`, then `-I` (Prepend) or `-A` (Append) when missing. */
export async function ensureRule(
  host: Host,
  netns: string,
  position: 'prepend' | 'append',
  table: Table,
  chain: string,
  rule: readonly string[],
): Promise<void> {
  const check = await host.try(netns, ['iptables', ...KUBE_WAIT, '-t', table, '-C', chain, ...rule]);
  if (check.status === 0) return;
  const op = position === 'prepend' ? '-I' : '-A';
  await host.run(netns, ['iptables', ...KUBE_WAIT, '-t', table, op, chain, ...rule]);
}
