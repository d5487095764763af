import { describe, expect, it } from 'vitest';
import { Rng } from '../../kernel/rng.js';
import { cniChainName, cniComment, randomContainerID, randomVethName } from './names.js';

describe('CNI names', () => {
  it.each([
    // Expected values computed independently (Python hashlib), as FormatChainName does.
    [
      'cbr0',
      '3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39',
      'CNI-bccd9fdc2dca51665c895b42',
    ],
    ['mynet', 'dummy', 'CNI-1b29d9511ed2bb3134d925d5'],
  ])('FormatChainName(%s, %s) is CNI- and the first 24 hex digits of sha512(name+id)', (net, id, chain) => {
    expect(cniChainName(net, id)).toBe(chain);
  });

  it('FormatComment quotes name and id as Go %q does', () => {
    expect(cniComment('cbr0', 'abc')).toBe('name: "cbr0" id: "abc"');
  });

  it('names a host veth veth + 8 hex digits and a container 64', () => {
    const rng = new Rng(1);
    expect(randomVethName(rng)).toMatch(/^veth[0-9a-f]{8}$/);
    expect(randomContainerID(rng)).toMatch(/^[0-9a-f]{64}$/);
  });
});
