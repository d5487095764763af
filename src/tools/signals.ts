/** Signal numbers by name (without SIG), as `kill -l` numbers them on x86-64 Linux. */
export const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
};

/** A signal as `kill -s`, `trap` and `timeout -s` take it: a number, or a name with or without SIG. */
export function parseSignal(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const name = text.toUpperCase().replace(/^SIG/, '');
  return SIGNALS[name] ?? null;
}
