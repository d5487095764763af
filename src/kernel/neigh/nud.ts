/** Neighbour Unreachability Detection states (include/uapi/linux/neighbour.h), as bit flags. */
export const NUD = {
  INCOMPLETE: 0x01,
  REACHABLE: 0x02,
  STALE: 0x04,
  DELAY: 0x08,
  PROBE: 0x10,
  FAILED: 0x20,
  NOARP: 0x40,
  PERMANENT: 0x80,
  NONE: 0x00,
} as const;

export type NudState = (typeof NUD)[keyof typeof NUD];

export const NUD_IN_TIMER = NUD.INCOMPLETE | NUD.REACHABLE | NUD.DELAY | NUD.PROBE;
export const NUD_VALID = NUD.PERMANENT | NUD.NOARP | NUD.REACHABLE | NUD.PROBE | NUD.STALE | NUD.DELAY;
export const NUD_CONNECTED = NUD.PERMANENT | NUD.NOARP | NUD.REACHABLE;

/** The names iproute2 prints and parses, in the order `ip neigh` prints combined states. */
export const NUD_NAMES: readonly [NudState, string][] = [
  [NUD.INCOMPLETE, 'INCOMPLETE'],
  [NUD.REACHABLE, 'REACHABLE'],
  [NUD.STALE, 'STALE'],
  [NUD.DELAY, 'DELAY'],
  [NUD.PROBE, 'PROBE'],
  [NUD.FAILED, 'FAILED'],
  [NUD.NOARP, 'NOARP'],
  [NUD.PERMANENT, 'PERMANENT'],
];
