import { describe, expect, it } from 'vitest';
import { tcpNext } from './proto-tcp.js';
import type { TcpState } from './proto-tcp.js';
import type { Dir } from './conn.js';

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const RST = 0x04;

/** Walks the state table along a segment sequence. */
function walk(steps: [Dir, number][]): (TcpState | 'IV' | 'IG')[] {
  let state: TcpState = 'NONE';
  const seen: (TcpState | 'IV' | 'IG')[] = [];
  for (const [dir, flags] of steps) {
    const next = tcpNext(dir, flags, state);
    seen.push(next);
    if (next !== 'IV' && next !== 'IG') state = next;
  }
  return seen;
}

describe('TCP conntrack state table', () => {
  it('follows the three-way handshake and an active close', () => {
    expect(
      walk([
        ['ORIGINAL', SYN],
        ['REPLY', SYN | ACK],
        ['ORIGINAL', ACK],
        ['ORIGINAL', FIN | ACK],
        ['REPLY', ACK],
        ['REPLY', FIN | ACK],
        ['ORIGINAL', ACK],
      ]),
    ).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT']);
  });

  it('picks up a connection mid-stream from an ACK and closes on RST', () => {
    expect(
      walk([
        ['ORIGINAL', ACK],
        ['REPLY', RST],
      ]),
    ).toEqual(['ESTABLISHED', 'CLOSE']);
  });

  it('calls a SYN/ACK without a SYN invalid and ignores a reply ACK to a SYN', () => {
    expect(walk([['ORIGINAL', SYN | ACK]])).toEqual(['IV']);
    expect(
      walk([
        ['ORIGINAL', SYN],
        ['REPLY', ACK],
      ]),
    ).toEqual(['SYN_SENT', 'IG']);
  });

  it('sees a simultaneous open as SYN_SENT2', () => {
    expect(
      walk([
        ['ORIGINAL', SYN],
        ['REPLY', SYN],
      ]),
    ).toEqual(['SYN_SENT', 'SYN_SENT2']);
  });
});
