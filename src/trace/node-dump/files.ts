/**
 * The files of a node dump: what to run on the node, under which name,
 * and which ones the rebuild cannot do without.
 */
import { DumpError } from './error.js';

/** The dump's file names, fixed so `podpath trace --node-dump DIR` finds them. */
export const DUMP_FILES = {
  iptables: 'iptables-save.txt',
  addrJson: 'ip-addr.json',
  addrText: 'ip-addr.txt',
  route: 'ip-route.txt',
  rule: 'ip-rule.txt',
  ipset: 'ipset-save.txt',
  conntrack: 'conntrack.txt',
  sysctl: 'sysctl.txt',
} as const;

/**
 * One shell line that writes a dump of the namespace it runs in into
 * ./node-dump (as root: iptables-save -c, ipset and conntrack need it).
 * The optional parts (ipset may be absent, conntrack needs its module)
 * never stop the line: their files are then empty. `ip -4 route` leaves
 * out IPv6, which podpath does not model; `ip rule` lists IPv4 rules.
 */
export const COLLECT_COMMAND =
  'D=node-dump; mkdir -p $D && iptables-save -c > $D/iptables-save.txt && ip -d -j addr > $D/ip-addr.json && ip -4 route show table all > $D/ip-route.txt && ip rule > $D/ip-rule.txt && { ipset save > $D/ipset-save.txt; conntrack -L > $D/conntrack.txt; sysctl -a > $D/sysctl.txt; } 2>/dev/null';

/** A dump as read from its directory: file name to text (absent files missing). */
export type DumpFiles = ReadonlyMap<string, string>;

/** The files every dump must have; ip addr in either form. */
export function checkRequired(files: DumpFiles): void {
  for (const name of [DUMP_FILES.iptables, DUMP_FILES.route, DUMP_FILES.rule, DUMP_FILES.ipset]) {
    if (!files.has(name)) throw new DumpError(name, 0, 'missing (see `podpath dump`)');
  }
  if (!files.has(DUMP_FILES.addrJson) && !files.has(DUMP_FILES.addrText))
    throw new DumpError(
      DUMP_FILES.addrJson,
      0,
      `missing, and no ${DUMP_FILES.addrText} either (see \`podpath dump\`)`,
    );
}

/** The file's lines with their 1-based numbers, blank ones left out. */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.replace(/\r$/, '') }))
    .filter((l) => l.text.trim() !== '');
}
