import { describe, expect, it } from 'vitest';
import { parsePingArgs } from './ping-args.js';
import { echoPayload } from './ping.js';

describe('ping -p', () => {
  it.each([
    [['-p', 'deadbeef', 'h'], [0xde, 0xad, 0xbe, 0xef], 'PATTERN: 0xdeadbeef\n'],
    [['-p', '123', 'h'], [0x12, 0x03], 'PATTERN: 0x1203\n'],
    [['-p', '', 'h'], [], 'PATTERN: 0x\n'],
    [['-q', '-p', 'ab', 'h'], [0xab], ''],
    // -q given after -p comes too late to silence the line.
    [['-p', 'ab', '-q', 'h'], [0xab], 'PATTERN: 0xab\n'],
    [
      ['-p', '0123456789abcdef0123456789abcdef01', 'h'],
      [...Array(2)].flatMap(() => [1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]),
      'PATTERN: 0x0123456789abcdef0123456789abcdef\n',
    ],
  ])('%j', (argv, pattern, stdout) => {
    const r = parsePingArgs(argv);
    expect(r.ok && { pattern: r.options.pattern, stdout: r.stdout }).toEqual({ pattern, stdout });
  });

  it('refuses non-hex digits, naming the rest of the pattern', () => {
    expect(parsePingArgs(['-p', '41zz', 'h'])).toEqual({
      ok: false,
      stderr: 'ping: patterns must be specified as hex digits: zz\n',
      status: 2,
    });
  });

  it('repeats the pattern over the data after the 16-byte send time', () => {
    const r = parsePingArgs(['-p', 'deadbeef', '-s', '24', 'h']);
    if (!r.ok) throw new Error('parse');
    const data = echoPayload(r.options, 5250);
    expect([...data.subarray(0, 16)]).toEqual([5, 0, 0, 0, 0, 0, 0, 0, 0x90, 0xd0, 0x03, 0, 0, 0, 0, 0]);
    expect([...data.subarray(16)]).toEqual([0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef]);
  });

  it('fills with 0, 1, 2, ... by default and has no timestamp below 16 bytes', () => {
    const r = parsePingArgs(['-s', '4', 'h']);
    if (!r.ok) throw new Error('parse');
    expect([...echoPayload(r.options, 5250)]).toEqual([0, 1, 2, 3]);
  });
});
