/**
 * Label and field selectors as apimachinery parses them
 * (k8s.io/apimachinery/pkg/labels/selector.go, pkg/fields/selector.go).
 */

export type Requirement =
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'exists' | '!' };

export type Selector = readonly Requirement[];

export class SelectorError extends Error {}

/** Split on commas that are not inside parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

const LABEL_KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

export function parseLabelSelector(text: string): Selector {
  return terms(text).map((term): Requirement => {
    let m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m)
      return checked({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()) });
    m = /^(.+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (m) return checked({ key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] });
    if (term.startsWith('!')) return checked({ key: term.slice(1).trim(), op: '!' });
    return checked({ key: term, op: 'exists' });
  });
}

function checked(req: Requirement): Requirement {
  if (!LABEL_KEY.test(req.key))
    throw new SelectorError(`unable to parse requirement: found '${req.key}', expected: identifier`);
  return req;
}

/** Field selectors only know `=`, `==` and `!=`. */
export function parseFieldSelector(text: string): Selector {
  return terms(text).map((term): Requirement => {
    const m = /^([^=!]+)(==|!=|=)(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  });
}

/** Whether `fields` (label map, or field values by path) satisfy every requirement. */
export function matches(selector: Selector, fields: Readonly<Record<string, string | undefined>>): boolean {
  return selector.every((req) => {
    const value = fields[req.key];
    switch (req.op) {
      case 'exists':
        return value !== undefined;
      case '!':
        return value === undefined;
      case 'in':
        return value !== undefined && req.values.includes(value);
      case 'notin':
        return value === undefined || !req.values.includes(value);
    }
  });
}
