import { describe, expect, it } from 'vitest';
import { checkOptions, formatG, parseTracerouteArgv, strtoul } from './args.js';

const parse = (line: string) => parseTracerouteArgv(line.split(' ').filter(Boolean));
const error = (line: string): string => {
  const r = parse(line);
  if (r.ok === true) return checkOptions(r.options) ?? 'ok';
  return r.ok === false ? r.stderr.trimEnd() : r.ok;
};

describe('traceroute arguments', () => {
  it.each([
    ['-q 0 1.2.3.4', 'no more than 10 probes per hop'],
    ['-q abc 1.2.3.4', "Cannot handle `-q' option with arg `abc' (argc 2)"],
    ['-q', "Option `-q' (argc 1) requires an argument: `-q nqueries'"],
    ['-qq 1.2.3.4', "Cannot handle `-q' option with arg `q' (argc 1)"],
    ['-m -1 1.2.3.4', 'max hops cannot be more than 255'],
    ['-f 5 -m 3 1.2.3.4', 'first hop out of range'],
    ['-w -1 1.2.3.4', "bad wait specifications `-1,0,0' used"],
    ['-w 1,2,x 1.2.3.4', "Cannot handle `-w' option with arg `1,2,x' (argc 2)"],
    ['-w 1,2,3,4 1.2.3.4', "Cannot handle `-w' option with arg `1,2,3,4' (argc 2)"],
    ['-q3 -n 1.2.3.4 -x', "Bad option `-x' (argc 4)"],
    ['--foo 1.2.3.4', "Bad option `--foo' (argc 1)"],
    ['-M foo 1.2.3.4', 'Unknown traceroute module foo'],
    ['-n', 'Specify "host" missing argument.'],
    ['1.2.3.4 70000', 'too big packetlen 70000 specified'],
    ['1.2.3.4 abc', 'Cannot handle "packetlen" cmdline arg `abc\' on position 2 (argc 2)'],
    ['1.2.3.4 40 extra', "Extra arg `extra' (position 3, argc 3)"],
    ['-V', 'version'],
    ['', 'help'],
    ['-nI -m0x3 -w 2,1 1.2.3.4', 'ok'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('-w MAX alone turns off the HERE and NEAR factors', () => {
    const r = parse('-w 2 1.2.3.4');
    expect(r.ok === true && [r.options.waitSecs, r.options.hereFactor, r.options.nearFactor]).toEqual([
      2, 0, 0,
    ]);
  });

  it('reads numbers as strtoul(…, 0) does', () => {
    expect([strtoul('0x10'), strtoul('010'), strtoul('-1'), strtoul('1.5')]).toEqual([
      16,
      8,
      4294967295,
      null,
    ]);
    expect([formatG(-1), formatG(0.5), formatG(1e7)]).toEqual(['-1', '0.5', '1e+07']);
  });
});
