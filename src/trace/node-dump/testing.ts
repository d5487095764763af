import { DumpError } from './error.js';

/** The DumpError `fn` throws (for parser tests). */
export function dumpErrorOf(fn: () => unknown): DumpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DumpError) return e;
    throw e;
  }
  throw new Error('expected a DumpError');
}
