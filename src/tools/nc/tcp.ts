import type { IPv4 } from '../../net/ipv4.js';
import type { NcRun } from './main.js';

/** TCP client: not emulated yet (the kernel has no TCP); reported as refused. */
export async function tcpClient(run: NcRun, dst: IPv4, port: number): Promise<boolean | 'fatal'> {
  void dst;
  if (run.options.verbose)
    run.proc.stderr.write(`nc: connect to ${run.options.host} port ${port} (tcp) failed: Connection refused\n`);
  return false;
}

/** TCP listener: not emulated yet. */
export async function tcpListen(run: NcRun): Promise<number> {
  void run;
  return 1;
}
