import { isAscii } from 'node:buffer';
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
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

/** Where `ip netns add` mounts each named namespace (/var/run is a link to /run). */
const NETNS_DIRS: ReadonlySet<string> = new Set(['/run/netns', '/var/run/netns']);

/** The namespace name a path under /run/netns names, or null for another path. */
const netnsEntry = (abs: string): string | null =>
  NETNS_DIRS.has(posix.dirname(abs)) ? posix.basename(abs) : null;

/**
 * A directory under /proc/sys as the namespace shows it: the next part of
 * each of its sysctl keys (a device's conf directory exists while the
 * device does), null when no key lies under it. Only `net` is emulated.
 */
function sysctlDirectory(netns: Netns, abs: string): { name: string; directory: boolean }[] | null {
  const prefix = abs === '/proc/sys' ? '' : sysctlKey(abs) + '.';
  const entries = new Map<string, boolean>();
  for (const key of netns.sysctl.procKeys()) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    entries.set(dot < 0 ? rest : rest.slice(0, dot), dot >= 0);
  }
  return entries.size === 0 ? null : [...entries].map(([name, directory]) => ({ name, directory }));
}

/**
 * The files a script sees: writes go to an in-memory file system for the
 * run (host files are never written), in host directories or in ones the
 * run made (`mkdir`); reads fall back to host files read-only; /proc/sys/net
 * maps to the namespace's sysctls.
 */
export class Files {
  private readonly written = new Map<string, string>();
  /** Directories made during the run (absolute paths). */
  private readonly made = new Set<string>();
  /** Host files and directories removed during the run (`rm`): gone for the rest of it, with what is below them. */
  private readonly removed = new Set<string>();

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
    const stat = this.hostStat(abs);
    return stat === null || stat.isDirectory() ? null : readFileSync(abs);
  }

  /** A host path's stat, null when there is none or the run removed it (or a directory above it). */
  private hostStat(abs: string): Stats | null {
    if (this.removed.size > 0)
      for (let p = abs; p !== '/'; p = posix.dirname(p)) if (this.removed.has(p)) return null;
    try {
      return statSync(abs);
    } catch {
      return null;
    }
  }

  exists(path: string, cwd: string, netns: Netns): boolean {
    const abs = this.resolve(path, cwd);
    if (this.written.has(abs) || this.made.has(abs) || NETNS_DIRS.has(abs)) return true;
    const named = netnsEntry(abs);
    if (named !== null) return netns.world.named.has(named);
    if (abs.startsWith('/proc/sys/')) {
      const key = sysctlKey(abs);
      return netns.sysctl.get(key) !== undefined || netns.sysctl.isDirectory(key);
    }
    if (abs === '/proc/sys') return true;
    if (PROC_NET[abs]) return true;
    const recent = recentName(abs);
    if (recent !== null) return recentProcRead(netns, recent) !== null;
    const htable = hashlimitName(abs);
    if (htable !== null) return hashlimitProcRead(netns.netfilter, netns.world, htable) !== null;
    return this.hostStat(abs) !== null;
  }

  isDirectory(path: string, cwd: string, netns: Netns): boolean {
    const abs = this.resolve(path, cwd);
    if (this.made.has(abs) || NETNS_DIRS.has(abs) || abs === '/proc/sys') return true;
    if (abs.startsWith('/proc/sys/')) return netns.sysctl.isDirectory(sysctlKey(abs));
    if (netnsEntry(abs) !== null) return false;
    return this.hostStat(abs)?.isDirectory() ?? false;
  }

  /**
   * mkdir(2) of one directory, in memory (throws OpenError with the strerror
   * text): EEXIST when the path exists, else as open(2) resolves its parent.
   */
  makeDirectory(path: string, cwd: string, netns: Netns): void {
    const abs = this.resolve(path, cwd);
    if (abs.startsWith('/proc/') || abs.startsWith('/sys/')) {
      if (this.exists(abs, '/', netns)) throw new OpenError('File exists');
      throw new OpenError('No such file or directory');
    }
    this.checkParent(abs);
    if (this.exists(abs, '/', netns)) throw new OpenError('File exists');
    this.made.add(abs);
  }

  /**
   * A directory's entries as readdir sees them: the host's (less what the
   * run removed) with what the run wrote and made in it, the namespace's
   * under /proc/sys, the named namespaces under /run/netns; null when it is
   * not a directory.
   */
  list(path: string, cwd: string, netns: Netns): { name: string; directory: boolean }[] | null {
    const abs = this.resolve(path, cwd);
    if (abs === '/proc/sys' || abs.startsWith('/proc/sys/')) return sysctlDirectory(netns, abs);
    const entries = new Map<string, boolean>();
    // The world's named namespaces, as `ip netns` keeps them (nsfs files, one per name), in a tmpfs.
    if (NETNS_DIRS.has(abs)) for (const name of netns.world.named.keys()) entries.set(name, false);
    else if (!this.made.has(abs)) {
      if (this.hostStat(abs) === null) return null;
      try {
        for (const e of readdirSync(abs, { withFileTypes: true }))
          entries.set(
            e.name,
            e.isDirectory() || (e.isSymbolicLink() && this.isDirectory(e.name, abs, netns)),
          );
      } catch {
        return null;
      }
      for (const name of [...entries.keys()])
        if (this.removed.has(posix.join(abs, name))) entries.delete(name);
    }
    // What the run wrote and made lies in existing directories (checkParent): entries of their parent.
    for (const dir of this.made)
      if (dir !== '/' && posix.dirname(dir) === abs) entries.set(posix.basename(dir), true);
    for (const file of this.written.keys())
      if (posix.dirname(file) === abs) entries.set(posix.basename(file), false);
    return [...entries].map(([name, directory]) => ({ name, directory }));
  }

  /**
   * open(2)'s walk to the directory a new file goes in, as the kernel
   * resolves it from the root: ENOENT at the first component that does not
   * exist, ENOTDIR at one that is a file (a file written during the run is
   * never a directory; one made during it always is).
   */
  private checkParent(abs: string): void {
    let dir = '';
    for (const part of posix.dirname(abs).split('/')) {
      if (part === '') continue;
      dir += '/' + part;
      if (this.made.has(dir) || NETNS_DIRS.has(dir)) continue;
      if (this.written.has(dir)) throw new OpenError('Not a directory');
      const stat = this.hostStat(dir);
      if (stat === null) throw new OpenError('No such file or directory');
      if (!stat.isDirectory()) throw new OpenError('Not a directory');
    }
  }

  /**
   * unlink(2) or rmdir(2) in the run's view (throws OpenError): a written
   * file or made directory is dropped, a host one hidden for the rest of
   * the run. `directory`: rmdir, which takes only an empty directory.
   */
  remove(path: string, cwd: string, netns: Netns, directory: boolean): void {
    const abs = this.resolve(path, cwd);
    if (abs.startsWith('/proc/') || abs.startsWith('/sys/') || abs === '/proc' || abs === '/sys') {
      if (!this.exists(abs, '/', netns)) throw new OpenError('No such file or directory');
      throw new OpenError('Permission denied');
    }
    this.checkParent(abs);
    if (!this.exists(abs, '/', netns)) throw new OpenError('No such file or directory');
    const isDir = this.isDirectory(abs, '/', netns);
    // A trailing slash names a directory (path resolution fails on a file with ENOTDIR).
    if (!isDir && path.endsWith('/')) throw new OpenError('Not a directory');
    if (isDir !== directory) throw new OpenError(isDir ? 'Is a directory' : 'Not a directory');
    if (isDir && (this.list(abs, '/', netns) ?? []).length > 0) throw new OpenError('Directory not empty');
    this.written.delete(abs);
    this.made.delete(abs);
    if (this.hostStat(abs) !== null) this.removed.add(abs);
  }

  /** A /dev/fd path a process substitution hands out: reads give `text`. */
  provide(path: string, text: string): void {
    this.written.set(path, text);
  }

  /** Opens a file for writing (`>`, `>>`); throws OpenError. */
  openWrite(path: string, cwd: string, netns: Netns, append: boolean): OutStream {
    const abs = this.resolve(path, cwd);
    if (abs === '/dev/null') return { write() {} };
    if (abs.startsWith('/proc/sys/')) {
      const key = sysctlKey(abs);
      if (netns.sysctl.get(key) === undefined)
        throw new OpenError(netns.sysctl.isDirectory(key) ? 'Is a directory' : 'No such file or directory');
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
    if (this.isDirectory(abs, '/', netns)) throw new OpenError('Is a directory');
    // A trailing slash names a directory: open(O_CREAT) of one that is none is EISDIR.
    if (path.endsWith('/')) throw new OpenError('Is a directory');
    if (!append || !this.written.has(abs)) {
      const existing = append ? this.read(abs, '/', netns) : null;
      this.written.set(abs, existing ?? '');
    }
    return { write: (text) => void this.written.set(abs, (this.written.get(abs) ?? '') + text) };
  }
}
