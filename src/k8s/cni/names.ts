/**
 * Names the CNI plugins make up (containernetworking/plugins): the host end
 * of a pod's veth (pkg/ip RandomVethName: "veth" and 4 random bytes in hex)
 * and the per-container masquerade chain (pkg/utils FormatChainName: "CNI-"
 * and the sha512 of network name + container ID in hex, cut to 28
 * characters) with its comment (FormatComment).
 */
import { hash } from 'node:crypto';
import type { Rng } from '../../kernel/rng.js';

const MAX_CHAIN_LENGTH = 28;

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** `bytes` random bytes in hex, joined (flat) rather than concatenated (a rope of 32 pieces). */
const hex = (bytes: number, rng: Rng): string => {
  const parts = new Array<string>(bytes);
  for (let i = 0; i < bytes; i++) parts[i] = HEX_BYTE[rng.byte()];
  return parts.join('');
};

export const randomVethName = (rng: Rng): string => `veth${hex(4, rng)}`;

/** A container ID as containerd makes one: 32 random bytes in hex. */
export const randomContainerID = (rng: Rng): string => hex(32, rng);

export const cniChainName = (network: string, containerID: string): string =>
  `CNI-${hash('sha512', network + containerID, 'hex')}`.slice(0, MAX_CHAIN_LENGTH);

/** Go's %q of plain ASCII: the text in double quotes. */
export const cniComment = (network: string, containerID: string): string =>
  `name: ${JSON.stringify(network)} id: ${JSON.stringify(containerID)}`;
