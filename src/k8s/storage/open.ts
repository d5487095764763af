import { MemoryStore } from './memory.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Open the store a `--storage` URL names: `memory`, `sqlite:PATH`. */
export function openStore(url: string): Store {
  if (url === 'memory') return new MemoryStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error(`--storage ${url}: missing file path`);
    return new SqliteStore(path);
  }
  throw new Error(`--storage ${url}: unsupported (use memory or sqlite:PATH)`);
}
