import { describe, expect, it } from 'vitest';
import { parseNcArgs, USAGE } from './args.js';

describe('nc arguments', () => {
  it.each([
    ['no operands print the usage', [], USAGE],
    ['-l without a port', ['-l'], 'nc: missing port number\n'],
    ['a host without a port', ['10.0.0.2'], 'nc: missing port number\n'],
    ['a port too large', ['h', '99999'], 'nc: port number too large: 99999\n'],
    ['a port that is not a number', ['h', 'abc'], 'nc: port number invalid: abc\n'],
    ['-z with -l', ['-z', '-l', '-p', '80'], 'nc: cannot use -z and -l\n'],
    ['-k without -l', ['-k', 'h', '80'], 'nc: must use -l with -k\n'],
    ['a bad -w', ['-w', 'x', 'h', '80'], 'nc: timeout invalid: x\n'],
    ['a bad -q', ['-q', 'x', 'h', '80'], 'nc: quit timer invalid: x\n'],
    ['an unknown option', ['-y'], `nc: invalid option -- 'y'\n${USAGE}`],
    ['-l -p with a positional port', ['-l', '-p', '80', '10.0.0.1'], USAGE],
  ])('%s', (_name, argv, stderr) => {
    const r = parseNcArgs(argv);
    expect(r).toEqual({ ok: false, stderr, status: 1 });
  });

  it('reads options after operands and port ranges', () => {
    const r = parseNcArgs(['10.0.0.2', '80-82', '-zvw1']);
    expect(r.ok && r.options).toMatchObject({
      host: '10.0.0.2',
      ports: [80, 81, 82],
      zero: true,
      verbose: true,
      timeoutMs: 1000,
    });
  });

  it('takes service names of the protocol for ports and -p, and ranges only from a digit', () => {
    const services = { 'http-alt/tcp': 8080, 'ssh/tcp': 22 } as Record<string, number>;
    const lookup = (name: string, proto: string) => services[`${name}/${proto}`] ?? null;
    const r = parseNcArgs(['-p', 'ssh', 'h', '21', 'http-alt'], lookup);
    expect(r.ok && r.options).toMatchObject({ ports: [21, 8080], sourcePort: 22 });
    expect(parseNcArgs(['-u', 'h', 'http-alt'], lookup)).toMatchObject({
      stderr: 'nc: port number invalid: http-alt\n',
    });
    expect(parseNcArgs(['h', 'ssh-http-alt'], lookup)).toMatchObject({
      stderr: 'nc: port number invalid: ssh-http-alt\n',
    });
  });

  it('listens on -p PORT or a single operand', () => {
    const a = parseNcArgs(['-l', '-p', '8080']);
    const b = parseNcArgs(['-lk', '8080']);
    expect(a.ok && a.options.ports).toEqual([8080]);
    expect(b.ok && b.options).toMatchObject({ ports: [8080], keep: true, listen: true });
  });
});
