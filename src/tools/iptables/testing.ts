/**
 * What the unit tests of iptables extensions check again and again: a rule
 * appended to an empty world and read back through `iptables -S` and `-L`,
 * and the parameter problem iptables 1.8.9 prints for bad options. Built on
 * `runTool`; kept apart from it because this one asserts (vitest) and
 * `runTool` also serves benches and the twin.
 */
import { expect } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';

/** Where the rule goes: filter INPUT unless told. */
export interface RulePlace {
  table?: string;
  chain?: string;
}

const tableArgs = (table: string | undefined) => (table === undefined ? [] : ['-t', table]);

/** An -L row's text after its source and destination columns (20 wide each), found by their `columns` text. */
const afterAddresses = (row: string, columns: string) => row.slice(row.indexOf(columns) + 42);

/**
 * Appends `-A CHAIN args` to a new world, silently, then expects `-S` to
 * contain `-A CHAIN saved`, the `-L -n` row to read `listed` after its
 * address columns and, when `named` is given, the `-L` row to read `named`.
 */
export async function expectShown(
  args: readonly string[],
  saved: string,
  listed: string,
  place: RulePlace & { named?: string } = {},
): Promise<void> {
  const { chain = 'INPUT', named } = place;
  const t = tableArgs(place.table);
  const w = new World();
  const add = await runTool(w, ['iptables', ...t, '-A', chain, ...args]);
  expect(add).toEqual({ stdout: '', stderr: '', status: 0 });
  expect((await runTool(w, ['iptables', ...t, '-S', chain])).stdout).toContain(`-A ${chain} ${saved}\n`);
  const n = (await runTool(w, ['iptables', ...t, '-L', chain, '-n'])).stdout.split('\n')[2];
  expect(afterAddresses(n, '0.0.0.0/0            0.0.0.0/0')).toBe(listed);
  if (named === undefined) return;
  const l = (await runTool(w, ['iptables', ...t, '-L', chain])).stdout.split('\n')[2];
  expect(afterAddresses(l, 'anywhere             anywhere')).toBe(named);
}

/**
 * Expects `iptables -A CHAIN args` in a new world to exit `status` (2, a
 * parameter problem, unless told) with stderr starting with iptables
 * 1.8.9's prefix and `msg`.
 */
export async function expectRefused(
  args: readonly string[],
  msg: string,
  place: RulePlace & { status?: number } = {},
): Promise<void> {
  const { chain = 'INPUT', status = 2 } = place;
  const r = await runTool(new World(), ['iptables', ...tableArgs(place.table), '-A', chain, ...args]);
  expect(r.status).toBe(status);
  expect(r.stderr.startsWith(`iptables v1.8.9 (nf_tables): ${msg}\n`)).toBe(true);
}
