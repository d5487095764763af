import { describe, expect, it } from 'vitest';
import type { RunResult, Script } from './harness.js';
import { compare, discoverScripts, pool, runCommand, selectScripts } from './harness.js';

const script: Script = { name: 'x.sh', dir: '/tmp', file: 'x.sh' };
const result = (stdout: string, stderr = '', status: number | string = 0): RunResult => ({
  stdout,
  stderr,
  status,
  ms: 1,
});

describe('runCommand', () => {
  it('captures stdout, stderr and the exit status separately, with no stdin', async () => {
    const run = await runCommand(
      ['bash', '-c', 'echo out; echo err >&2; read line; echo "read $?"; exit 3'],
      '/',
    );
    expect(run).toMatchObject({ stdout: 'out\nread 1\n', stderr: 'err\n', status: 3 });
  });

  it('kills the whole process group on timeout, background jobs included', async () => {
    const started = Date.now();
    const run = await runCommand(['bash', '-c', 'sleep 30 & echo started; sleep 30'], '/', 300);
    expect(run.status).toBe('timeout after 0.3s');
    expect(run.stdout).toBe('started\n');
    // 'close' fires only once every holder of the pipes (the background sleep too) is gone.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs with LC_ALL=C and a PATH that has the sbin directories', async () => {
    const run = await runCommand(
      ['bash', '-c', 'echo "$LC_ALL"; case ":$PATH:" in *:/usr/sbin:*) echo ok;; esac'],
      '/',
    );
    expect(run.stdout).toBe('C\nok\n');
  });
});

describe('pool', () => {
  it('never runs more than the limit at once and keeps submission order', async () => {
    const run = pool(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      order.push(n);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return n * 10;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => run(task(n))));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('goes on after a failing task', async () => {
    const run = pool(1);
    const failed = run(() => Promise.reject(new Error('boom')));
    await expect(failed).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });
});

describe('compare', () => {
  it('passes when only normalized values differ', () => {
    const c = compare(
      script,
      result('time=0.05 ms 02:00:00:00:00:01\n'),
      result('time=0.01 ms 0a:00:00:00:00:02\n'),
    );
    expect(c.ok).toBe(true);
    expect(c.report).toBe('');
  });

  it('reports a diff per differing stream and both statuses', () => {
    const c = compare(script, result('a\nb\n', 'err\n', 1), result('a\nc\n', 'err\n', 2));
    expect(c.ok).toBe(false);
    expect(c.report).toContain('--- real/x.sh stdout (normalized)\n+++ podpath/x.sh stdout (normalized)\n');
    expect(c.report).toContain('-b\n+c\n');
    expect(c.report).not.toContain('stderr');
    expect(c.report).toContain('exit status: real 1, podpath 2');
  });
});

describe('discoverScripts and selectScripts', () => {
  const all = discoverScripts();

  it('finds the smoke scripts and the examples', () => {
    const names = all.map((s) => s.name);
    expect(names).toContain('smoke-echo.sh');
    expect(names).toContain('examples/router.sh');
  });

  it.each([
    ['bare name', 'smoke-lo', 'smoke-lo.sh'],
    ['file name', 'smoke-lo.sh', 'smoke-lo.sh'],
    ['example', 'examples/router.sh', 'examples/router.sh'],
    ['path', 'test/conformance/smoke-echo.sh', 'smoke-echo.sh'],
  ])('selects by %s', (_kind, wanted, name) => {
    expect(selectScripts(all, [wanted]).map((s) => s.name)).toEqual([name]);
  });

  it('rejects an unknown name', () => {
    expect(() => selectScripts(all, ['nosuch'])).toThrow('no conformance script named nosuch');
  });
});
