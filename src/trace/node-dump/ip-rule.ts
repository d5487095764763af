/**
 * `ip rule` output: `PREF:<TAB>SELECTOR ACTION`. Each becomes the
 * `ip rule add pref PREF ...` arguments that recreate it.
 */
import { DumpError } from './error.js';
import { DUMP_FILES, numberedLines } from './files.js';

const FILE = DUMP_FILES.rule;

export interface NodeRule {
  readonly line: number;
  readonly pref: number;
  /** For `ip rule add`. */
  readonly argv: readonly string[];
}

/** What ip only reports: an iif/oif whose device is gone, an unresolved l3mdev table. */
const REPORTED = new Set(['[detached]', '[l3mdev-table]']);

const RULE = /^(\d+):\s+(\S.*)$/;

export function parseIpRule(text: string): NodeRule[] {
  return numberedLines(text).map(({ line, text: t }) => {
    const m = RULE.exec(t);
    if (!m) throw new DumpError(FILE, line, `not a rule line (PREF: SELECTOR ACTION): "${t}"`);
    const pref = Number(m[1]);
    if (pref > 0xffffffff) throw new DumpError(FILE, line, `bad preference ${m[1]}`);
    const words = m[2]
      .trim()
      .split(/\s+/)
      .filter((w) => !REPORTED.has(w));
    return { line, pref, argv: ['pref', m[1], ...words] };
  });
}
