/**
 * Shell patterns (`case`, `[[ == ]]`, `${X#pat}`): `*`, `?`, `[...]`.
 * A pattern is a list of segments; quoted text matches literally.
 */
import { POSIX_CLASSES } from '../tools/text/regex.js';

export interface PatternSegment {
  text: string;
  quoted: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The regular expression source for a pattern (no anchors). */
export function patternSource(segments: PatternSegment[]): string {
  let re = '';
  for (const seg of segments) {
    if (seg.quoted) {
      re += escapeRe(seg.text);
      continue;
    }
    const s = seg.text;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '*') re += '[\\s\\S]*';
      else if (c === '?') re += '[\\s\\S]';
      else if (c === '\\' && i + 1 < s.length) re += escapeRe(s[++i]);
      else if (c === '[') {
        const end = findBracketEnd(s, i);
        if (end < 0) {
          re += '\\[';
          continue;
        }
        let body = s.slice(i + 1, end);
        let negate = false;
        if (body[0] === '!' || body[0] === '^') {
          negate = true;
          body = body.slice(1);
        }
        // Class bodies are already regex source: escape only the text around them.
        const cls = body
          .split(/(\[:\w+:\])/)
          .map((part, k) =>
            k % 2 === 1
              ? (CLASSES[part.slice(2, -2)] ?? '')
              : part.replace(/\\(?![dswDSW])|]/g, (m) => (m === ']' ? '\\]' : '\\\\')),
          )
          .join('');
        re += `[${negate ? '^' : ''}${cls}]`;
        i = end;
      } else re += escapeRe(c);
    }
  }
  return re;
}

/** bash's glob adds `[:word:]` to the POSIX classes. */
const CLASSES: Readonly<Record<string, string>> = { ...POSIX_CLASSES, word: '\\w' };

function findBracketEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '!' || s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '[' && s[i + 1] === ':') {
      const close = s.indexOf(':]', i + 2);
      if (close >= 0) {
        i = close + 1;
        continue;
      }
    }
    if (s[i] === ']') return i;
  }
  return -1;
}

export function matchPattern(text: string, segments: PatternSegment[]): boolean {
  return new RegExp(`^${patternSource(segments)}$`).test(text);
}

/** `${X#pat}` and friends: removes the shortest/longest matching prefix or suffix. */
export function trimPattern(
  text: string,
  segments: PatternSegment[],
  side: 'prefix' | 'suffix',
  longest: boolean,
): string {
  const re = new RegExp(`^${patternSource(segments)}$`);
  if (side === 'prefix') {
    if (longest) {
      for (let n = text.length; n >= 0; n--) if (re.test(text.slice(0, n))) return text.slice(n);
    } else for (let n = 0; n <= text.length; n++) if (re.test(text.slice(0, n))) return text.slice(n);
  } else if (longest) {
    for (let n = 0; n <= text.length; n++) if (re.test(text.slice(n))) return text.slice(0, n);
  } else for (let n = text.length; n >= 0; n--) if (re.test(text.slice(n))) return text.slice(0, n);
  return text;
}

/** `${X/pat/rep}`: longest match at the leftmost position. */
export function replacePattern(
  text: string,
  segments: PatternSegment[],
  replacement: string,
  all: boolean,
  anchor: '' | '#' | '%',
): string {
  const src = patternSource(segments);
  if (anchor === '#') {
    const m = new RegExp(`^(?:${src})`).exec(text);
    return m && (m[0] !== '' || src !== '') ? replacement + text.slice(m[0].length) : text;
  }
  if (anchor === '%') {
    for (let n = 0; n <= text.length; n++)
      if (new RegExp(`^(?:${src})$`).test(text.slice(n))) return text.slice(0, n) + replacement;
    return text;
  }
  if (src === '') return text;
  const re = new RegExp(src, all ? 'g' : '');
  return text.replace(re, () => replacement);
}
