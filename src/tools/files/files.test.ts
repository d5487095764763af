import { describe, it } from 'vitest';
import { printsAsScript } from '../../shell/testing.js';

describe('file tools in the run file system', () => {
  it.each([
    [
      'rm removes a written file; -f is quiet about a missing one',
      'echo x > /tmp/podpath-rm; rm /tmp/podpath-rm; cat /tmp/podpath-rm; rm -f /tmp/podpath-rm; echo $?',
      '0\n',
      'cat: /tmp/podpath-rm: No such file or directory\n',
    ],
    [
      'rm hides a host file for the rest of the run, and a later write brings it back',
      'rm package.json; cat package.json; echo new > package.json; cat package.json',
      'new\n',
      'cat: package.json: No such file or directory\n',
    ],
    [
      'rm -r takes a tree, deepest first',
      'mkdir -p /tmp/podpath-rmr/a; echo x > /tmp/podpath-rmr/a/f; rm -rv /tmp/podpath-rmr; echo /tmp/podpath-rm*',
      "removed '/tmp/podpath-rmr/a/f'\nremoved directory '/tmp/podpath-rmr/a'\nremoved directory '/tmp/podpath-rmr'\n/tmp/podpath-rm*\n",
      '',
    ],
    [
      'rm refuses a directory without -r or -d, and a non-empty one with -d',
      'mkdir -p /tmp/podpath-rmd/x; rm /tmp/podpath-rmd; rm -d /tmp/podpath-rmd; echo $?',
      '1\n',
      "rm: cannot remove '/tmp/podpath-rmd': Is a directory\nrm: cannot remove '/tmp/podpath-rmd': Directory not empty\n",
    ],
    [
      'touch makes an empty file and keeps an existing one',
      'touch /tmp/podpath-t; wc -c < /tmp/podpath-t; echo x > /tmp/podpath-t; touch /tmp/podpath-t; cat /tmp/podpath-t',
      '0\nx\n',
      '',
    ],
    [
      'tee copies to stdout and its files, skipping one it cannot open',
      'echo hi | tee /tmp/podpath-tee /no-such-dir/x; echo $?; cat /tmp/podpath-tee',
      'hi\n1\nhi\n',
      'tee: /no-such-dir/x: No such file or directory\n',
    ],
    [
      'basename and dirname',
      'basename /a/b.sh .sh; basename -a /x/ /; dirname a/b/ /a a',
      'b\nx\n/\na\n/\n.\n',
      '',
    ],
    [
      'ls lists names sorted, one a line, directories after files with headers',
      'mkdir -p /tmp/podpath-ls/d; echo x > /tmp/podpath-ls/b; echo y > /tmp/podpath-ls/.h; ls /tmp/podpath-ls; ls -A /tmp/podpath-ls/b /tmp/podpath-ls',
      'b\nd\n/tmp/podpath-ls/b\n\n/tmp/podpath-ls:\n.h\nb\nd\n',
      '',
    ],
    [
      'ls refuses what needs modes, sizes or times',
      'ls -l /tmp; echo $?',
      '2\n',
      "podpath: ls -l is not emulated (the run's files keep no modes, sizes or times)\n",
    ],
    ['id and whoami: root', 'id; id -un; whoami', 'uid=0(root) gid=0(root) groups=0(root)\nroot\nroot\n', ''],
  ])('%s', printsAsScript);
});
