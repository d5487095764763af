import Database from 'better-sqlite3';
import {
  nextRow,
  prefixEnd,
  rowEvent,
  rowKeyValue,
  WatchHub,
  type HistoryRow,
  type WriteOp,
} from './history.js';
import {
  CompactedError,
  type KeyValue,
  type ListResult,
  type Store,
  type Watch,
  type WatchListener,
  type WriteResult,
} from './types.js';

interface SqlRow {
  id: number;
  name: string;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: string;
}

const toRow = (r: SqlRow): HistoryRow => ({
  revision: r.id,
  key: r.name,
  value: r.value,
  deleted: r.deleted === 1,
  createRevision: r.create_revision,
  prevRevision: r.prev_revision,
});

/**
 * The embedded default: one SQLite file in WAL mode holding kine's single
 * history table (`id` is the revision). Every write is one synchronous
 * transaction, so a write is durable once acknowledged and a crash leaves no
 * partial object.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly hub = new WatchHub();
  private readonly stmt;
  private readonly pending: {
    key: string;
    op: WriteOp;
    resolve(result: WriteResult): void;
    reject(error: unknown): void;
  }[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives power loss too, not only a killed process.
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kine (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        create_revision INTEGER NOT NULL,
        prev_revision INTEGER NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS kine_name_id ON kine (name, id);
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 1), ('compact_revision', 0);
    `);
    const cols = 'id, name, deleted, create_revision, prev_revision, value';
    this.stmt = {
      revision: this.db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE name = 'revision'`),
      compacted: this.db.prepare<[], { value: number }>(
        `SELECT value FROM meta WHERE name = 'compact_revision'`,
      ),
      setMeta: this.db.prepare<[number, string]>(`UPDATE meta SET value = ? WHERE name = ?`),
      latest: this.db.prepare<[string], SqlRow>(
        `SELECT ${cols} FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`,
      ),
      byId: this.db.prepare<[number], SqlRow>(`SELECT ${cols} FROM kine WHERE id = ?`),
      list: this.db.prepare<[string, string, number], SqlRow>(
        `SELECT ${cols} FROM kine WHERE id IN (SELECT MAX(id) FROM kine WHERE name >= ? AND name < ? AND id <= ? GROUP BY name) AND deleted = 0 ORDER BY name`,
      ),
      after: this.db.prepare<[string, string, number], SqlRow>(
        `SELECT ${cols} FROM kine WHERE name >= ? AND name < ? AND id > ? ORDER BY id`,
      ),
      insert: this.db.prepare<[number, string, number, number, number, string]>(
        `INSERT INTO kine (id, name, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      compact: this.db.prepare<[number, number]>(
        `DELETE FROM kine WHERE id <= ? AND (deleted = 1 OR id < (SELECT MAX(k2.id) FROM kine k2 WHERE k2.name = kine.name AND k2.id <= ?))`,
      ),
    };
  }

  async currentRevision(): Promise<number> {
    return this.revision();
  }

  async compactRevision(): Promise<number> {
    return this.stmt.compacted.get()!.value;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const row = this.stmt.latest.get(key);
    return row && row.deleted === 0 ? rowKeyValue(toRow(row)) : undefined;
  }

  async list(prefix: string, revision?: number): Promise<ListResult> {
    return this.db.transaction((): ListResult => {
      const current = this.revision();
      const at = Math.min(revision ?? current, current);
      const compacted = this.stmt.compacted.get()!.value;
      if (at < compacted) throw new CompactedError(at, compacted);
      const items = this.stmt.list.all(prefix, prefixEnd(prefix), at).map((r) => rowKeyValue(toRow(r)));
      return { items, revision: at };
    })();
  }

  async create(key: string, value: string): Promise<WriteResult> {
    return this.write(key, { kind: 'create', value });
  }

  async update(key: string, value: string, expectedRevision?: number): Promise<WriteResult> {
    return this.write(key, { kind: 'update', value, expectedRevision });
  }

  async delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    return this.write(key, { kind: 'delete', expectedRevision });
  }

  async watch(prefix: string, afterRevision: number, listener: WatchListener): Promise<Watch> {
    const compacted = this.stmt.compacted.get()!.value;
    if (afterRevision < compacted) throw new CompactedError(afterRevision, compacted);
    for (const r of this.stmt.after.all(prefix, prefixEnd(prefix), afterRevision)) {
      const row = toRow(r);
      const prev = row.prevRevision ? this.stmt.byId.get(row.prevRevision) : undefined;
      listener(rowEvent(row, prev && toRow(prev)));
    }
    return this.hub.subscribe(prefix, listener);
  }

  async compact(revision: number): Promise<void> {
    this.db.transaction(() => {
      const upTo = Math.min(revision, this.revision());
      if (upTo <= this.stmt.compacted.get()!.value) return;
      this.stmt.compact.run(upTo, upTo);
      this.stmt.setMeta.run(upTo, 'compact_revision');
    })();
  }

  async close(): Promise<void> {
    this.hub.clear();
    this.db.close();
  }

  private revision(): number {
    return this.stmt.revision.get()!.value;
  }

  /**
   * Group commit: writes that arrive in the same turn of the event loop go
   * into one transaction (one fsync), each deciding against the rows the
   * ones before it appended; every write is acknowledged, and its event
   * published, only after that transaction committed.
   */
  private write(key: string, op: WriteOp): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, op, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending.splice(0);
    const committed: { row: HistoryRow; prev: HistoryRow | undefined }[] = [];
    let results: WriteResult[];
    try {
      results = this.db
        .transaction(() => batch.map(({ key, op }) => this.append(key, op, committed)))
        .immediate();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const c of committed) this.hub.publish(rowEvent(c.row, c.prev));
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  /** Read the key's latest row, decide, append (inside the batch's transaction). */
  private append(
    key: string,
    op: WriteOp,
    committed: { row: HistoryRow; prev: HistoryRow | undefined }[],
  ): WriteResult {
    const latest = this.stmt.latest.get(key);
    const current = latest && toRow(latest);
    const revision = this.revision() + 1;
    const decided = nextRow(key, op, current, revision);
    if ('ok' in decided) return decided;
    const row = decided;
    this.stmt.insert.run(
      row.revision,
      row.key,
      row.deleted ? 1 : 0,
      row.createRevision,
      row.prevRevision,
      row.value,
    );
    this.stmt.setMeta.run(row.revision, 'revision');
    committed.push({ row, prev: current });
    return { ok: true, kv: rowKeyValue(row) };
  }
}
