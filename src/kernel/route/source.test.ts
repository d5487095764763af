import { describe, expect, it } from 'vitest';
import { parseIPv4 } from '../../net/ipv4.js';
import { FibLab } from './test-lab.js';
import { inetSelectAddr } from './source.js';
import { RT_SCOPE_LINK, RT_SCOPE_UNIVERSE } from './route.js';

const ip = (s: string): number => parseIPv4(s)!;

describe('inetSelectAddr', () => {
  const l = new FibLab();
  const d0 = l.link('d0');
  const d1 = l.link('d1');
  l.up(d0);
  l.up(d1);
  l.addr('d0', '10.0.0.1/24');
  l.addr('d0', '11.0.0.1/24');
  l.addr('d0', '10.0.0.2/24');
  l.addr('d1', '169.254.1.1/16', 'link');
  it.each([
    ['the first primary', d0, '0.0.0.0', RT_SCOPE_UNIVERSE, '10.0.0.1'],
    ['the primary of the destination subnet', d0, '11.0.0.9', RT_SCOPE_UNIVERSE, '11.0.0.1'],
    ['another device when this one has no suitable address', d1, '0.0.0.0', RT_SCOPE_UNIVERSE, '10.0.0.1'],
    ['a link-scope address for a link-scope route', d1, '0.0.0.0', RT_SCOPE_LINK, '169.254.1.1'],
  ])('picks %s', (_name, dev, dst, scope, want) => {
    expect(inetSelectAddr(l.ns, dev, ip(dst), scope)).toBe(ip(want));
  });
});
