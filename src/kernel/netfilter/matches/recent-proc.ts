import type { Netns } from '../../netns.js';
import type { ErrnoName } from '../../errno.js';
import { formatIPv4 } from '../../../net/ipv4.js';
import { jiffies } from '../../jiffies.js';
import { printk } from '../../printk.js';
import { namedStates } from '../named-state.js';
import type { RecentEntry } from './recent.js';
import { recentTable } from './recent.js';

/** sizeof("+b335:1d35:1e55:dead:c0de:1715:5afe:c0de"): longer writes are cut to this. */
const WRITE_MAX = 41;
const KERN_INFO = 6;

/** The tables under /proc/net/xt_recent, by name. */
export const recentNames = (netns: Netns): string[] => namedStates(netns.netfilter, 'recent');

const addrText = (a: number | string) => (typeof a === 'number' ? formatIPv4(a) : a);

/** recent_seq_show for each entry: the last stamp, the ring position, then every stamp. */
function entryLine(e: RecentEntry, mask: number): string {
  const last = e.stamps[(e.index - 1) & mask];
  let s = `src=${addrText(e.addr)} ttl: ${e.ttl} last_seen: ${last} oldest_pkt: ${e.index}`;
  for (let i = 0; i < e.nstamps; i++) s += `${i ? ',' : ''} ${e.stamps[i]}`;
  return s + '\n';
}

/** Contents of /proc/net/xt_recent/NAME, or null when there is no such table. */
export function recentProcRead(netns: Netns, name: string): string | null {
  const t = recentTable(netns.netfilter, name);
  if (!t) return null;
  let s = '';
  for (const e of t.entries.values()) s += entryLine(e, t.nstampsMaxMask);
  return s;
}

/** One write(2) to an open /proc/net/xt_recent/NAME: bytes taken, or the errno. */
export type ProcWrite =
  { readonly ok: true; readonly written: number } | { readonly ok: false; readonly error: ErrnoName };

/**
 * recent_mt_proc_write: `/` flushes, `+ADDR` adds or refreshes, `-ADDR`
 * removes; one command per write at offset 0 (a second write on the same
 * open file after an address is ESPIPE). The address ends at a newline.
 */
export function recentProcWrite(netns: Netns, name: string, text: string, offset: number): ProcWrite {
  const t = recentTable(netns.netfilter, name);
  if (!t) return { ok: false, error: 'ENOENT' };
  if (text.length === 0) return { ok: true, written: 0 };
  const size = Math.min(text.length, WRITE_MAX);
  const buf = text.slice(0, size);
  if (offset !== 0) return { ok: false, error: 'ESPIPE' };
  const op = buf[0];
  if (op === '/') {
    t.flush();
    return { ok: true, written: size };
  }
  if (op !== '+' && op !== '-') {
    printk(netns.world, KERN_INFO, 'xt_recent: Need "+ip", "-ip" or "/"');
    return { ok: false, error: 'EINVAL' };
  }
  const body = buf.slice(1);
  const addr = body.includes(':') ? in6Pton(body) : in4Pton(body);
  if (addr === null) {
    printk(netns.world, KERN_INFO, 'xt_recent: illegal address written to procfs');
    return { ok: false, error: 'EINVAL' };
  }
  const e = t.lookup(addr, 0);
  const now = jiffies(netns.world);
  if (!e) {
    if (op === '+') t.add(addr, 0, now);
  } else if (op === '+') t.touch(e, now);
  else t.remove(e);
  return { ok: true, written: size };
}

/** The text up to the delimiter (newline) or the end, as in[46]_pton stop. */
const upToDelim = (s: string) => {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
};

/** in4_pton with '\n' as delimiter: exactly four decimal parts, each at most 255. */
export function in4Pton(text: string): number | null {
  const parts = upToDelim(text).split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((a, p) => a * 256 + Number(p), 0) >>> 0;
}

/** in6_pton with '\n' as delimiter, as %pI6 prints it back: eight zero-padded groups. */
export function in6Pton(text: string): string | null {
  let s = upToDelim(text);
  let tail: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const a = in4Pton(v4[2]);
    if (a === null) return null;
    tail = [a >>> 16, a & 0xffff];
    s = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const words = [
    ...head.map((g) => parseInt(g, 16)),
    ...new Array<number>(8 - given).fill(0),
    ...rest.map((g) => parseInt(g, 16)),
    ...tail,
  ];
  return words.map((w) => w.toString(16).padStart(4, '0')).join(':');
}
