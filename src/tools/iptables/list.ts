import type { Chain, Rule, Table } from '../../kernel/netfilter/types.js';
import { chainReferences } from '../../kernel/netfilter/tables.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { findMatch, findTarget } from './modules/index.js';
import { protoName } from './names.js';
import { maskLen, ruleLine, targetName } from './rule-text.js';

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** Chains in the order iptables-nft lists them: built-ins by hook, then user chains by name. */
export function orderedChains(table: Table): Chain[] {
  const user = [...table.user.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...table.builtins, ...user];
}

/**
 * The line iptables-nft prints before a whole-table listing or save when
 * its cache dropped a base chain it cannot read (a renamed built-in:
 * Table.foreign); empty otherwise.
 */
export const taintedNotice = (table: Table): string =>
  table.foreign && table.foreign.length > 0
    ? `# Table \`${table.name}' contains incompatible base-chains, use 'nft' tool to list them.\n`
    : '';

export function references(table: Table, name: string): number {
  return chainReferences(table).get(name) ?? 0;
}

/** (n + 500) / 1000 in uint64_t arithmetic: near 2^64 the sum wraps, as it does in C. */
const roundK = (n: bigint) => ((n + 500n) & 0xffffffffffffffffn) / 1000n;

/** xtables_print_num: %8llu with -x, else the 5-wide K/M/G/T scale. */
function num(n: bigint, f: ListFormat): string {
  if (f.exact) return `${n.toString().padStart(8)} `;
  if (n <= 99999n) return `${n.toString().padStart(5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = roundK(v);
    if (v <= 9999n) return `${v.toString().padStart(4)}${unit} `;
  }
  return `${roundK(v).toString().padStart(4)}T `;
}

const plainNum = (n: bigint, f: ListFormat) => (f.exact || n <= 99999n ? `${n}` : num(n, f).trim());

function header(table: Table, chain: Chain, f: ListFormat): string {
  let s = `Chain ${chain.name}`;
  if (chain.kind === 'builtin') {
    s += ` (policy ${chain.policy}`;
    if (f.verbose)
      s += ` ${plainNum(chain.counters.packets, f)} packets, ${plainNum(chain.counters.bytes, f)} bytes`;
    s += ')\n';
  } else s += ` (${references(table, chain.name)} references)\n`;
  if (f.lineNumbers) s += 'num  ';
  if (f.verbose) s += f.exact ? '    pkts      bytes ' : ' pkts bytes ';
  s += 'target     prot opt ';
  if (f.verbose) s += 'in     out     ';
  return s + 'source               destination         \n';
}

function addrCol(a: Rule['src'], f: ListFormat): string {
  const inv = a?.invert ? '!' : ' ';
  if (!a || a.mask === 0) return inv + (f.numeric ? '0.0.0.0/0' : 'anywhere').padEnd(19) + ' ';
  const len = maskLen(a.mask);
  const host = !f.numeric && a.addr === 0x7f000001 && len === 32 ? 'localhost' : formatIPv4(a.addr);
  const text = host + (len === 32 ? '' : `/${len < 0 ? formatIPv4(a.mask) : len}`);
  return inv + text.padEnd(19) + ' ';
}

/** One -L line (print_firewall). */
export function ruleRow(rule: Rule, n: number, f: ListFormat): string {
  let s = f.lineNumbers ? `${String(n).padEnd(4)} ` : '';
  if (f.verbose) s += num(rule.counters.packets, f) + num(rule.counters.bytes, f);
  s += `${targetName(rule).padEnd(9)} `;
  s += rule.protoInvert ? '!' : ' ';
  s += `${(f.numeric ? String(rule.proto) : (protoName(rule.proto) ?? String(rule.proto))).padEnd(4)} `;
  s += `${rule.fragment?.invert ? '!' : '-'}${rule.fragment ? 'f' : '-'} `;
  if (f.verbose) {
    // print_ifaces: no interface reads `any`, or `*` with -n.
    const any = f.numeric ? '*' : 'any';
    const iface = (m: Rule['inIface']) => (m ? `${m.invert ? '!' : ''}${m.name}` : any);
    s += ` ${iface(rule.inIface).padEnd(6)} ${iface(rule.outIface).padEnd(6)} `;
  }
  s += addrCol(rule.src, f) + addrCol(rule.dst, f);
  if (rule.verdict.kind === 'jump' && rule.verdict.goto) s += '[goto] ';
  for (const m of rule.matches) s += findMatch(m.name)?.print(m.data, f.numeric) ?? '';
  if (rule.verdict.kind === 'target')
    s += findTarget(rule.verdict.target.name)?.print(rule.verdict.target.data, f.numeric) ?? '';
  return s + '\n';
}

export function listChain(table: Table, chain: Chain, f: ListFormat): string {
  return header(table, chain, f) + chain.rules.map((r, k) => ruleRow(r, k + 1, f)).join('');
}

/** `-L`: every chain, blank line between them. */
export function listTable(table: Table, f: ListFormat): string {
  return orderedChains(table)
    .map((c) => listChain(table, c, f))
    .join('\n');
}

/** `-S` lines of one chain: its -P or -N line then its rules. */
export function specHead(chain: Chain, counters: boolean): string {
  if (chain.kind === 'builtin')
    return `-P ${chain.name} ${chain.policy}${counters ? ` -c ${chain.counters.packets} ${chain.counters.bytes}` : ''}\n`;
  return `-N ${chain.name}\n`;
}

export function specRules(chain: Chain, counters: boolean): string {
  return chain.rules.map((r) => specRuleLine(chain.name, r, counters) + '\n').join('');
}

/** -S -v prints counters as `-c P B` after the matches (save_matches_and_target). */
export function specRuleLine(chain: string, rule: Rule, counters: boolean): string {
  const line = ruleLine(chain, rule, false);
  if (!counters) return line;
  const j = line.search(/ -[jg] /);
  const c = `-c ${rule.counters.packets} ${rule.counters.bytes}`;
  return j < 0 ? `${line} ${c}` : `${line.slice(0, j)} ${c}${line.slice(j)}`;
}

/** The line `iptables -v` prints for each rule it adds, deletes or checks (print_rule with FMT_PRINT_RULE). */
export function verboseRuleLine(rule: Rule): string {
  const addr = (a: Rule['src']) => {
    if (!a || a.mask === 0) return `${a?.invert ? '!' : ''}0.0.0.0/0`;
    const len = maskLen(a.mask);
    return `${a.invert ? '!' : ''}${formatIPv4(a.addr)}${len === 32 ? '' : `/${len < 0 ? formatIPv4(a.mask) : len}`}`;
  };
  const iface = (m: Rule['inIface']) => (m ? `${m.invert ? '!' : ''}${m.name}` : '*');
  const proto = `${rule.protoInvert ? '!' : ''}${protoName(rule.proto) ?? String(rule.proto)}`;
  const opt = `${rule.fragment?.invert ? '!' : '-'}${rule.fragment ? 'f' : '-'}`;
  let s = `${targetName(rule)}  ${proto} opt ${opt} in ${iface(rule.inIface)} out ${iface(rule.outIface)}  `;
  s += `${addr(rule.src)}  -> ${addr(rule.dst)}  `;
  if (rule.verdict.kind === 'jump' && rule.verdict.goto) s += '[goto] ';
  for (const m of rule.matches) s += findMatch(m.name)?.print(m.data, true) ?? '';
  if (rule.verdict.kind === 'target')
    s += findTarget(rule.verdict.target.name)?.print(rule.verdict.target.data, true) ?? '';
  return s + '\n';
}
