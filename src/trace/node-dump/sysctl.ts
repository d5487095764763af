/**
 * `sysctl -a`: `key = value` lines. Only `net.*` keys belong to a network
 * namespace; the rest (kernel.*, vm.*, fs.*) are the host's and skipped.
 */
import { DumpError } from './error.js';
import { DUMP_FILES, numberedLines } from './files.js';

const FILE = DUMP_FILES.sysctl;

export interface NodeSysctl {
  readonly line: number;
  /** Dotted, as podpath names it: a device name's dots, shown as `/` by sysctl, restored. */
  readonly key: string;
  readonly value: string;
}

const LINE = /^([^\s=]+) =(?: (.*))?$/;

export function parseSysctl(text: string): NodeSysctl[] {
  const out: NodeSysctl[] = [];
  for (const { line, text: t } of numberedLines(text)) {
    const m = LINE.exec(t);
    if (!m) throw new DumpError(FILE, line, `not a "key = value" line: "${t}"`);
    const [, key, value = ''] = m;
    if (!key.startsWith('net.')) continue;
    out.push({ line, key: key.replaceAll('/', '.'), value });
  }
  return out;
}
