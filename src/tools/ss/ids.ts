import type { World } from '../../kernel/world.js';

/**
 * A socket's inode number and cookie as `ss -e` prints them (ino:, sk:).
 * Linux hands out socket inodes from a global counter and cookies lazily,
 * the first time something asks (so ss numbers sockets in the order it
 * first dumps them); podpath does the same per world, from 1.
 */
interface Ids {
  readonly ino: number;
  readonly cookie: number;
}

const perWorld = new WeakMap<World, { next: number; ids: WeakMap<object, Ids> }>();

export function socketIds(world: World, sock: object): Ids {
  let state = perWorld.get(world);
  if (!state) perWorld.set(world, (state = { next: 1, ids: new WeakMap() }));
  let ids = state.ids.get(sock);
  if (!ids) {
    ids = { ino: 1000 + state.next, cookie: state.next };
    state.next++;
    state.ids.set(sock, ids);
  }
  return ids;
}
