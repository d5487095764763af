import { describe, expect, it } from 'vitest';
import { CowEntries } from './sysctl-cow.js';

const defaults = new Map([
  ['a', '1'],
  ['mtu', '1280'],
  ['b', '2'],
]);

describe('CowEntries', () => {
  it('a copy with changes reads them over the base, in the order a copied map would keep', () => {
    const c = CowEntries.over(defaults).copyWith([
      ['mtu', '1500'],
      ['new', 'x'],
    ]);
    expect([...c]).toEqual([
      ['a', '1'],
      ['mtu', '1500'],
      ['b', '2'],
      ['new', 'x'],
    ]);
    expect(c.size).toBe(4);
    expect([...CowEntries.over(defaults)]).toEqual([...defaults]);
  });

  it('copies made with the same changes are independent once written', () => {
    const dflt = CowEntries.over(defaults);
    const x = dflt.copyWith([['mtu', '1500']]);
    const y = dflt.copyWith([['mtu', '1500']]);
    x.set('a', '9');
    expect(x.get('a')).toBe('9');
    expect(y.get('a')).toBe('1');
    expect(y.get('mtu')).toBe('1500');
  });

  it('a copy of written entries keeps the writes and applies its changes on top', () => {
    const dflt = CowEntries.over(defaults);
    dflt.set('mtu', '1400').set('b', '3');
    const c = dflt.copyWith([['mtu', '9000']]);
    expect(c.get('mtu')).toBe('9000');
    expect(c.get('b')).toBe('3');
    dflt.set('b', '4');
    expect(c.get('b')).toBe('3');
  });
});
