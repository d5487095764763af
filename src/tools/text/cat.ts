import type { Command } from '../process.js';
import { DIRECTORY, isDirectoryOperand, parseOptions } from './input.js';

/** What coreutils cat's options ask of its output (cat.c's flags). */
interface Show {
  /** -n: every line numbered; -b: non-empty lines only (it wins over -n). */
  number: 'none' | 'all' | 'nonblank';
  /** -s: one empty line where there were several. */
  squeeze: boolean;
  /** -E: `$` before each newline. */
  ends: boolean;
  /** -T: a tab as `^I`. */
  tabs: boolean;
  /** -v: other control characters as `^X`, DEL as `^?`, bytes from 0x80 as `M-` and what is left. */
  nonprinting: boolean;
}

/** A byte as `cat -v` shows it (newline and tab are the caller's). */
function visible(byte: number): string {
  if (byte >= 0x80) return `M-${visible(byte - 0x80)}`;
  if (byte < 0x20) return `^${String.fromCharCode(byte + 0x40)}`;
  return byte === 0x7f ? '^?' : String.fromCharCode(byte);
}

/**
 * A character as `cat -v` shows its bytes. Text here is Unicode (a file
 * that is not ASCII is read as UTF-8), so a character from 0x80 on is
 * shown as the UTF-8 bytes a file holds it as.
 */
function visibleChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return visible(code);
  let out = '';
  for (const byte of Buffer.from(ch, 'utf8')) out += visible(byte);
  return out;
}

/** coreutils cat: files from the run's file system or the host (read-only), `-` and no operand mean stdin. */
export const cat: Command = async (proc) => {
  const parsed = parseOptions(proc, 'cat', 'nbsAeEtTuv', '', {
    number: 'n',
    'number-nonblank': 'b',
    'squeeze-blank': 's',
    'show-all': 'A',
    'show-ends': 'E',
    'show-tabs': 'T',
    'show-nonprinting': 'v',
  });
  if (typeof parsed === 'number') return parsed;
  const has = (...names: string[]) => parsed.opts.some((o) => names.includes(o.name));
  const show: Show = {
    number: has('b') ? 'nonblank' : has('n') ? 'all' : 'none',
    squeeze: has('s'),
    ends: has('E', 'A', 'e'),
    tabs: has('T', 'A', 't'),
    nonprinting: has('v', 'A', 'e', 't'),
  };
  const plain = show.number === 'none' && !show.squeeze && !show.ends && !show.tabs && !show.nonprinting;
  const files = parsed.operands.length ? parsed.operands : ['-'];
  let status = 0;
  // Carried from one file (and chunk) to the next, as cat's own state is.
  let lineNo = 0;
  let atLineStart = true;
  /** Newlines ending the output so far, up to 2: a third in a row is an empty line squeezed out. */
  let newlines = 1;
  const emit = (text: string) => {
    if (plain) return proc.stdout.write(text);
    let out = '';
    for (const ch of text) {
      if (ch === '\n') {
        if (show.squeeze && newlines >= 2) continue;
        newlines++;
        if (atLineStart && show.number === 'all') out += `${String(++lineNo).padStart(6)}\t`;
        out += show.ends ? '$\n' : '\n';
        atLineStart = true;
        continue;
      }
      newlines = 0;
      if (atLineStart && show.number !== 'none') out += `${String(++lineNo).padStart(6)}\t`;
      atLineStart = false;
      if (ch === '\t') out += show.tabs ? '^I' : ch;
      else out += show.nonprinting ? visibleChar(ch) : ch;
    }
    proc.stdout.write(out);
  };
  for (const file of files) {
    // stdin or an endless device (/dev/zero): copied chunk by chunk until its end or SIGPIPE.
    const stream = file === '-' ? proc.stdin : proc.openDevice?.(file);
    if (stream) {
      for (let chunk = await stream.read(); chunk !== null; chunk = await stream.read()) emit(chunk);
      continue;
    }
    const text = isDirectoryOperand(proc, file) ? DIRECTORY : proc.readFile(file);
    if (text === null || text === DIRECTORY) {
      proc.stderr.write(
        `cat: ${file}: ${text === DIRECTORY ? 'Is a directory' : 'No such file or directory'}\n`,
      );
      status = 1;
      continue;
    }
    emit(text);
  }
  return status;
};
