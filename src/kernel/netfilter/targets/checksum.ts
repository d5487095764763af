import type { TargetImpl } from '../context.js';

/**
 * CHECKSUM (xt_CHECKSUM.c checksum_tg): computes a checksum a device would
 * have offloaded (CHECKSUM_PARTIAL). podpath carries no checksums and
 * offloads nothing, so the packet goes on unchanged.
 */
export const CHECKSUM: TargetImpl = {
  action: () => 'CONTINUE',
};
