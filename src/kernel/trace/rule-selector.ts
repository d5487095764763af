import { formatIPv4 } from '../../net/ipv4.js';
import type { Rule } from '../route/rules.js';

const prefixText = (addr: number, len: number): string =>
  len === 32 ? formatIPv4(addr) : `${formatIPv4(addr)}/${len}`;

/**
 * What a policy rule matches, in `ip rule`'s words (`from 10.0.1.0/24`,
 * `from all fwmark 0x1`, `not from all iif eth0`): the trace names the rule
 * that chose the table by its selector, which says why this packet took it.
 */
export function ruleSelector(r: Rule): string {
  const parts = [r.invert ? 'not' : '', r.srcLen ? `from ${prefixText(r.src, r.srcLen)}` : 'from all'];
  if (r.dstLen) parts.push(`to ${prefixText(r.dst, r.dstLen)}`);
  if (r.tos) parts.push(`tos 0x${r.tos.toString(16).padStart(2, '0')}`);
  if (r.mark || r.markMask) {
    const mask = r.markMask !== 0xffffffff ? `/0x${r.markMask.toString(16)}` : '';
    parts.push(`fwmark 0x${r.mark.toString(16)}${mask}`);
  }
  if (r.iif !== null) parts.push(`iif ${r.iif}`);
  if (r.oif !== null) parts.push(`oif ${r.oif}`);
  return parts.filter(Boolean).join(' ');
}
