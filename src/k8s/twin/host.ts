/**
 * How the cluster's components reach a node's kernel: by running the same
 * programs their real counterparts run (`ip`, `sysctl`, `iptables`,
 * `iptables-restore`), in the namespace they would run in. Every step is
 * recorded, so the build can be read (and replayed on real Linux) as the
 * shell commands it amounts to.
 */
import type { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import { runTool } from '../../tools/testing.js';

/** One command a component ran: argv, the namespace it ran in (null: the initial one), its stdin. */
export interface Step {
  readonly netns: string | null;
  readonly argv: readonly string[];
  readonly stdin?: string;
}

/** A component's command failed: the twin's own build is wrong (an invariant, not user input). */
export class BuildStepError extends Error {
  constructor(
    readonly step: Step,
    readonly status: number,
    readonly stderr: string,
  ) {
    super(`${step.netns ? `[${step.netns}] ` : ''}${step.argv.join(' ')}: exit ${status}: ${stderr.trim()}`);
    this.name = 'BuildStepError';
  }
}

/**
 * The steps, kept compact: a cluster of 30,000 pods records some 600,000
 * commands, and an object and an array per command would cost more than
 * their words. The words of every command go in one list (the strings are
 * the callers', mostly shared with the kernel's objects); a Step is made
 * when read.
 */
export class StepLog implements Iterable<Step> {
  private netns: (string | null)[] = [];
  private words: string[] = [];
  /** Where each step's words end in `words`. */
  private ends: number[] = [];
  /** The stdin of the steps that have one: its text, or what makes it again when read. */
  private inputs = new Map<number, string | (() => string)>();

  get length(): number {
    return this.ends.length;
  }

  /** Only to 0: forgets every step (a served twin keeps none of its syncs). */
  set length(n: number) {
    if (n !== 0) throw new RangeError('a step log is only cleared');
    this.netns = [];
    this.words = [];
    this.ends = [];
    this.inputs = new Map();
  }

  push(netns: string | null, argv: readonly string[], stdin?: string | (() => string)): void {
    if (stdin !== undefined) this.inputs.set(this.ends.length, stdin);
    this.netns.push(netns);
    for (const w of argv) this.words.push(w);
    this.ends.push(this.words.length);
  }

  at(i: number): Step {
    const argv = this.words.slice(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
    const input = this.inputs.get(i);
    if (input === undefined) return { netns: this.netns[i], argv };
    return { netns: this.netns[i], argv, stdin: typeof input === 'string' ? input : input() };
  }

  *[Symbol.iterator](): Generator<Step, undefined, unknown> {
    for (let i = 0; i < this.ends.length; i++) yield this.at(i);
  }
}

export class Host {
  readonly steps = new StepLog();

  constructor(readonly world: World) {}

  netns(name: string | null): Netns {
    if (name === null) return this.world.root;
    const ns = this.world.named.get(name);
    if (!ns) throw new Error(`no namespace ${name}`);
    return ns;
  }

  /** Runs a command; a non-zero status is a BuildStepError. Returns its stdout. */
  async run(netns: string | null, argv: readonly string[], stdin?: string): Promise<string> {
    const r = await this.try(netns, argv, stdin);
    if (r.status !== 0) throw new BuildStepError({ netns, argv, stdin }, r.status, r.stderr);
    return r.stdout;
  }

  /**
   * Records a read-only command whose answer the caller takes from the
   * kernel state the command would print (see iptables-client listChains):
   * the step stays in the replayable build, the formatting is skipped.
   */
  record(netns: string | null, argv: readonly string[]): Netns {
    this.steps.push(netns, argv);
    return this.netns(netns);
  }

  /**
   * Runs a command fed `stdin`, recording a step whose stdin is made again
   * by `again` when read: a large input is not kept alive by the record.
   */
  async runLazy(
    netns: string | null,
    argv: readonly string[],
    again: () => string,
    stdin: string | readonly string[],
  ): Promise<string> {
    this.steps.push(netns, argv, again);
    const r = await runTool(this.world, [...argv], { netns: this.netns(netns), stdin });
    if (r.status !== 0) throw new BuildStepError({ netns, argv, stdin: again() }, r.status, r.stderr);
    return r.stdout;
  }

  /** Runs a command whose failure is an answer (`iptables -C`): resolves to its status and output. */
  async try(
    netns: string | null,
    argv: readonly string[],
    stdin?: string | readonly string[],
  ): Promise<{ status: number; stdout: string; stderr: string }> {
    // A pipe's writes (a list) are recorded as the text they make, put together when read.
    const chunks = stdin;
    this.steps.push(netns, argv, typeof chunks === 'object' ? () => chunks.join('') : chunks);
    return runTool(this.world, [...argv], { netns: this.netns(netns), stdin });
  }
}

/** The recorded steps as a bash script (namespaced ones under `ip netns exec`). */
export function renderSteps(steps: Iterable<Step>): string {
  const q = (w: string) => (/^[\w./:,=@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  const lines: string[] = [];
  for (const s of steps) {
    const cmd = [...(s.netns ? ['ip', 'netns', 'exec', s.netns] : []), ...s.argv].map(q).join(' ');
    lines.push(s.stdin === undefined ? cmd : `${cmd} <<'EOF'\n${s.stdin}EOF`);
  }
  return lines.join('\n').concat('\n');
}
