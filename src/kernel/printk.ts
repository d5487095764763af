import type { World } from './world.js';

/** One kernel log record: virtual time (ms since boot), syslog level, text. */
export interface LogRecord {
  readonly at: number;
  readonly level: number;
  readonly text: string;
}

/** __LOG_BUF_LEN would bound bytes; bounding records keeps the same "oldest fall off" behaviour. */
const MAX_RECORDS = 4096;

/** The kernel log ring buffer (what dmesg reads); one per machine, shared by all namespaces. */
export class KernelLog {
  private readonly records: LogRecord[] = [];

  push(record: LogRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.shift();
  }

  list(): readonly LogRecord[] {
    return this.records;
  }

  clear(): void {
    this.records.length = 0;
  }
}

const logs = new WeakMap<World, KernelLog>();

/** The world's kernel log, created on first use. */
export function kernelLog(world: World): KernelLog {
  let log = logs.get(world);
  if (!log) {
    log = new KernelLog();
    logs.set(world, log);
  }
  return log;
}

/** printk: appends a line at the current virtual time. */
export function printk(world: World, level: number, text: string): void {
  kernelLog(world).push({ at: world.clock.now, level, text });
}
