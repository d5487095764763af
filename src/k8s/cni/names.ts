/**
 * Names the CNI plugins make up (containernetworking/plugins): the host end
 * of a pod's veth (pkg/ip RandomVethName: "veth" and 4 random bytes in hex)
 * and the per-container masquerade chain (pkg/utils FormatChainName: "CNI-"
 * and the sha512 of network name + container ID in hex, cut to 28
 * characters) with its comment (FormatComment).
 */
import { createHash } from 'node:crypto';
import type { Rng } from '../../kernel/rng.js';

const MAX_CHAIN_LENGTH = 28;

const hex = (bytes: number, rng: Rng): string =>
  Array.from({ length: bytes }, () => rng.byte().toString(16).padStart(2, '0')).join('');

export const randomVethName = (rng: Rng): string => `veth${hex(4, rng)}`;

/** A container ID as containerd makes one: 32 random bytes in hex. */
export const randomContainerID = (rng: Rng): string => hex(32, rng);

export const cniChainName = (network: string, containerID: string): string =>
  `CNI-${createHash('sha512')
    .update(network + containerID)
    .digest('hex')}`.slice(0, MAX_CHAIN_LENGTH);

/** Go's %q of plain ASCII: the text in double quotes. */
export const cniComment = (network: string, containerID: string): string =>
  `name: ${JSON.stringify(network)} id: ${JSON.stringify(containerID)}`;
