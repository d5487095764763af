import { describe, expect, it } from 'vitest';
import { icmpSocketError } from './err-convert.js';
import { ICMP, UNREACH } from './types.js';

describe('icmpSocketError (icmp_err_convert)', () => {
  it.each([
    [
      'port unreachable is a hard ECONNREFUSED',
      ICMP.DEST_UNREACH,
      UNREACH.PORT,
      { errno: 'ECONNREFUSED', fatal: true },
    ],
    [
      'host unreachable is a soft EHOSTUNREACH',
      ICMP.DEST_UNREACH,
      UNREACH.HOST,
      { errno: 'EHOSTUNREACH', fatal: false },
    ],
    [
      'net unreachable is a soft ENETUNREACH',
      ICMP.DEST_UNREACH,
      UNREACH.NET,
      { errno: 'ENETUNREACH', fatal: false },
    ],
    [
      'host prohibited is a hard EHOSTUNREACH',
      ICMP.DEST_UNREACH,
      UNREACH.HOST_ANO,
      { errno: 'EHOSTUNREACH', fatal: true },
    ],
    [
      'admin prohibited is a hard EHOSTUNREACH',
      ICMP.DEST_UNREACH,
      UNREACH.PKT_FILTERED,
      { errno: 'EHOSTUNREACH', fatal: true },
    ],
    ['time exceeded is a soft EHOSTUNREACH', ICMP.TIME_EXCEEDED, 0, { errno: 'EHOSTUNREACH', fatal: false }],
  ])('%s', (_name, type, code, expected) => {
    expect(icmpSocketError(type, code)).toEqual(expected);
  });

  it('a redirect is no error for a socket', () => {
    expect(icmpSocketError(ICMP.REDIRECT, 1)).toBeNull();
  });
});
