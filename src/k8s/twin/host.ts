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

export class Host {
  readonly steps: Step[] = [];

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
    this.steps.push({ netns, argv });
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
    const step: Step = {
      netns,
      argv,
      get stdin() {
        return again();
      },
    };
    this.steps.push(step);
    const r = await runTool(this.world, [...argv], { netns: this.netns(netns), stdin });
    if (r.status !== 0) throw new BuildStepError(step, r.status, r.stderr);
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
    if (typeof chunks === 'object')
      this.steps.push({
        netns,
        argv,
        get stdin() {
          return chunks.join('');
        },
      });
    else this.steps.push(chunks === undefined ? { netns, argv } : { netns, argv, stdin: chunks });
    return runTool(this.world, [...argv], { netns: this.netns(netns), stdin });
  }
}

/** The recorded steps as a bash script (namespaced ones under `ip netns exec`). */
export function renderSteps(steps: readonly Step[]): string {
  const q = (w: string) => (/^[\w./:,=@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return steps
    .map((s) => {
      const cmd = [...(s.netns ? ['ip', 'netns', 'exec', s.netns] : []), ...s.argv].map(q).join(' ');
      return s.stdin === undefined ? cmd : `${cmd} <<'EOF'\n${s.stdin}EOF`;
    })
    .join('\n')
    .concat('\n');
}
