/**
 * Reading cluster.yaml: every YAML document becomes an object that remembers
 * where it came from, so later checks can name the file and line.
 */
import { LineCounter, parseAllDocuments, isNode, type Document } from 'yaml';
import { isObject, type KubeObject } from '../api/meta.js';
import { ClusterError } from './errors.js';

export interface Located<T = KubeObject> {
  readonly obj: T;
  readonly file: string;
  /** `Kind ns/name` as errors print it. */
  readonly label: string;
  /** The line of the value at `path` (the document's first line when absent). */
  line(path?: readonly (string | number)[]): number;
}

export function objectLabel(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind ?? '?'} ${ns ? `${ns}/` : ''}${obj.metadata.name ?? '<unnamed>'}`;
}

export function parseClusterYAML(text: string, file: string): Located[] {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  const out: Located[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0] ?? counter.linePos(err.pos[0]);
      throw new ClusterError(file, pos.line, '', `YAML: ${err.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue; // an empty document (a stray `---`)
    const start = counter.linePos(doc.contents?.range?.[0] ?? 0).line;
    if (!isObject(value))
      throw new ClusterError(file, start, '', 'a document must be a mapping (a Kubernetes object)');
    const obj = value as unknown as KubeObject;
    if (!isObject(obj.metadata)) obj.metadata = {};
    out.push({
      obj,
      file,
      // Read when an error is raised, after the namespace has been defaulted.
      get label() {
        return objectLabel(obj);
      },
      line: (path) => lineOf(doc, counter, path) ?? start,
    });
  }
  return out;
}

function lineOf(
  doc: Document,
  counter: LineCounter,
  path?: readonly (string | number)[],
): number | undefined {
  if (!path) return undefined;
  // Walk up the path until a node exists: a missing field is reported where its parent is.
  for (let n = path.length; n > 0; n--) {
    const node: unknown = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}
