/**
 * The real kubectl driven against a served API, shared by the API server's
 * tests (discovery, authentication, RBAC). Each run gets a fresh HOME so no
 * discovery cache or kubeconfig carries over between commands.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export const KUBECTL = '/usr/bin/kubectl';
export const haveKubectl = existsSync(KUBECTL);

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kubectl --server URL ARGS…` with stdin, its HOME a new directory under `dir`. */
export function kubectl(dir: string, server: string, args: string[], stdin = ''): Promise<KubectlRun> {
  const home = mkdtempSync(join(dir, 'home-'));
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--server', server, ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}
