import { isAscii } from 'node:buffer';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { Netns } from '../kernel/netns.js';
import { ERRNO, KernelError } from '../kernel/errno.js';
import { recentProcRead, recentProcWrite } from '../kernel/netfilter/matches/recent-proc.js';
import { hashlimitProcRead } from '../kernel/netfilter/matches/hashlimit.js';
import { netstatProcRead, snmpProcRead } from '../kernel/snmp-proc.js';
import type { InStream, OutStream } from '../tools/process.js';
import { asciiInput, stringInput } from '../tools/process.js';

/** A failed write (e.g. an invalid sysctl value); `echo` reports `write error: MESSAGE`. */
export class WriteError extends Error {}

/** A failed open; the message is the strerror text (`No such file or directory`). */
export class OpenError extends Error {}

/** The file name under a /proc/net directory, or null for another path. */
const procEntry = (dir: string, abs: string): string | null =>
  abs.startsWith(dir) && !abs.slice(dir.length).includes('/') ? abs.slice(dir.length) : null;
const recentName = (abs: string) => procEntry('/proc/net/xt_recent/', abs);
const hashlimitName = (abs: string) => procEntry('/proc/net/ipt_hashlimit/', abs);
/** The namespace's own /proc/net files (never the host's). */
const PROC_NET: Readonly<Record<string, (netns: Netns) => string>> = {
  '/proc/net/snmp': snmpProcRead,
  '/proc/net/netstat': netstatProcRead,
};

/**
 * An open /proc/net/xt_recent/NAME. The shell's stdout is line-buffered
 * (bash sets it so), so each line reaches the kernel as its own write(2);
 * a short write is retried from where it stopped, at the new offset.
 */
function recentWriter(netns: Netns, name: string): OutStream {
  let offset = 0;
  return {
    write(text) {
      for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
        let rest = line;
        while (rest.length > 0) {
          const r = recentProcWrite(netns, name, rest, offset);
          if (!r.ok) throw new WriteError(ERRNO[r.error].message);
          if (r.written === 0) break;
          if (rest[0] !== '/') offset += r.written;
          rest = rest.slice(r.written);
        }
      }
    },
  };
}

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
    const procNet = PROC_NET[abs];
    if (procNet) return procNet(netns);
    const recent = recentName(abs);
    if (recent !== null) return recentProcRead(netns, recent);
    const htable = hashlimitName(abs);
    if (htable !== null) return hashlimitProcRead(netns.netfilter, netns.world, htable);
    const mem = this.written.get(abs);
    if (mem !== undefined) return mem;
    const bytes = this.hostBytes(abs);
    // ASCII (the common case: rulesets, scripts) decodes as latin1 at half the cost of UTF-8, to the same string.
    return bytes === null ? null : isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  }

  /**
   * The file as a `<` redirect reads it, null when it does not exist: a
   * host file of ASCII text is handed over as its bytes (asciiInput), so a
   * reader that works on bytes never decodes it.
   */
  input(path: string, cwd: string, netns: Netns): InStream | null {
    const abs = this.resolve(path, cwd);
    if (abs === '/dev/null' || abs.startsWith('/proc/') || this.written.has(abs)) {
      const text = this.read(path, cwd, netns);
      return text === null ? null : stringInput(text);
    }
    const bytes = this.hostBytes(abs);
    if (bytes === null) return null;
    return isAscii(bytes) ? asciiInput(bytes) : stringInput(bytes.toString('utf8'));
  }

  /** A host file's bytes (read-only), null when there is none or it is a directory. */
  private hostBytes(abs: string): Buffer | null {
    try {
      return statSync(abs).isDirectory() ? null : readFileSync(abs);
    } catch {
      return null;
    }
  }

  exists(path: string, cwd: string, netns: Netns): boolean {
    const abs = this.resolve(path, cwd);
    if (this.written.has(abs)) return true;
    if (abs.startsWith('/proc/sys/')) return netns.sysctl.get(sysctlKey(abs)) !== undefined;
    if (PROC_NET[abs]) return true;
    const recent = recentName(abs);
    if (recent !== null) return recentProcRead(netns, recent) !== null;
    const htable = hashlimitName(abs);
    if (htable !== null) return hashlimitProcRead(netns.netfilter, netns.world, htable) !== null;
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

  /**
   * A directory's entries as readdir sees them: the host's, plus the files
   * written during the run directly in it; null when it is not a directory.
   */
  list(path: string, cwd: string): { name: string; directory: boolean }[] | null {
    const abs = this.resolve(path, cwd);
    const entries = new Map<string, boolean>();
    try {
      for (const e of readdirSync(abs, { withFileTypes: true }))
        entries.set(e.name, e.isDirectory() || (e.isSymbolicLink() && this.isDirectory(e.name, abs)));
    } catch {
      return null;
    }
    // Written files are in host directories (checkParent): each is one of its directory's entries.
    for (const file of this.written.keys())
      if (posix.dirname(file) === abs) entries.set(posix.basename(file), false);
    return [...entries].map(([name, directory]) => ({ name, directory }));
  }

  /**
   * open(2)'s walk to the directory a new file goes in, as the kernel
   * resolves it from the root: ENOENT at the first component that does not
   * exist, ENOTDIR at one that is a file. Directories are the host's (a
   * run makes none), so a file written during the run is never one.
   */
  private checkParent(abs: string): void {
    let dir = '';
    for (const part of posix
      .dirname(abs)
      .split('/')
      .filter((p) => p !== '')) {
      dir += '/' + part;
      if (this.written.has(dir)) throw new OpenError('Not a directory');
      let directory: boolean;
      try {
        directory = statSync(dir).isDirectory();
      } catch {
        throw new OpenError('No such file or directory');
      }
      if (!directory) throw new OpenError('Not a directory');
    }
  }

  /** Opens a file for writing (`>`, `>>`); throws OpenError. */
  openWrite(path: string, cwd: string, netns: Netns, append: boolean): OutStream {
    const abs = this.resolve(path, cwd);
    if (abs === '/dev/null') return { write() {} };
    if (abs.startsWith('/proc/sys/')) {
      const key = sysctlKey(abs);
      if (netns.sysctl.get(key) === undefined) throw new OpenError('No such file or directory');
      if (!netns.sysctl.writable(key)) throw new OpenError('Permission denied');
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
    const recent = recentName(abs);
    if (recent !== null) {
      if (recentProcRead(netns, recent) === null) throw new OpenError('No such file or directory');
      return recentWriter(netns, recent);
    }
    if (abs.startsWith('/proc/') || abs.startsWith('/sys/')) throw new OpenError('No such file or directory');
    this.checkParent(abs);
    if (this.isDirectory(abs, '/')) throw new OpenError('Is a directory');
    if (!append || !this.written.has(abs)) {
      const existing = append ? this.read(abs, '/', netns) : null;
      this.written.set(abs, existing ?? '');
    }
    return { write: (text) => void this.written.set(abs, (this.written.get(abs) ?? '') + text) };
  }
}
