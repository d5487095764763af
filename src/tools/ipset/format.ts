import type { Entry } from '../../kernel/ipset/types.js';
import type { SetSnapshot } from '../../kernel/ipset/store.js';
import { timeoutGet } from '../../kernel/ipset/ext.js';
import { formatElem } from './elem.js';

const hex8 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The create options as `Header:` and a save's `create` line show them. */
export function headerText(s: SetSnapshot): string {
  const h = s.header;
  const ext = s.set.ext;
  const extText =
    (ext.timeout !== null ? ` timeout ${ext.timeout}` : '') +
    (ext.counters ? ' counters' : '') +
    (ext.comment ? ' comment' : '');
  switch (h.kind) {
    case 'hash':
      return (
        `family inet hashsize ${h.hashsize} maxelem ${h.maxelem}` +
        (h.netmask !== null && s.set.type === 'hash:ip' ? ` netmask ${h.netmask}` : '') +
        `${extText} bucketsize ${h.bucketsize} initval ${hex8(h.initval)}` +
        // hash:ip,port's netmask attribute comes last in its header.
        (h.netmask !== null && s.set.type !== 'hash:ip' ? ` netmask ${h.netmask}` : '')
      );
    case 'bitmap':
      return `range ${h.first}-${h.last}${extText}`;
    case 'list':
      return `size ${h.size}${extText}`;
  }
}

/** One member with its extensions, as list and save print it. */
export function entryText(s: SetSnapshot, e: Entry): string {
  const ext = s.set.ext;
  let t = formatElem(s.set.type, e.elem);
  if (ext.timeout !== null) t += ` timeout ${timeoutGet(e, s.now)}`;
  if (e.nomatch) t += ' nomatch';
  if (ext.counters) t += ` packets ${e.packets} bytes ${e.bytes}`;
  if (ext.comment && e.comment !== null) t += ` comment "${e.comment}"`;
  return t;
}

/** `ipset list` (plain): the header block, then the members unless terse. */
export function listText(s: SetSnapshot, terse: boolean): string {
  let t =
    `Name: ${s.set.name}\nType: ${s.set.type}\nRevision: ${s.set.revision}\n` +
    `Header: ${headerText(s)}\nSize in memory: ${s.memsize}\nReferences: ${s.references}\n` +
    `Number of entries: ${s.count}\n`;
  if (terse) return t;
  t += 'Members:\n';
  for (const e of s.entries()) t += `${entryText(s, e)}\n`;
  return t;
}

/** `ipset save` / `list -o save`: a create line, then one add line per member. */
export function saveText(s: SetSnapshot): string {
  let t = `create ${s.set.name} ${s.set.type} ${headerText(s)}\n`;
  for (const e of s.entries()) t += `add ${s.set.name} ${entryText(s, e)}\n`;
  return t;
}
