/**
 * Runs a shell script for unit tests: what the shell, tool and lab tests
 * otherwise each spell out around `runScript`.
 */
import { expect } from 'vitest';
import { World } from '../kernel/world.js';
import { runScript } from './run.js';

/** a (10.0.0.1) and b (10.0.0.2) joined by a veth pair, eth0 at each end, all links up. */
export const TWO_HOSTS = `ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
`;

/** What a script printed, its exit status, and the world it ran in. */
export interface ScriptRun {
  stdout: string;
  stderr: string;
  status: number;
  world: World;
}

/**
 * Runs `source` as `t.sh` in `world` (a new one by default), collecting its
 * output; the virtual clock is driven from the host loop, as tests do.
 */
export async function runTestScript(source: string, world: World = new World()): Promise<ScriptRun> {
  let stdout = '';
  let stderr = '';
  const status = await runScript({
    world,
    source,
    scriptName: 't.sh',
    args: [],
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    cwd: process.cwd(),
    // eslint-disable-next-line no-restricted-globals
    yieldToHost: () => new Promise<void>((r) => setImmediate(r)),
  });
  return { stdout, stderr, status, world };
}

/**
 * A table row's check (`it.each([[name, script, stdout, stderr, status?], ...])`):
 * the script prints these, and ends with `status` when one is given.
 */
export async function printsAsScript(
  _name: string,
  script: string,
  stdout: string,
  stderr: string,
  status?: number,
): Promise<void> {
  const r = await runTestScript(script);
  expect(r.stdout).toBe(stdout);
  expect(r.stderr).toBe(stderr);
  if (status !== undefined) expect(r.status).toBe(status);
}
