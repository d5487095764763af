import type { TcpState } from '../../kernel/socket/tcp.js';

/** ss's socket states (SS_* in misc/ss.c), by bit; UDP's UNCONN is SS_CLOSE. */
export const SS = {
  ESTABLISHED: 1,
  SYN_SENT: 2,
  SYN_RECV: 3,
  FIN_WAIT1: 4,
  FIN_WAIT2: 5,
  TIME_WAIT: 6,
  CLOSE: 7,
  CLOSE_WAIT: 8,
  LAST_ACK: 9,
  LISTEN: 10,
  CLOSING: 11,
} as const;
const SS_MAX = 12;

const bit = (s: number): number => 1 << s;
export const SS_ALL = bit(SS_MAX) - 1;
/** What ss shows without -a or -l. */
export const SS_CONN = SS_ALL & ~(bit(SS.LISTEN) | bit(SS.CLOSE) | bit(SS.TIME_WAIT) | bit(SS.SYN_RECV));

/** The SS_* number of a TCP state. */
export const TCP_SS: Record<TcpState, number> = {
  ESTABLISHED: SS.ESTABLISHED,
  'SYN-SENT': SS.SYN_SENT,
  'SYN-RECV': SS.SYN_RECV,
  'FIN-WAIT-1': SS.FIN_WAIT1,
  'FIN-WAIT-2': SS.FIN_WAIT2,
  'TIME-WAIT': SS.TIME_WAIT,
  CLOSE: SS.CLOSE,
  'CLOSE-WAIT': SS.CLOSE_WAIT,
  'LAST-ACK': SS.LAST_ACK,
  LISTEN: SS.LISTEN,
  CLOSING: SS.CLOSING,
};

/** sstate_name: what the State column prints. */
export const STATE_NAME: Record<number, string> = {
  [SS.ESTABLISHED]: 'ESTAB',
  [SS.SYN_SENT]: 'SYN-SENT',
  [SS.SYN_RECV]: 'SYN-RECV',
  [SS.FIN_WAIT1]: 'FIN-WAIT-1',
  [SS.FIN_WAIT2]: 'FIN-WAIT-2',
  [SS.TIME_WAIT]: 'TIME-WAIT',
  [SS.CLOSE]: 'UNCONN',
  [SS.CLOSE_WAIT]: 'CLOSE-WAIT',
  [SS.LAST_ACK]: 'LAST-ACK',
  [SS.LISTEN]: 'LISTEN',
  [SS.CLOSING]: 'CLOSING',
};

/** sstate_namel: the names `state` and `exclude` take. */
const STATE_WORD: Record<string, number> = {
  established: SS.ESTABLISHED,
  'syn-sent': SS.SYN_SENT,
  'syn-recv': SS.SYN_RECV,
  'fin-wait-1': SS.FIN_WAIT1,
  'fin-wait-2': SS.FIN_WAIT2,
  'time-wait': SS.TIME_WAIT,
  closed: SS.CLOSE,
  'close-wait': SS.CLOSE_WAIT,
  'last-ack': SS.LAST_ACK,
  listening: SS.LISTEN,
  closing: SS.CLOSING,
};

const BUCKET = bit(SS.SYN_RECV) | bit(SS.TIME_WAIT);
const GROUPS: Record<string, number> = {
  all: SS_ALL,
  connected: SS_CONN,
  synchronized: SS_CONN & ~bit(SS.SYN_SENT),
  bucket: BUCKET,
  big: SS_ALL & ~BUCKET,
};

/** scan_state: a state mask, or null for an unknown name ("ss: wrong state name"). */
export function scanState(word: string): number | null {
  const group = GROUPS[word];
  if (group !== undefined) return group;
  const lower = word.toLowerCase();
  return lower in STATE_WORD ? bit(STATE_WORD[lower]) : null;
}
