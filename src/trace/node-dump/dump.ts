/**
 * A node dump parsed: every file checked before anything is built, so a
 * bad line stops the rebuild with its place named.
 */
import { DumpError } from './error.js';
import type { DumpFiles } from './files.js';
import { DUMP_FILES, checkRequired } from './files.js';
import type { NodeLink } from './link.js';
import { parseIpAddrJson } from './ip-addr-json.js';
import { parseIpAddrText } from './ip-addr-text.js';
import type { NodeRoute } from './ip-route.js';
import { parseIpRoute } from './ip-route.js';
import type { NodeRule } from './ip-rule.js';
import { parseIpRule } from './ip-rule.js';
import type { NodeSysctl } from './sysctl.js';
import { parseSysctl } from './sysctl.js';
import type { NodeConn } from './conntrack.js';
import { parseConntrack } from './conntrack.js';

export interface NodeDump {
  /** Which ip addr file the links came from (errors while building name it). */
  readonly addrFile: string;
  readonly links: readonly NodeLink[];
  readonly routes: readonly NodeRoute[];
  readonly rules: readonly NodeRule[];
  readonly sysctls: readonly NodeSysctl[];
  readonly conns: readonly NodeConn[];
  /** Handed as they are to iptables-restore -c and ipset restore, which check them line by line. */
  readonly iptables: string;
  readonly ipset: string;
}

/** The parsed dump, or the first problem found. */
export function parseDump(files: DumpFiles): NodeDump | DumpError {
  try {
    checkRequired(files);
    const json = files.get(DUMP_FILES.addrJson);
    const links =
      json !== undefined ? parseIpAddrJson(json) : parseIpAddrText(files.get(DUMP_FILES.addrText)!);
    const addrFile = json !== undefined ? DUMP_FILES.addrJson : DUMP_FILES.addrText;
    const seen = new Set<string>();
    for (const l of links) {
      if (seen.has(l.name)) throw new DumpError(addrFile, l.line, `interface ${l.name} listed twice`);
      seen.add(l.name);
    }
    return {
      addrFile,
      links,
      routes: parseIpRoute(files.get(DUMP_FILES.route)!),
      rules: parseIpRule(files.get(DUMP_FILES.rule)!),
      sysctls: parseSysctl(files.get(DUMP_FILES.sysctl) ?? ''),
      conns: parseConntrack(files.get(DUMP_FILES.conntrack) ?? ''),
      iptables: files.get(DUMP_FILES.iptables)!,
      ipset: files.get(DUMP_FILES.ipset)!,
    };
  } catch (e) {
    if (e instanceof DumpError) return e;
    throw e;
  }
}
