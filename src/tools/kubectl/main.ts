/**
 * kubectl against the cluster twin a lab runs in (`podpath run --cluster`):
 * `get` and `exec`. The twin plays the API server; without one, kubectl
 * fails as it does with no server to talk to.
 */
import type { Command } from '../process.js';
import { twinOf } from '../../k8s/twin/twin.js';
import { get } from './get.js';
import { exec } from './exec.js';

interface Global {
  namespace: string;
  allNamespaces: boolean;
  output: string | null;
  container: string | null;
  args: string[];
  /** Where `--` split the words (index into args), -1 when absent. */
  dash: number;
}

/** Flags before `--`, wherever they stand (cobra interleaves flags and arguments). */
function parse(words: readonly string[]): Global | string {
  const g: Global = {
    namespace: 'default',
    allNamespaces: false,
    output: null,
    container: null,
    args: [],
    dash: -1,
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const value = (flag: string): string | null => {
      if (w === flag) return words[++i] ?? null;
      return w.startsWith(`${flag}=`)
        ? w.slice(flag.length + 1)
        : flag.length === 2 && w.startsWith(flag)
          ? w.slice(2)
          : null;
    };
    if (w === '--') {
      g.dash = g.args.length;
      g.args.push(...words.slice(i + 1));
      break;
    }
    let v: string | null;
    if ((v = value('-n')) !== null || (v = value('--namespace')) !== null) g.namespace = v;
    else if ((v = value('-o')) !== null || (v = value('--output')) !== null) g.output = v;
    else if ((v = value('-c')) !== null || (v = value('--container')) !== null) g.container = v;
    else if (w === '-A' || w === '--all-namespaces') g.allNamespaces = true;
    else if (w === '-i' || w === '-t' || w === '-it' || w === '-ti' || w === '--stdin' || w === '--tty')
      continue;
    else if (w.startsWith('-') && w !== '-') return `error: unknown flag: ${w}`;
    else g.args.push(w);
  }
  return g;
}

export const kubectl: Command = async (proc) => {
  const twin = twinOf(proc.world);
  const g = parse(proc.argv.slice(1));
  if (typeof g === 'string') {
    proc.stderr.write(`${g}\nSee 'kubectl --help' for usage.\n`);
    return 1;
  }
  const [verb, ...rest] = g.args;
  if (verb !== 'get' && verb !== 'exec') {
    proc.stderr.write(
      verb === undefined
        ? 'kubectl controls the Kubernetes cluster manager.\n'
        : `error: unknown command "${verb}" for "kubectl"\n`,
    );
    return 1;
  }
  if (!twin) {
    proc.stderr.write(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
    return 1;
  }
  if (verb === 'get')
    return get(proc, twin, {
      namespace: g.namespace,
      allNamespaces: g.allNamespaces,
      output: g.output,
      args: rest,
    });
  return exec(proc, twin, g.namespace, rest, g.dash < 0 ? -1 : g.dash - 1);
};
