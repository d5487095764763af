import { describe, expect, it } from 'vitest';
import { runTestScript } from './testing.js';

const run = runTestScript;

// bash 5.2 running a script (no job control), measured.
describe('jobs in a script', () => {
  it('lists running jobs as bash prints them back, newest current (+), the one before previous (-)', async () => {
    const r = await run('sleep 1 &\nsleep 1 | cat &\n(sleep 0.2; exit 3) &\n{ sleep 0.1; true; } &\njobs\n');
    expect(r.stdout).toBe(
      '[1]   Running                 sleep 1 &\n' +
        '[2]   Running                 sleep 1 | cat &\n' +
        '[3]-  Running                 ( sleep 0.2; exit 3 ) &\n' +
        '[4]+  Running                 { sleep 0.1; true; } &\n',
    );
  });

  it('reports an ended job once (Done, Exit N, without the &), then forgets it', async () => {
    const r = await run('sleep 1 &\n(sleep 0.1; exit 3) &\nsleep 0.2\njobs\necho --\njobs\n');
    expect(r.stdout).toBe(
      '[1]-  Running                 sleep 1 &\n' +
        '[2]+  Exit 3                  ( sleep 0.1; exit 3 )\n' +
        '--\n' +
        '[1]+  Running                 sleep 1 &\n',
    );
  });

  it('-n lists only ended jobs, -r only running ones, -p pids', async () => {
    const r = await run(
      'sleep 1 &\ntrue_=1 sleep 0.1 &\nsleep 0.2\njobs -r\njobs -n\njobs -n\n[ "$(jobs -p)" = "$(jobs -p %1)" ] && echo one',
    );
    expect(r.stdout).toBe(
      '[1]-  Running                 sleep 1 &\n' +
        '[2]+  Done                    true_=1 sleep 0.1\n' +
        'one\n',
    );
  });

  it('forgets a job killed by a signal without a word', async () => {
    const r = await run('sleep 1 &\nsleep 1 &\nkill %1\nsleep 0.1\njobs\n');
    expect(r.stdout).toBe('[2]+  Running                 sleep 1 &\n');
  });

  it('prints one line per pipeline stage with -l', async () => {
    const r = await run('sleep 1 | cat &\njobs -l\n');
    expect(r.stdout).toMatch(/^\[1\]\+ +\d+ Running {17}sleep 1\n +\d+ {23}\| cat &\n$/);
  });

  it('keeps its words as written and lays out compound commands as bash does', async () => {
    const r = await run(
      'echo \'a b\' "c $HOME" \\d > /dev/null 2>&1; sleep 1 &\nif true; then sleep 1; fi &\njobs\n',
    );
    expect(r.stdout).toBe(
      '[1]-  Running                 sleep 1 &\n' +
        '[2]+  Running                 if true; then\n    sleep 1;\nfi &\n',
    );
  });

  it('sees the jobs in $(...) and in a pipeline, not in ( ... )', async () => {
    const r = await run('sleep 1 &\necho "$(jobs | wc -l) $(jobs -p | wc -l)"\n( jobs ) | wc -l\n');
    expect(r.stdout).toBe('1 1\n0\n');
  });

  it('fails on an unknown or ambiguous job spec and an unknown option', async () => {
    const r = await run('sleep 1 &\nsleep 1 &\njobs %9; echo $?\njobs %sleep\njobs -q; echo $?\n');
    expect(r.stdout).toBe('1\n2\n');
    expect(r.stderr).toBe(
      't.sh: line 3: jobs: %9: no such job\n' +
        't.sh: line 4: jobs: sleep: ambiguous job spec\n' +
        't.sh: line 4: jobs: %sleep: no such job\n' +
        't.sh: line 5: jobs: -q: invalid option\n' +
        'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n',
    );
  });
});

describe('endless devices', () => {
  it.each([
    ['head -c on /dev/zero stops after N bytes', 'head -c 8 /dev/zero | wc -c', '8\n'],
    ['head -c on a redirected /dev/zero', 'head -c 3 < /dev/zero | tr "\\0" x; echo', 'xxx\n'],
    ['tr upstream of head ends by SIGPIPE', 'tr "\\0" "\\n" < /dev/zero | head -n 2 | wc -c', '2\n'],
    [
      'cat /dev/zero ends by SIGPIPE',
      'set -o pipefail; cat /dev/zero | head -c 1 >/dev/null; echo $?',
      '141\n',
    ],
    ['/dev/urandom gives as many bytes as asked', 'head -c 1000 /dev/urandom | wc -c', '1000\n'],
  ])('%s', async (_name, source, stdout) => {
    expect((await run(source)).stdout).toBe(stdout);
  });
});
