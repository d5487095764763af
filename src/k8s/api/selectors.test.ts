import { describe, expect, it } from 'vitest';
import { matches, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/team': 'a' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=web,tier=back', false],
    ['tier in (front, back)', true],
    ['tier notin (front)', false],
    ['missing notin (x)', true],
    ['example.com/team', true],
    ['!example.com/team', false],
    ['!missing', true],
    ['app in (web),tier', true],
    ['', true],
  ])('%s matches: %s', (text, expected) => {
    expect(matches(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('rejects keys that are not label keys', () => {
    expect(() => parseLabelSelector('a b')).toThrow(SelectorError);
  });
});

describe('field selectors', () => {
  const fields = { 'metadata.name': 'web-1', 'metadata.namespace': 'default', 'status.phase': 'Pending' };
  it.each([
    ['metadata.name=web-1', true],
    ['metadata.name==web-1,metadata.namespace=default', true],
    ['status.phase!=Running', true],
    ['status.phase!=Pending', false],
  ])('%s matches: %s', (text, expected) => {
    expect(matches(parseFieldSelector(text), fields)).toBe(expected);
  });
});
