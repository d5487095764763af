import { describe, expect, it } from 'vitest';
import { matchPattern } from './pattern.js';

// Expectations recorded from bash 5.2 `case` on this machine.
const cases: { name: string; pattern: string; text: string; matches: boolean }[] = [
  { name: 'space matches a blank', pattern: '[[:space:]]', text: ' ', matches: true },
  { name: 'space does not match t', pattern: '[[:space:]]', text: 't', matches: false },
  { name: 'space does not match a backslash', pattern: '[[:space:]]', text: '\\', matches: false },
  { name: 'punct matches a backslash', pattern: '[[:punct:]]', text: '\\', matches: true },
  { name: 'punct matches a backquote', pattern: '[[:punct:]]', text: '`', matches: true },
  { name: 'punct does not match a letter', pattern: '[[:punct:]]', text: 'a', matches: false },
  { name: 'print matches a letter', pattern: '[[:print:]]', text: 'a', matches: true },
  { name: 'graph does not match a blank', pattern: '[[:graph:]]', text: ' ', matches: false },
  { name: 'cntrl matches \\x01', pattern: '[[:cntrl:]]', text: '\x01', matches: true },
  { name: 'cntrl does not match x', pattern: '[[:cntrl:]]', text: 'x', matches: false },
  { name: 'word matches an underscore', pattern: '[[:word:]]', text: '_', matches: true },
  { name: 'class next to literals', pattern: '[x[:digit:]]', text: 'x', matches: true },
  { name: 'negated class', pattern: '[![:digit:]]', text: '5', matches: false },
];

describe('matchPattern character classes', () => {
  it.each(cases)('$name', ({ pattern, text, matches }) => {
    expect(matchPattern(text, [{ text: pattern, quoted: false }])).toBe(matches);
  });
});
