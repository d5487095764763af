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

/**
 * go-iptables ListChains: the chain names of the `-P`/`-N` lines of
 * `iptables -t TABLE -S`. The step is recorded as the plugin runs it, but
 * the names are read from the table the command would list rather than
 * parsed from a listing of every rule (on a node holding kube-proxy's
 * 300,000 nat rules, one listing per pod would dominate a cluster's
 * build). The names come built-ins first, then user chains in the table's
 * order, not sorted as the listing prints them: the plugin only looks
 * for one name among them.
 */
export function listChains(host: Host, netns: string, table: Table): Promise<string[]> {
  const t = host.record(netns, ['iptables', '--wait', '-t', table, '-S']).netfilter.view(table);
  return Promise.resolve([...t.builtins.map((c) => c.name), ...t.user.keys()]);
}

/**
 * go-iptables ChainExists: ListChains (one `iptables -t TABLE -S`, recorded
 * as such), then whether the chain is among them, answered from the table
 * without listing every name.
 */
export function chainExists(host: Host, netns: string, table: Table, chain: string): Promise<boolean> {
  const t = host.record(netns, ['iptables', '--wait', '-t', table, '-S']).netfilter.view(table);
  return Promise.resolve(t.user.has(chain) || t.builtins.some((c) => c.name === chain));
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
