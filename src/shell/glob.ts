/**
 * Pathname expansion (bash 5.2's, with its default options): a field with
 * an unquoted `*`, `?` or bracket expression becomes the paths it matches,
 * sorted (byte order: the C locale), or stays as it is when none does.
 * Each `/`-separated part is matched against one directory's entries; a
 * leading `.` must be matched by a literal one, and `.` and `..` are never
 * matched by a pattern (globskipdots). A pattern ending in `/` matches
 * directories only and keeps the slash.
 */
import { patternSource, type PatternSegment } from './pattern.js';

/** What expansion reads of the file system, and the shopt options it follows. */
export interface GlobFs {
  /** A directory's entries (as resolved from the shell's cwd), null when it is not a directory. */
  list(path: string): readonly { name: string; directory: boolean }[] | null;
  exists(path: string): boolean;
  /** A pattern's `*` and `?` match a leading dot too (never `.` or `..`). */
  readonly dotglob?: boolean;
  readonly nocaseglob?: boolean;
  /** A word that matches nothing: kept (the default), dropped (nullglob), or an error (failglob). */
  readonly unmatched?: 'keep' | 'drop' | 'fail';
}

/** Whether the field holds an unquoted glob character (a `[` only with a closing `]`). */
export function hasGlob(segments: readonly PatternSegment[]): boolean {
  for (const seg of segments) {
    if (seg.quoted) continue;
    const s = seg.text;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '*' || c === '?') return true;
      if (c === '[' && s.indexOf(']', i + 2) > i) return true;
    }
  }
  return false;
}

/** The field's segments cut at every `/` (quoted or not), one list per path part. */
function parts(segments: readonly PatternSegment[]): PatternSegment[][] {
  const out: PatternSegment[][] = [[]];
  for (const seg of segments) {
    const pieces = seg.text.split('/');
    pieces.forEach((text, k) => {
      if (k > 0) out.push([]);
      if (text !== '') out[out.length - 1].push({ text, quoted: seg.quoted });
    });
  }
  return out;
}

const textOf = (part: readonly PatternSegment[]): string => part.map((s) => s.text).join('');

/** The paths the field matches, sorted; empty when it matches none. */
export function glob(segments: readonly PatternSegment[], fs: GlobFs): string[] {
  const pathParts = parts(segments);
  // Paths so far, as they will be printed (relative ones without a leading "./").
  let paths: string[] = [''];
  let globbed = false;
  for (let k = 0; k < pathParts.length; k++) {
    const part = pathParts[k];
    const last = k === pathParts.length - 1;
    const sep = k === 0 ? '' : '/';
    if (!hasGlob(part)) {
      const name = textOf(part);
      paths = paths.map((p) => p + sep + name);
      continue;
    }
    globbed = true;
    const re = new RegExp(`^${patternSource(part)}$`, fs.nocaseglob ? 'i' : '');
    // A leading dot is matched only by a literal one, unless dotglob.
    const dotted = fs.dotglob === true || part[0].text.startsWith('.');
    const next: string[] = [];
    for (const p of paths) {
      const dir = p + sep;
      const entries = fs.list(dir === '' ? '.' : dir);
      if (entries === null) continue;
      for (const e of entries) {
        if (e.name === '.' || e.name === '..') continue;
        if (e.name.startsWith('.') && !dotted) continue;
        if (!re.test(e.name)) continue;
        // Only directories lead on (a trailing `/` is an empty last part).
        if (!last && !e.directory) continue;
        next.push(dir + e.name);
      }
    }
    paths = next;
  }
  if (!globbed) return [];
  const found = paths.filter((p) => fs.exists(p));
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
