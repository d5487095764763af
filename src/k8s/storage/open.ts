import { EtcdStore } from './etcd.js';
import { MemoryStore } from './memory.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';
import { WatchCache } from './watch-cache.js';

/** Open the store a `--storage` URL names: `memory`, `sqlite:PATH`, `etcd://HOST:PORT[,HOST:PORT…]`. */
export function openStore(url: string): Store {
  if (url === 'memory') return new MemoryStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error(`--storage ${url}: missing file path`);
    return new SqliteStore(path);
  }
  if (url.startsWith('etcd://')) {
    const hosts = url.slice('etcd://'.length).replace(/\/$/, '').split(',').filter(Boolean);
    if (hosts.length === 0) throw new Error(`--storage ${url}: missing etcd HOST:PORT`);
    return new WatchCache(new EtcdStore(hosts.map((h) => `http://${h}`)));
  }
  throw new Error(`--storage ${url}: unsupported (use memory, sqlite:PATH or etcd://HOST:PORT)`);
}
