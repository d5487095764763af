import { describe, expect, it } from 'vitest';
import { DEADLOCK_STATUS } from './run.js';
import { printsAsScript, runTestScript } from './testing.js';

const run = runTestScript;

describe('runScript', () => {
  it.each([
    ['echo and status', 'echo hi; exit 3', 'hi\n', '', 3],
    ['command not found', 'nope', '', 't.sh: line 1: nope: command not found\n', 127],
    ['exit status of last command', 'true; false', '', '', 1],
    ['2>&1 into a pipe', 'nope 2>&1 | cat', 't.sh: line 1: nope: command not found\n', '', 0],
    ['stderr to /dev/null', 'nope 2>/dev/null; echo $?', '127\n', '', 0],
    [
      'file redirection stays in memory',
      'echo a > f.txt; echo b >> f.txt; cat f.txt; cat < f.txt',
      'a\nb\na\nb\n',
      '',
      0,
    ],
    [
      'a redirection into a missing directory fails, and writes nothing',
      'echo a > /no-such-dir/f; echo $?; cat /no-such-dir/f 2>/dev/null || echo gone',
      '1\ngone\n',
      't.sh: line 1: /no-such-dir/f: No such file or directory\n',
      0,
    ],
    [
      'a redirection through a file fails: it is not a directory',
      'echo a > f.txt; echo b > f.txt/g; echo $?; echo c >> package.json/x',
      '1\n',
      't.sh: line 1: f.txt/g: Not a directory\nt.sh: line 1: package.json/x: Not a directory\n',
      1,
    ],
    [
      'arrays: elements, "${a[@]}" as fields, indexes of a sparse array',
      'a=(x "y z"); a[5]=w; for e in "${a[@]}"; do echo "[$e]"; done; echo ${#a[@]} ${!a[@]} ${a[-1]}',
      '[x]\n[y z]\n[w]\n3 0 1 5 w\n',
      '',
      0,
    ],
    [
      'local takes a compound assignment in its scope',
      'f() { local v=(1 2); v+=(3); echo "${v[*]}"; }; v=(g); f; echo "${v[@]}"',
      '1 2 3\ng\n',
      '',
      0,
    ],
    [
      'a compound assignment as a plain argument is a syntax error',
      'echo a=(b)',
      '',
      "t.sh: line 1: syntax error near unexpected token `('\nt.sh: line 1: `echo a=(b)'\n",
      2,
    ],
    [
      'a named namespace is a file under /run/netns while it exists',
      'ip netns add n1; [ -f /run/netns/n1 ] && echo yes; echo /var/run/netns/*; ip netns del n1; echo /run/netns/n*',
      'yes\n/var/run/netns/n1\n/run/netns/n*\n',
      '',
      0,
    ],
    [
      'process substitution: a /dev/fd path reading the list output',
      'echo <(true) <(true); while read -r l; do echo "[$l]"; done < <(printf "a\\nb\\n")',
      '/dev/fd/63 /dev/fd/62\n[a]\n[b]\n',
      '',
      0,
    ],
    [
      'mapfile and BASH_REMATCH fill arrays',
      'printf "x\\ny\\n" | { mapfile -t a; echo ${#a[@]} ${a[1]}; }; [[ k=v =~ (.)=(.) ]]; echo ${BASH_REMATCH[2]}',
      '2 y\nv\n',
      '',
      0,
    ],
    [
      'getopts walks grouped options and their arguments',
      'set -- -ab1 -c x; while getopts ab:c o; do echo "$o ${OPTARG-}"; done; echo "$OPTIND ${@:OPTIND}"',
      'a \nb 1\nc \n3 x\n',
      '',
      0,
    ],
    [
      'shopt nullglob drops a word that matches nothing; failglob drops the rest of the line',
      'shopt -s nullglob; echo x /no-such-*; shopt -u nullglob; shopt -s failglob; echo /no-such-*; echo same-line\necho next',
      'x\nnext\n',
      't.sh: line 1: no match: /no-such-*\n',
      0,
    ],
    [
      'type -t names the kind; -f leaves functions out',
      'f() { :; }; type -t f echo if; type -f f; echo $?',
      'function\nbuiltin\nkeyword\n1\n',
      't.sh: line 1: type: f: not found\n',
      0,
    ],
    ['set -e stops', 'set -e; echo a; false; echo b', 'a\n', '', 1],
    [
      'syntax error',
      'echo a\nfi\n',
      'a\n',
      "t.sh: line 2: syntax error near unexpected token `fi'\nt.sh: line 2: `fi'\n",
      2,
    ],
    [
      'bash -c',
      `bash -c 'echo "$0 $1"; nope' name arg`,
      'name arg\n',
      'name: line 1: nope: command not found\n',
      127,
    ],
    ['functions and locals', 'x=1; f() { local x=2; echo $x; }; f; echo $x', '2\n1\n', '', 0],
    ['while read from a pipe', 'printf "a\\nb\\n" | while read l; do echo "<$l>"; done', '<a>\n<b>\n', '', 0],
  ])('%s', printsAsScript);

  it('sleep advances the virtual clock, not the wall clock', async () => {
    const r = await run('sleep 10; sleep 0.5; echo $SECONDS');
    expect(r.stdout).toBe('10\n');
    expect(r.world.clock.now).toBe(10500);
  });

  it('background jobs run while the foreground sleeps', async () => {
    const r = await run(
      '(for i in 1 2 3; do echo "bg $i"; sleep 1; done) &\nsleep 1.5\necho fg\nwait\necho done',
    );
    expect(r.stdout).toBe('bg 1\nbg 2\nfg\nbg 3\ndone\n');
  });

  it('kills background jobs when the script ends', async () => {
    const r = await run('(sleep 1; echo never) &\necho end');
    expect(r.stdout).toBe('end\n');
    expect(r.status).toBe(0);
  });

  it('kill stops a job and wait reports its signal', async () => {
    const r = await run('sleep 100 &\npid=$!\nkill $pid\nwait $pid\necho "status $?"');
    expect(r.stdout).toBe('status 143\n');
  });

  it('head ends an endless producer (SIGPIPE)', async () => {
    const r = await run('(while true; do echo y; sleep 1; done) | head -n 2; echo ${PIPESTATUS[@]}');
    expect(r.stdout).toBe('y\ny\n141 0\n');
  });

  it('a script that waits forever is reported, not hung', async () => {
    const r = await run('sleep infinity');
    expect(r.status).toBe(DEADLOCK_STATUS);
    expect(r.stderr).toContain('deadlock');
  });
});
