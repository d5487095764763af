/**
 * `kubectl exec [-n NS] POD [-c CONTAINER] [-i] [-t] -- COMMAND [ARG...]`:
 * the command runs in the pod's network namespace (its sandbox, which all
 * its containers share). A non-zero exit is reported as kubectl does:
 * `command terminated with exit code N` on stderr, and that status.
 */
import type { Proc } from '../process.js';
import type { Twin } from '../../k8s/twin/twin.js';

export async function exec(
  proc: Proc,
  twin: Twin,
  namespace: string,
  args: readonly string[],
  dash: number,
): Promise<number> {
  const before = dash < 0 ? args : args.slice(0, dash);
  const command = dash < 0 ? [] : args.slice(dash);
  if (before.length === 0) {
    proc.stderr.write(
      "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples\n",
    );
    return 1;
  }
  if (dash < 0 || before.length > 1) {
    proc.stderr.write(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    return 1;
  }
  if (command.length === 0) {
    proc.stderr.write('error: you must specify at least one command for the container\n');
    return 1;
  }
  const name = before[0].replace(/^(pods?|po)\//, '');
  const pod = twin.pods.find(
    (p) => p.sandbox.pod.metadata.name === name && p.sandbox.pod.metadata.namespace === namespace,
  );
  if (!pod) {
    proc.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
    return 1;
  }
  const netns = twin.world.named.get(pod.sandbox.netns);
  if (!netns) {
    proc.stderr.write(`error: unable to upgrade connection: container not found ("${name}")\n`);
    return 1;
  }
  const status = await proc.exec(command, { netns });
  if (status !== 0) proc.stderr.write(`command terminated with exit code ${status}\n`);
  return status;
}
