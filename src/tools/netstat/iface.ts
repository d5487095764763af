import type { Proc } from '../process.js';
import type { Link } from '../../kernel/link/link.js';

/** net-tools orders interfaces by name (add_interface keeps its list sorted, digits compared as numbers). */
const byName = (a: Link, b: Link) => a.name.localeCompare(b.name, 'en', { numeric: true });

/** The Flg column: IFF_* as letters in net-tools' order. */
function flagLetters(link: Link): string {
  let f = '';
  if (link.kind !== 'loopback') f += 'B';
  if (link.kind === 'loopback') f += 'L';
  if (link.kind !== 'loopback' && link.kind !== 'dummy') f += 'M';
  if (link.kind === 'dummy') f += 'O';
  if (link.operUp) f += 'R';
  if (link.adminUp) f += 'U';
  return f;
}

/** netstat -i (ife_print_short): up interfaces only unless -a. */
export function interfaceTable(proc: Proc, all: boolean): string {
  let out =
    'Kernel Interface table\n' +
    'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';
  for (const link of [...proc.netns.links.values()].sort(byName)) {
    if (!all && !link.adminUp) continue;
    const st = link.stats;
    out +=
      `${link.name.padEnd(16)}${String(link.mtu).padStart(5)} ${String(st.rxPackets).padStart(8)} ` +
      `${String(st.rxErrors).padStart(6)} ${String(st.rxDropped).padStart(6)} ${'0'.padEnd(6)} ` +
      `${String(st.txPackets).padStart(8)} ${String(st.txErrors).padStart(6)} ${String(st.txDropped).padStart(6)} ` +
      `${'0'.padStart(6)} ${flagLetters(link)}\n`;
  }
  return out;
}
