/** Quotes a word the way bash's `set -x` and `printf %q`-like output show it. */
export function quoteForTrace(word: string): string {
  if (word === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
