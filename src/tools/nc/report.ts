import type { NcRun } from './main.js';
import { serviceName } from './services.js';

/** The "nc: getnameinfo" warning netcat prints instead when -n is missing and no resolver answers. */
const NAMEINFO = 'nc: getnameinfo: Temporary failure in name resolution\n';

/** report_sock / report_connect: `Listening on`, `Bound on`, `Connection received on`. */
export function report(run: NcRun, text: string): void {
  run.proc.stderr.write(run.options.numeric ? `${text}\n` : NAMEINFO);
}

/** The -v line after a connection (or a UDP probe) succeeds. */
export function succeeded(run: NcRun, host: string, port: number, proto: 'tcp' | 'udp'): void {
  const name = serviceName(run.proc, port, proto, run.options.numeric);
  run.proc.stderr.write(`Connection to ${host} ${port} port [${proto}/${name}] succeeded!\n`);
}
