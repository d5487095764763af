import { readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { Netns } from '../kernel/netns.js';
import { KernelError } from '../kernel/errno.js';
import type { OutStream } from '../tools/process.js';

/** A failed write (e.g. an invalid sysctl value); `echo` reports `write error: MESSAGE`. */
export class WriteError extends Error {}

/** A failed open; the message is the strerror text (`No such file or directory`). */
export class OpenError extends Error {}

const sysctlKey = (path: string) => path.slice('/proc/sys/'.length).replace(/\/+$/, '').split('/').join('.');

/**
 * The files a script sees: writes go to an in-memory file system for the
 * run (host files are never written); reads fall back to host files
 * read-only; /proc/sys/net maps to the namespace's sysctls.
 */
export class Files {
  private readonly written = new Map<string, string>();

  constructor(readonly hostCwd: string) {}

  resolve(path: string, cwd: string): string {
    return posix.resolve(cwd, path);
  }

  /** File contents, or null when it does not exist. */
  read(path: string, cwd: string, netns: Netns): string | null {
    const abs = this.resolve(path, cwd);
    if (abs === '/dev/null') return '';
    if (abs.startsWith('/proc/sys/')) {
      const value = netns.sysctl.get(sysctlKey(abs));
      return value === undefined ? null : value + '\n';
    }
    const mem = this.written.get(abs);
    if (mem !== undefined) return mem;
    try {
      if (statSync(abs).isDirectory()) return null;
      return readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
  }

  exists(path: string, cwd: string, netns: Netns): boolean {
    const abs = this.resolve(path, cwd);
    if (this.written.has(abs)) return true;
    if (abs.startsWith('/proc/sys/')) return netns.sysctl.get(sysctlKey(abs)) !== undefined;
    try {
      statSync(abs);
      return true;
    } catch {
      return false;
    }
  }

  isDirectory(path: string, cwd: string): boolean {
    try {
      return statSync(this.resolve(path, cwd)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Opens a file for writing (`>`, `>>`); throws OpenError. */
  openWrite(path: string, cwd: string, netns: Netns, append: boolean): OutStream {
    const abs = this.resolve(path, cwd);
    if (abs === '/dev/null') return { write() {} };
    if (abs.startsWith('/proc/sys/')) {
      const key = sysctlKey(abs);
      if (netns.sysctl.get(key) === undefined) throw new OpenError('No such file or directory');
      return {
        write: (text) => {
          try {
            netns.sysctl.set(key, text.trim());
          } catch (e) {
            if (e instanceof KernelError) throw new WriteError(e.message);
            throw e;
          }
        },
      };
    }
    if (abs.startsWith('/proc/') || abs.startsWith('/sys/')) throw new OpenError('No such file or directory');
    if (this.isDirectory(abs, '/')) throw new OpenError('Is a directory');
    if (!append || !this.written.has(abs)) {
      const existing = append ? this.read(abs, '/', netns) : null;
      this.written.set(abs, existing ?? '');
    }
    return { write: (text) => void this.written.set(abs, (this.written.get(abs) ?? '') + text) };
  }
}
