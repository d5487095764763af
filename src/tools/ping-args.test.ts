import { describe, expect, it } from 'vitest';
import { parsePingArgs } from './ping-args.js';
import { formatG, formatRtt, formatStats } from './ping-format.js';
import { inetAton } from './ping.js';

describe('parsePingArgs', () => {
  const errors: { name: string; argv: string[]; stderr: string; status: number }[] = [
    {
      name: 'no destination',
      argv: [],
      stderr: 'ping: usage error: Destination address required\n',
      status: 1,
    },
    {
      name: 'zero count',
      argv: ['-c', '0', 'h'],
      stderr: "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n",
      status: 1,
    },
    { name: 'garbage count', argv: ['-c', 'abc', 'h'], stderr: "ping: invalid argument: 'abc'\n", status: 1 },
    {
      name: 'ttl too big',
      argv: ['-t', '256', 'h'],
      stderr: "ping: invalid argument: '256': out of range: 0 <= value <= 255\n",
      status: 1,
    },
    {
      name: 'negative size',
      argv: ['-s', '-1', 'h'],
      stderr: "ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647\n",
      status: 1,
    },
    { name: 'negative linger', argv: ['-W', '-1', 'h'], stderr: 'ping: bad linger time: -1\n', status: 2 },
    { name: 'count eats the host', argv: ['-c', 'h'], stderr: "ping: invalid argument: 'h'\n", status: 1 },
  ];
  it.each(errors)('$name', ({ argv, stderr, status }) => {
    expect(parsePingArgs(argv)).toEqual({ ok: false, stderr, status });
  });

  it('reports unknown options with usage', () => {
    const r = parsePingArgs(['-x', 'h']);
    expect(!r.ok && r.stderr.startsWith("ping: invalid option -- 'x'\n\nUsage\n")).toBe(true);
  });

  it('permutes options after the destination and joins short flags', () => {
    const r = parsePingArgs([
      '10.0.0.1',
      '-qnc1',
      '-i',
      '0.2',
      '-W',
      '1',
      '-I',
      'eth0',
      '-s',
      '100',
      '-t',
      '5',
    ]);
    expect(r.ok && r.options).toMatchObject({
      host: '10.0.0.1',
      quiet: true,
      numeric: true,
      count: 1,
      interval: 200,
      linger: 1000,
      iface: 'eth0',
      size: 100,
      ttl: 5,
    });
  });

  it('warns about garbage in a float and carries on', () => {
    const r = parsePingArgs(['-i', 'abc', 'h']);
    expect(r.ok && r.warnings).toEqual([
      'ping: option argument contains garbage: abc\n',
      'ping: this will become fatal error in the future\n',
    ]);
  });
});

describe('ping formatting', () => {
  it('formats loss like %g', () => {
    expect([0, 100, 50, 100 / 3, 200 / 3].map(formatG)).toEqual(['0', '100', '50', '33.3333', '66.6667']);
  });

  it('formats rtt with fewer decimals as it grows', () => {
    expect([52, 1234, 12345, 123456].map(formatRtt)).toEqual(['0.052', '1.23', '12.3', '123']);
  });

  it('writes the statistics block', () => {
    const stats = {
      transmitted: 3,
      received: 1,
      errors: 2,
      duplicates: 0,
      rtts: [50],
      pipesize: 3,
      elapsedMs: 2002,
    };
    expect(formatStats('x', stats, true)).toBe(
      '\n--- x ping statistics ---\n3 packets transmitted, 1 received, +2 errors, 66.6667% packet loss, time 2002ms\nrtt min/avg/max/mdev = 0.050/0.050/0.050/0.000 ms, pipe 3\n',
    );
    expect(formatStats('x', { ...stats, received: 0, rtts: [], pipesize: 1 }, true)).toBe(
      '\n--- x ping statistics ---\n3 packets transmitted, 0 received, +2 errors, 100% packet loss, time 2002ms\n\n',
    );
  });

  it('parses addresses like inet_aton', () => {
    expect([inetAton('127.1'), inetAton('10.0.0.300'), inetAton('0x7f.1'), inetAton('1.2.3.4.5')]).toEqual([
      0x7f000001,
      null,
      0x7f000001,
      null,
    ]);
  });
});
