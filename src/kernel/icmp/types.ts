/** ICMP types and codes (include/uapi/linux/icmp.h). */
export const ICMP = {
  ECHOREPLY: 0,
  DEST_UNREACH: 3,
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ECHO: 8,
  TIME_EXCEEDED: 11,
  PARAMETERPROB: 12,
} as const;

export const UNREACH = {
  NET: 0,
  HOST: 1,
  PROT: 2,
  PORT: 3,
  FRAG_NEEDED: 4,
  NET_ANO: 9,
  HOST_ANO: 10,
  PKT_FILTERED: 13,
} as const;

export const EXC_TTL = 0;
export const REDIR_HOST = 1;

/** NR_ICMP_TYPES. */
export const NR_ICMP_TYPES = 18;

/** icmp_pointers[type].error: the types that report an error about another datagram. */
export function isIcmpError(type: number): boolean {
  return (
    type === ICMP.DEST_UNREACH ||
    type === ICMP.SOURCE_QUENCH ||
    type === ICMP.REDIRECT ||
    type === ICMP.TIME_EXCEEDED ||
    type === ICMP.PARAMETERPROB
  );
}
