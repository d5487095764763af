import { describe, expect, it } from 'vitest';
import { echoEscapes, printf } from './printf.js';

// Expectations recorded from bash 5.2's printf builtin on this machine.
const cases: { name: string; format: string; args: string[]; output: string }[] = [
  { name: '%g switches to exponent after rounding up', format: '%g', args: ['999999.5'], output: '1e+06' },
  { name: '%G upper-cases the exponent', format: '%G', args: ['999999.5'], output: '1E+06' },
  {
    name: '%g stays fixed when rounding reaches 1e-4',
    format: '%g',
    args: ['0.000099999995'],
    output: '0.0001',
  },
  { name: 'format octal without a leading zero', format: '\\101\\0101', args: [], output: 'A\x081' },
  { name: 'format quote escapes', format: '\\"\\?\\q', args: [], output: '"?\\q' },
  {
    name: '%b octal with and without the zero, then \\c',
    format: '%b|',
    args: ['\\0101\\101\\c y'],
    output: 'AA',
  },
];

describe('printf', () => {
  it.each(cases)('$name', ({ format, args, output }) => {
    expect(printf(format, args).output).toBe(output);
  });
});

describe('echoEscapes', () => {
  it('takes octal only after \\0 and stops at \\c', () => {
    expect(echoEscapes('a\\0101\\101\\x41\\c zz')).toEqual({ text: 'aA\\101A', stop: true });
  });
});
