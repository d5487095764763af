import type { IPv4 } from '../../../net/ipv4.js';
import type { XtModule } from '../types.js';

/** struct nf_nat_range2 (IPv4): flags spelled out. */
export interface NatRange {
  /** NF_NAT_RANGE_MAP_IPS. */
  readonly mapIps: boolean;
  readonly minIp: IPv4;
  readonly maxIp: IPv4;
  /** NF_NAT_RANGE_PROTO_SPECIFIED. */
  readonly protoSpecified: boolean;
  readonly minProto: number;
  readonly maxProto: number;
  /** NF_NAT_RANGE_PROTO_RANDOM. */
  readonly random: boolean;
  /** NF_NAT_RANGE_PROTO_RANDOM_FULLY. */
  readonly randomFully: boolean;
  /** NF_NAT_RANGE_PERSISTENT. */
  readonly persistent: boolean;
}

/** The range a DNAT/SNAT/MASQUERADE/REDIRECT rule carries (the iptables parser's data). */
export function rangeOf(t: XtModule): NatRange {
  const d = t.data;
  const r = d.range as { min: IPv4; max: IPv4; ports?: [number, number] } | undefined;
  const ports = r?.ports ?? (d.ports as [number, number] | undefined);
  return {
    mapIps: r !== undefined,
    minIp: r?.min ?? 0,
    maxIp: r?.max ?? 0,
    protoSpecified: ports !== undefined,
    minProto: ports?.[0] ?? 0,
    maxProto: ports?.[1] ?? 0,
    random: Boolean(d.random),
    randomFully: Boolean(d.fully),
    persistent: Boolean(d.persistent),
  };
}

/** A range of one address and any port (a null binding, MASQUERADE's chosen source). */
export const addressRange = (ip: IPv4, base?: NatRange): NatRange => ({
  mapIps: true,
  minIp: ip,
  maxIp: ip,
  protoSpecified: base?.protoSpecified ?? false,
  minProto: base?.minProto ?? 0,
  maxProto: base?.maxProto ?? 0,
  random: base?.random ?? false,
  randomFully: base?.randomFully ?? false,
  persistent: base?.persistent ?? false,
});
