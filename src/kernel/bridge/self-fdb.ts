import type { Link } from '../link/link.js';
import type { Mac } from '../../net/mac.js';
import { fail } from '../errno.js';

/**
 * A device's own unicast address list as `bridge fdb add ... self` edits it
 * (ndo_dflt_fdb_add/del): addresses the device accepts besides its own.
 */
const lists = new WeakMap<Link, Mac[]>();

export function selfFdb(link: Link): readonly Mac[] {
  return lists.get(link) ?? [];
}

export function selfFdbAdd(link: Link, mac: Mac): void {
  const list = lists.get(link) ?? [];
  if (list.includes(mac)) fail('EEXIST');
  list.push(mac);
  lists.set(link, list);
}

export function selfFdbDel(link: Link, mac: Mac): void {
  const list = lists.get(link) ?? [];
  const i = list.indexOf(mac);
  if (i < 0) fail('ENOENT');
  list.splice(i, 1);
}
