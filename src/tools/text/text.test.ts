import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';
import { printsAsScript } from '../../shell/testing.js';

// Loads the module first: runTool's clock loop does not wait for module loading.
const tool = async (argv: string[], stdin = '') => (
  await findCommand(argv[0]),
  runTool(new World(), argv, { stdin })
);

describe('text filters', () => {
  it.each([
    ['grep -c', ['grep', '-c', 'a'], 'a\nb\na\n', 'a\nb\na\n'.length && '2\n', 0],
    ['grep no match', ['grep', 'z'], 'a\n', '', 1],
    ['grep -E alternation', ['grep', '-E', 'a|c'], 'a\nb\nc\n', 'a\nc\n', 0],
    ['grep BRE group', ['grep', '-o', '\\(ab\\)\\{2\\}'], 'xababx\n', 'abab\n', 0],
    ['grep -v -n', ['grep', '-vn', 'b'], 'a\nb\nc\n', '1:a\n3:c\n', 0],
    ['sed s///g', ['sed', 's/o/0/g'], 'foo\n', 'f00\n', 0],
    ['sed -n range p', ['sed', '-n', '2,3p'], '1\n2\n3\n4\n', '2\n3\n', 0],
    ['sed regex delete', ['sed', '/^#/d'], '#c\nx\n', 'x\n', 0],
    ['sed -E groups', ['sed', '-E', 's/([a-z]+)=([0-9]+)/\\2 \\1/'], 'k=1\n', '1 k\n', 0],
    ['sort -n -r', ['sort', '-rn'], '2\n10\n1\n', '10\n2\n1\n', 0],
    ['sort -t -k', ['sort', '-t:', '-k2,2n'], 'a:3\nb:1\nc:2\n', 'b:1\nc:2\na:3\n', 0],
    ['uniq -c', ['uniq', '-c'], 'a\na\nb\n', '      2 a\n      1 b\n', 0],
    ['wc -l of stdin', ['wc', '-l'], 'a\nb\n', '2\n', 0],
    ['wc of stdin', ['wc'], 'a b\n', '      1       2       4\n', 0],
    ['head -n', ['head', '-n', '2'], '1\n2\n3\n', '1\n2\n', 0],
    ['head -N', ['head', '-1'], '1\n2\n', '1\n', 0],
    ['tail -n +2', ['tail', '-n', '+2'], '1\n2\n3\n', '2\n3\n', 0],
    ['cut -d -f', ['cut', '-d:', '-f1,3'], 'a:b:c\n', 'a:c\n', 0],
    ['cut -c range', ['cut', '-c2-3'], 'abcd\n', 'bc\n', 0],
    ['tr ranges', ['tr', 'a-z', 'A-Z'], 'hi\n', 'HI\n', 0],
    ['tr -s -d', ['tr', '-s', ' '], 'a   b\n', 'a b\n', 0],
    ['seq', ['seq', '2', '4'], '', '2\n3\n4\n', 0],
    ['cat -n', ['cat', '-n'], 'a\nb\n', '     1\ta\n     2\tb\n', 0],
    // Measured with coreutils 9.1 on the same text (é as its UTF-8 bytes there).
    [
      'cat -A',
      ['cat', '-A'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '$\n$\n$\na^Ib^A^?$\n$\n$\n$\nc M-CM-)$\n$\nd',
      0,
    ],
    [
      'cat -b',
      ['cat', '-b'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '\n\n\n     1\ta\tb\u0001\x7f\n\n\n\n     2\tc é\n\n     3\td',
      0,
    ],
    ['cat -s', ['cat', '-s'], '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd', '\na\tb\u0001\x7f\n\nc é\n\nd', 0],
    [
      'cat -sn',
      ['cat', '-sn'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '     1\t\n     2\ta\tb\u0001\x7f\n     3\t\n     4\tc é\n     5\t\n     6\td',
      0,
    ],
    [
      'cat -bE',
      ['cat', '-bE'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '$\n$\n$\n     1\ta\tb\u0001\x7f$\n$\n$\n$\n     2\tc é$\n$\n     3\td',
      0,
    ],
    [
      'cat -e',
      ['cat', '-e'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '$\n$\n$\na\tb^A^?$\n$\n$\n$\nc M-CM-)$\n$\nd',
      0,
    ],
    [
      'cat -t',
      ['cat', '-t'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '\n\n\na^Ib^A^?\n\n\n\nc M-CM-)\n\nd',
      0,
    ],
    [
      'cat -v',
      ['cat', '-v'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '\n\n\na\tb^A^?\n\n\n\nc M-CM-)\n\nd',
      0,
    ],
    [
      'cat -ET',
      ['cat', '-ET'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '$\n$\n$\na^Ib\u0001\x7f$\n$\n$\n$\nc é$\n$\nd',
      0,
    ],
    [
      'cat -nA',
      ['cat', '-nA'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '     1\t$\n     2\t$\n     3\t$\n     4\ta^Ib^A^?$\n     5\t$\n     6\t$\n     7\t$\n     8\tc M-CM-)$\n     9\t$\n    10\td',
      0,
    ],
    [
      'cat -n',
      ['cat', '-n'],
      '\n\n\na\tb\u0001\x7f\n\n\n\nc é\n\nd',
      '     1\t\n     2\t\n     3\t\n     4\ta\tb\u0001\x7f\n     5\t\n     6\t\n     7\t\n     8\tc é\n     9\t\n    10\td',
      0,
    ],
  ])('%s', async (_name, argv, stdin, stdout, status) => {
    const r = await tool(argv as string[], stdin as string);
    expect(r.stdout).toBe(stdout);
    expect(r.status).toBe(status);
  });
});

describe('awk', () => {
  it.each([
    ['fields and NF', '{ print $2, NF }', 'a b c\n', 'b 3\n'],
    ['BEGIN/END and sums', 'BEGIN { n = 0 } { n += $1 } END { print n }', '1\n2\n3\n', '6\n'],
    ['regex pattern', '/x/ { print NR": "$0 }', 'a\nxb\n', '2: xb\n'],
    ['arrays and for-in', '{ c[$1]++ } END { for (k in c) print k, c[k] }', 'a\nb\na\n', 'a 2\nb 1\n'],
    [
      'split and substr',
      '{ n = split($0, p, ":"); print n, p[2], substr($0, 3, 2) }',
      'ab:cd:ef\n',
      '3 cd :c\n',
    ],
    ['printf', '{ printf "%-4s|%3d|%.1f\\n", $1, $2, $3 }', 'x 5 2.25\n', 'x   |  5|2.2\n'],
    ['gsub and toupper', '{ gsub(/o/, "0"); print toupper($0) }', 'foo\n', 'F00\n'],
    [
      'comparison of numeric strings',
      '$1 > 9 { print "big" } $1 < 9 { print "small" }',
      '10\n2\n',
      'big\nsmall\n',
    ],
    ['ternary and concatenation', '{ print ($1 % 2 ? "odd" : "even") "-" $1 }', '3\n', 'odd-3\n'],
    ['user function', 'function sq(x) { return x * x } { print sq($1) }', '7\n', '49\n'],
    ['while and ++', '{ i = 0; while (i < 3) { s = s i; i++ } print s }', 'x\n', '012\n'],
    ['field assignment rebuilds $0', '{ $3 = "z"; print; print NF }', 'a b\n', 'a b z\n3\n'],
  ])('%s', async (_name, program, stdin, stdout) => {
    const r = await tool(['awk', program], stdin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(stdout);
  });

  it('-F and -v', async () => {
    const r = await tool(['awk', '-F:', '-v', 'p=>', '{ print p $2 }'], 'a:b\n');
    expect(r.stdout).toBe('>b\n');
  });
});

describe('uniq INPUT OUTPUT and -z', () => {
  it.each([
    [
      'writes OUTPUT instead of stdout',
      "printf 'a\\na\\nb\\n' | uniq - out; echo $?; cat out",
      '0\na\nb\n',
      '',
    ],
    ['takes - as stdout', "printf 'x\\nx\\n' | uniq - -", 'x\n', ''],
    [
      'refuses a third operand',
      "printf 'a\\n' | uniq - out extra; echo $?",
      '1\n',
      "uniq: extra operand 'extra'\nTry 'uniq --help' for more information.\n",
    ],
    [
      'ends lines with NUL under -z',
      "printf 'a\\0a\\0b' | uniq -zc | tr '\\0' '|'",
      '      2 a|      1 b|',
      '',
    ],
  ])('%s', printsAsScript);
});

describe('sort -o and -c', () => {
  it.each([
    [
      'writes -o FILE once the input is read',
      "printf 'b\\na\\n' | sort -o out; echo $?; cat out",
      '0\na\nb\n',
      '',
    ],
    [
      'reports the first line out of order',
      "printf 'a\\nc\\nb\\n' | sort -c; echo $?",
      '1\n',
      'sort: -:3: disorder: b\n',
    ],
    ['says nothing with -C', "printf 'b\\na\\n' | sort -C; echo $?", '1\n', ''],
    [
      'takes equal lines as out of order with -u',
      "printf 'a\\na\\n' | sort -cu; echo $?",
      '1\n',
      'sort: -:2: disorder: a\n',
    ],
  ])('%s', printsAsScript);
});

describe('directories: grep -r, mkdir, and a directory given to a text tool', () => {
  it.each([
    [
      'grep -r names the files of the tree it walks, in name order',
      'mkdir -p /tmp/podpath-grep-r/b /tmp/podpath-grep-r/a; echo x > /tmp/podpath-grep-r/b/f; echo x > /tmp/podpath-grep-r/a/g; echo y > /tmp/podpath-grep-r/h\ngrep -r x /tmp/podpath-grep-r; grep -rc x /tmp/podpath-grep-r/a',
      '/tmp/podpath-grep-r/a/g:x\n/tmp/podpath-grep-r/b/f:x\n/tmp/podpath-grep-r/a/g:1\n',
      '',
    ],
    [
      'grep reads a directory operand as an error and an empty file',
      'mkdir /tmp/podpath-dir; grep -c x /tmp/podpath-dir; echo $?; grep -d skip x /tmp/podpath-dir; echo $?',
      '0\n2\n1\n',
      'grep: /tmp/podpath-dir: Is a directory\n',
    ],
    [
      'mkdir -p makes the missing ancestors; without it a missing parent is ENOENT',
      'mkdir /tmp/podpath-mk/q; echo $?; mkdir -pv /tmp/podpath-mk/q; mkdir /tmp/podpath-mk/q; echo $?',
      "1\nmkdir: created directory '/tmp/podpath-mk'\nmkdir: created directory '/tmp/podpath-mk/q'\n1\n",
      "mkdir: cannot create directory '/tmp/podpath-mk/q': No such file or directory\nmkdir: cannot create directory '/tmp/podpath-mk/q': File exists\n",
    ],
    [
      'text tools say a directory is one, each in its words',
      'cat /tmp; wc -l /tmp; head -1 /tmp; sort /tmp; echo $?; uniq /tmp; cut -c1 /tmp',
      '0 /tmp\n2\n',
      "cat: /tmp: Is a directory\nwc: /tmp: Is a directory\nhead: error reading '/tmp': Is a directory\nsort: read failed: /tmp: Is a directory\nuniq: error reading '/tmp'\ncut: /tmp: Is a directory\n",
    ],
  ])('%s', printsAsScript);
});
