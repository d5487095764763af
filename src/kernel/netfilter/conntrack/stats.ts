/**
 * struct ip_conntrack_stat: the per-CPU counters `conntrack -S` shows, in
 * ctnetlink's CTA_STATS_* order. The emulated machine counts everything on
 * CPU 0 of NR_CPUS (a real kernel spreads them over the CPUs its packets
 * ran on, so only the sums over CPUs compare with a real run).
 */
export const CT_STAT_NAMES = [
  'found',
  'invalid',
  'insert',
  'insert_failed',
  'drop',
  'early_drop',
  'error',
  'search_restart',
  'clash_resolve',
  'chaintoolong',
] as const;
export type CtStatName = (typeof CT_STAT_NAMES)[number];
export type CtStats = Record<CtStatName, number>;

/** The CPUs of the emulated machine: as many as the reference machine and CI have. */
export const NR_CPUS = 2;

export const emptyStats = (): CtStats => Object.fromEntries(CT_STAT_NAMES.map((n) => [n, 0])) as CtStats;
