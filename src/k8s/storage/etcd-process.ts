import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway single-member etcd (Debian's etcd-server) on loopback, for the
 * tests and benchmarks that run the API server on real etcd: temp data dir,
 * free ports, stopped and removed after.
 */
export const ETCD_BINARY = '/usr/bin/etcd';

export interface EtcdProcess {
  /** The client URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Whether etcd tests can run. Missing binary: skip with a loud warning, or
 * throw when PODPATH_ETCD=required (CI installs etcd-server and sets it).
 */
export function etcdAvailable(what: string): boolean {
  if (existsSync(ETCD_BINARY)) return true;
  const message = `${what}: ${ETCD_BINARY} is not installed (apt-get install etcd-server)`;
  if (process.env.PODPATH_ETCD === 'required') throw new Error(`PODPATH_ETCD=required but ${message}`);
  console.warn(`SKIPPING ${message}`);
  return false;
}

/** A port free right now on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function healthy(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${endpoint}/health`, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('"true"')));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function startEtcd(): Promise<EtcdProcess> {
  // tmpfs where there is one: etcd fsyncs every write, and these stores are throwaway.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'podpath-etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const child = spawn(
    ETCD_BINARY,
    [
      '--name=podpath',
      `--data-dir=${join(dir, 'data')}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=podpath=${peer}`,
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    if (await healthy(endpoint)) return { endpoint, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`etcd did not become healthy on ${endpoint}:\n${stderr}`);
}
